import express, { type Response, type Router } from "express";
import { createLocalJWKSet, jwtVerify, errors } from "jose";
import type { IssuerContext } from "./issuer-context.js";
import { SIGNING_ALGORITHM } from "./keys.js";
import { profileClaims, userinfoAudience } from "./tokens.js";

/** Route for GET /userinfo, which accepts only this issuer's access tokens carrying the userinfo audience. */
export function createUserinfoRouter(context: IssuerContext): Router {
  const router = express.Router();
  const keySet = createLocalJWKSet({ keys: [context.tokens.key.publicJwk] });
  const audience = userinfoAudience(context.tokens.issuer);

  router.get("/userinfo", async (request, response) => {
    const header = request.get("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
    if (match?.[1] === undefined) {
      rejectToken(response, "invalid_request", "Send the access token in an Authorization: Bearer header");
      return;
    }

    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], keySet, {
        issuer: context.tokens.issuer,
        audience,
        algorithms: [SIGNING_ALGORITHM],
        currentDate: new Date(context.tokens.now()),
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        rejectToken(response, "invalid_token", `The access token is invalid: ${error.message}`);
        return;
      }
      throw error;
    }

    const sub = String(payload.sub ?? "");
    const user = context.users.get(sub);
    const scope = typeof payload.scope === "string" ? payload.scope : "";
    response.set("Cache-Control", "no-store").json({ sub, ...(user === undefined ? {} : profileClaims(user, scope)) });
  });

  return router;
}

/** Sends 401 with the WWW-Authenticate header of RFC 6750 section 3. */
function rejectToken(response: Response, code: "invalid_request" | "invalid_token", description: string): void {
  const quoted = description.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  response
    .status(401)
    .set("WWW-Authenticate", `Bearer error="${code}", error_description="${quoted}"`)
    .json({ error: code, error_description: description });
}
