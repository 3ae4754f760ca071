import express, { type Router } from "express";
import { isAllowedLogoutUrl, type Client } from "./clients.js";
import type { IssuerContext } from "./issuer-context.js";
import { escapeHtml, sendErrorPage, sendPage } from "./pages.js";
import { readParameter } from "./request-parameters.js";

/** Route for GET /v2/logout, Auth0's logout endpoint that the SDK's logout() navigates to. */
export function createLogoutRouter(context: IssuerContext): Router {
  const router = express.Router();

  router.get("/v2/logout", (request, response) => {
    const clientId = readParameter(request.query, "client_id");
    const returnTo = readParameter(request.query, "returnTo");
    if (!clientId.ok) {
      sendErrorPage(response, 400, "Invalid logout request", clientId.problem);
      return;
    }
    if (!returnTo.ok) {
      sendErrorPage(response, 400, "Invalid logout request", returnTo.problem);
      return;
    }

    let clients: Client[] = [...context.clients.values()];
    if (clientId.value !== undefined) {
      const client = context.clients.get(clientId.value);
      if (client === undefined) {
        sendErrorPage(response, 400, "Unknown client", `The client_id "${clientId.value}" is not registered with this issuer.`);
        return;
      }
      clients = [client];
    }

    // The session stays when returnTo is rejected. A logout link must not double
    // as an open redirect, and nothing should happen that the page does not report.
    if (returnTo.value !== undefined && !clients.some((client) => isAllowedLogoutUrl(client, returnTo.value ?? ""))) {
      context.logger.warn({ clientId: clientId.value }, "logout rejected: returnTo is not an allowed logout URL");
      sendErrorPage(
        response,
        400,
        "Logout URL not allowed",
        `The returnTo URL "${returnTo.value}" is not an allowed logout URL. ` +
          `Allowed: ${clients.flatMap((client) => client.logoutUrls).join(", ")}. Add it to DEV_ISSUER_LOGOUT_URLS.`,
      );
      return;
    }

    const ended = context.sessions.find(request);
    context.sessions.end(request, response);
    context.logger.info({ sub: ended?.session.user.sub, clientId: clientId.value }, "user signed out");

    if (returnTo.value !== undefined) {
      response.set("Cache-Control", "no-store").redirect(302, returnTo.value);
      return;
    }
    sendPage(response, {
      title: "Signed out · Noticeboard development issuer",
      body: `<h1>Signed out</h1>\n<p>You are signed out of the development issuer${
        ended === undefined ? "" : ` (was ${escapeHtml(ended.session.user.name)})`
      }. You can close this page.</p>`,
    });
  });

  return router;
}
