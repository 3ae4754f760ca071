import type { RequestHandler } from "express";
import { isAllowedWebOrigin, type ClientRegistry } from "./clients.js";

/**
 * Headers the SDK sends cross-origin: `Content-Type` (JSON or form body) and
 * `Auth0-Client` (base64 SDK name and version) on /oauth/token and
 * /oauth/revoke, and `Authorization` on /userinfo.
 */
const ALLOWED_REQUEST_HEADERS = "Auth0-Client, Content-Type, Authorization";

/**
 * Adds CORS headers for allowed web origins only, echoing the one origin
 * instead of `*`. A preflight from any other origin gets 403, so the browser
 * never sends the real request.
 */
export function allowWebOrigins(clients: ClientRegistry): RequestHandler {
  return (request, response, next) => {
    const origin = request.get("origin");
    if (origin === undefined) {
      next();
      return;
    }
    response.vary("Origin");
    const allowed = isAllowedWebOrigin(clients, origin);
    if (allowed) {
      response.set("Access-Control-Allow-Origin", origin);
    }
    if (request.method !== "OPTIONS") {
      next();
      return;
    }
    if (!allowed) {
      response
        .status(403)
        .type("text/plain")
        .send(`The origin ${origin} is not an allowed web origin of this issuer: add it to DEV_ISSUER_WEB_ORIGINS.\n`);
      return;
    }
    response
      .status(204)
      .set({
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": ALLOWED_REQUEST_HEADERS,
        "Access-Control-Max-Age": "600",
      })
      .end();
  };
}
