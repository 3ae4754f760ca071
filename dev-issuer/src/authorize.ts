import express, { type Request, type Response, type Router } from "express";
import { sendAuthorizationResult, type ResponseTarget } from "./authorization-response.js";
import { parseAuthorizationQuery } from "./authorize-request.js";
import type { AuthorizationRequest, IssuerContext } from "./issuer-context.js";
import { sendLoginPage } from "./login-page.js";
import { sendErrorPage } from "./pages.js";
import { readParameter } from "./request-parameters.js";
import type { Session } from "./sessions.js";
import { grantScope, nowInSeconds } from "./tokens.js";
import { createUser, findSeededUser, type DevUser } from "./users.js";

/** Routes for GET /authorize and the login form it shows (POST /login). */
export function createAuthorizeRouter(context: IssuerContext, issuerOrigin: string): Router {
  const router = express.Router();

  router.get("/authorize", (request, response) => {
    const parsed = parseAuthorizationQuery(context, request.query);
    if (parsed.kind === "page") {
      context.logger.warn({ problem: parsed.title }, "authorization request rejected with an error page");
      sendErrorPage(response, 400, parsed.title, parsed.message);
      return;
    }
    if (parsed.kind === "redirect") {
      context.logger.info({ error: "error" in parsed.result ? parsed.result.error : undefined }, "authorization request rejected");
      sendAuthorizationResult(request, response, parsed.target, parsed.result);
      return;
    }

    const { request: authorization, prompt } = parsed;
    const existing = context.sessions.find(request);

    if (prompt.has("none")) {
      // Silent authentication must never show UI. Without a session the only
      // correct response is login_required, which makes the SDK fall back to a login.
      if (existing === undefined) {
        sendAuthorizationResult(request, response, targetOf(authorization), {
          error: "login_required",
          error_description: "Login required",
        });
        return;
      }
      completeAuthorization(context, request, response, authorization, existing.session);
      return;
    }

    const forceLogin = prompt.has("login") || prompt.has("consent") || prompt.has("select_account");
    if (existing !== undefined && !forceLogin) {
      completeAuthorization(context, request, response, authorization, existing.session);
      return;
    }

    const transactionId = context.loginTransactions.add(authorization);
    showLogin(response, authorization, transactionId);
  });

  router.post("/login", express.urlencoded({ extended: false, limit: "16kb" }), (request, response) => {
    // A form on another site could otherwise sign the victim in as an account
    // the attacker chose (login CSRF). Browsers send Origin on every form POST.
    const origin = request.get("origin");
    if (origin !== undefined && origin !== issuerOrigin) {
      sendErrorPage(response, 403, "Sign-in rejected", `The sign-in form was submitted from ${origin}, not from ${issuerOrigin}.`);
      return;
    }

    const transactionId = readParameter(request.body, "transaction");
    const authorization = transactionId.value === undefined ? undefined : context.loginTransactions.take(transactionId.value);
    if (transactionId.value === undefined || authorization === undefined) {
      sendErrorPage(
        response,
        400,
        "Sign-in request expired",
        "This sign-in request has expired or was already used. Return to the app and sign in again.",
      );
      return;
    }

    if (readParameter(request.body, "action").value === "cancel") {
      sendAuthorizationResult(request, response, targetOf(authorization), {
        error: "access_denied",
        error_description: "The user cancelled the sign-in",
      });
      return;
    }

    const chosen = chooseUser(request.body);
    if ("problem" in chosen) {
      // Put the request back under the same id so that the corrected form still works.
      context.loginTransactions.set(transactionId.value, authorization);
      showLogin(response, authorization, transactionId.value, chosen.problem);
      return;
    }

    const session: Session = { user: chosen.user, authTime: nowInSeconds(context.tokens) };
    context.users.set(chosen.user.sub, chosen.user);
    context.sessions.start(response, session);
    context.logger.info({ sub: chosen.user.sub, clientId: authorization.client.clientId }, "user signed in");
    completeAuthorization(context, request, response, authorization, session);
  });

  return router;
}

function chooseUser(body: unknown): { user: DevUser } | { problem: string } {
  const choice = readParameter(body, "user");
  if (choice.ok && choice.value === "custom") {
    const typedId = readParameter(body, "custom_user_id");
    const typedName = readParameter(body, "custom_name");
    if (!typedId.ok || typedId.value === undefined) {
      return { problem: "Enter a user id, for example dev|carol." };
    }
    const seeded = findSeededUser(typedId.value.trim());
    if (seeded !== undefined) {
      return { user: seeded };
    }
    try {
      return { user: createUser(typedId.value.trim(), typedName.value, []) };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }
  const seeded = choice.value === undefined ? undefined : findSeededUser(choice.value);
  if (seeded === undefined) {
    return { problem: `No development user has the id "${choice.value ?? ""}": pick one of the buttons.` };
  }
  return { user: seeded };
}

function showLogin(response: Response, authorization: AuthorizationRequest, transactionId: string, problem?: string): void {
  sendLoginPage(response, {
    transactionId,
    clientId: authorization.client.clientId,
    loginHint: authorization.loginHint,
    redirectOrigin: new URL(authorization.redirectUri).origin,
    ...(problem === undefined ? {} : { problem }),
  });
}

/** Issues a one-time code bound to the request and the session's user, and sends it to the client. */
function completeAuthorization(
  context: IssuerContext,
  request: Request,
  response: Response,
  authorization: AuthorizationRequest,
  session: Session,
): void {
  const code = context.codes.issue({
    clientId: authorization.client.clientId,
    redirectUri: authorization.redirectUri,
    codeChallenge: authorization.codeChallenge,
    grant: {
      user: session.user,
      clientId: authorization.client.clientId,
      audience: authorization.audience,
      scope: grantScope(authorization.scope, session.user),
      nonce: authorization.nonce,
      authTime: session.authTime,
    },
  });
  context.logger.info(
    { sub: session.user.sub, clientId: authorization.client.clientId, responseMode: authorization.responseMode },
    "authorization code issued",
  );
  sendAuthorizationResult(request, response, targetOf(authorization), { code });
}

function targetOf(authorization: AuthorizationRequest): ResponseTarget {
  return {
    client: authorization.client,
    redirectUri: authorization.redirectUri,
    responseMode: authorization.responseMode,
    state: authorization.state,
  };
}
