import type { Request, Response } from "express";
import { webMessageTargetOrigin, type Client } from "./clients.js";
import { escapeHtml, sendErrorPage, sendPage, toScriptLiteral } from "./pages.js";

export type ResponseMode = "query" | "web_message";

/** Delivery details of an authorization response. Build one only after the redirect URI has been checked. */
export interface ResponseTarget {
  readonly client: Client;
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state: string | undefined;
}

/** Either `{ code }` or `{ error, error_description }`. The `state` is added from the target. */
export type AuthorizationResult = { code: string } | { error: string; error_description: string };

/**
 * Sends the result of /authorize to the client: as query parameters on a
 * redirect (response_mode=query), or as a page that posts it to the opener or
 * parent window (response_mode=web_message, used by the SDK's popup and silent
 * iframe).
 */
export function sendAuthorizationResult(
  request: Request,
  response: Response,
  target: ResponseTarget,
  result: AuthorizationResult,
): void {
  const parameters: Record<string, string> = { ...result };
  if (target.state !== undefined) {
    parameters.state = target.state;
  }

  if (target.responseMode === "query") {
    const location = new URL(target.redirectUri);
    for (const [name, value] of Object.entries(parameters)) {
      location.searchParams.set(name, value);
    }
    // 303 makes the browser follow a redirect after the login form's POST with a GET.
    response.set("Cache-Control", "no-store").redirect(request.method === "POST" ? 303 : 302, location.href);
    return;
  }

  sendWebMessage(response, target, parameters);
}

function sendWebMessage(response: Response, target: ResponseTarget, parameters: Record<string, string>): void {
  // Posting with "*" would hand the code to whatever page embeds or opened this
  // one. The target is the redirect URI's origin, and only if the client lists
  // that origin as a web origin.
  const targetOrigin = webMessageTargetOrigin(target.client, target.redirectUri);
  if (targetOrigin === undefined) {
    sendErrorPage(
      response,
      400,
      "Origin not allowed",
      `The origin of redirect_uri "${target.redirectUri}" is not an allowed web origin of client "${target.client.clientId}". ` +
        "Add it to DEV_ISSUER_WEB_ORIGINS to use the popup or silent sign-in.",
    );
    return;
  }

  const message = { type: "authorization_response", response: parameters };
  const script = `(function () {
  var targetOrigin = ${toScriptLiteral(targetOrigin)};
  var message = ${toScriptLiteral(message)};
  var target = window.opener || (window.parent !== window ? window.parent : null);
  if (target) {
    target.postMessage(message, targetOrigin);
  } else {
    document.getElementById("status").textContent = "This window was not opened by the app. You can close it.";
  }
})();`;

  sendPage(response, {
    title: "Signing in · Noticeboard development issuer",
    body: `<h1>Signing in</h1>\n<p id="status">Returning to ${escapeHtml(targetOrigin)}…</p>`,
    script,
    // The SDK's silent sign-in loads this page in a hidden iframe on the app's origin.
    frameAncestors: [targetOrigin],
  });
}
