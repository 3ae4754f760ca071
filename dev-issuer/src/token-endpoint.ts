import express, { type Request, type Response, type Router } from "express";
import { isAllowedWebOrigin, type Client } from "./clients.js";
import type { IssuerContext } from "./issuer-context.js";
import { sendTokenError } from "./oauth-errors.js";
import { isWellFormedVerifier, matchesChallenge } from "./pkce.js";
import { readParameter } from "./request-parameters.js";
import { hasScope, issueTokens, type Grant, type TokenResponse } from "./tokens.js";

/** Routes for POST /oauth/token and POST /oauth/revoke, the two endpoints the SDK calls with fetch. */
export function createTokenRouter(context: IssuerContext): Router {
  const router = express.Router();
  // The SDK sends form bodies by default (useFormData) and JSON when an app turns that off.
  const formBody = express.urlencoded({ extended: false, limit: "16kb" });
  const jsonBody = express.json({ limit: "16kb" });

  router.post("/oauth/token", formBody, jsonBody, async (request, response) => {
    const client = authenticateClient(context, request, response);
    if (client === undefined) {
      return;
    }
    const grantType = readParameter(request.body, "grant_type");
    if (!grantType.ok) {
      sendTokenError(response, "invalid_request", grantType.problem);
      return;
    }
    if (grantType.value === "authorization_code") {
      await exchangeCode(context, request, response, client);
      return;
    }
    if (grantType.value === "refresh_token") {
      await exchangeRefreshToken(context, request, response, client);
      return;
    }
    if (grantType.value === undefined) {
      sendTokenError(response, "invalid_request", "The request has no grant_type: send authorization_code or refresh_token");
      return;
    }
    sendTokenError(
      response,
      "unsupported_grant_type",
      `The grant_type "${grantType.value}" is not supported: this issuer accepts authorization_code and refresh_token`,
    );
  });

  router.post("/oauth/revoke", formBody, jsonBody, (request, response) => {
    const client = authenticateClient(context, request, response);
    if (client === undefined) {
      return;
    }
    const token = readParameter(request.body, "token");
    if (!token.ok || token.value === undefined) {
      sendTokenError(response, "invalid_request", token.ok ? "The request has no token parameter" : token.problem);
      return;
    }
    // RFC 7009 section 2.2: an unknown token also gets 200, so the response
    // does not reveal which tokens exist.
    if (context.refreshTokens.revoke(token.value, client.clientId)) {
      context.logger.info({ clientId: client.clientId }, "refresh token family revoked on request");
    }
    response.set("Cache-Control", "no-store").status(200).end();
  });

  return router;
}

/**
 * Identifies the public client. The SPA has no secret, so the client id and,
 * for browser calls, the Origin header are all there is to check.
 */
function authenticateClient(context: IssuerContext, request: Request, response: Response): Client | undefined {
  if (request.body === undefined || typeof request.body !== "object" || request.body === null) {
    sendTokenError(
      response,
      "invalid_request",
      `The request body is missing or has Content-Type "${request.get("content-type") ?? ""}": send application/x-www-form-urlencoded or application/json`,
    );
    return undefined;
  }
  const origin = request.get("origin");
  if (origin !== undefined && !isAllowedWebOrigin(context.clients, origin)) {
    sendTokenError(response, "invalid_request", `The origin ${origin} is not an allowed web origin: add it to DEV_ISSUER_WEB_ORIGINS`);
    return undefined;
  }
  const clientId = readParameter(request.body, "client_id");
  if (!clientId.ok || clientId.value === undefined) {
    sendTokenError(response, "invalid_request", clientId.ok ? "The request has no client_id" : clientId.problem);
    return undefined;
  }
  const client = context.clients.get(clientId.value);
  if (client === undefined) {
    context.logger.warn({ clientId: clientId.value }, "token request from an unknown client");
    sendTokenError(response, "invalid_client", `The client_id "${clientId.value}" is not registered with this issuer`);
    return undefined;
  }
  return client;
}

async function exchangeCode(context: IssuerContext, request: Request, response: Response, client: Client): Promise<void> {
  const parameters = readRequiredParameters(request.body, ["code", "code_verifier", "redirect_uri"]);
  if ("problem" in parameters) {
    sendTokenError(response, "invalid_request", parameters.problem);
    return;
  }
  const { code, code_verifier: codeVerifier, redirect_uri: redirectUri } = parameters.values;

  if (!isWellFormedVerifier(codeVerifier)) {
    sendTokenError(response, "invalid_request", "The code_verifier must be 43 to 128 characters from A-Z, a-z, 0-9 and - . _ ~ (RFC 7636)");
    return;
  }

  const redemption = context.codes.redeem(code);
  if (redemption.status === "unknown") {
    sendTokenError(response, "invalid_grant", "The authorization code is invalid or expired: sign in again");
    return;
  }
  if (redemption.status === "reused") {
    // RFC 6749 section 4.1.2: a replayed code means it leaked, so tokens issued with it are revoked.
    if (redemption.familyId !== undefined) {
      context.refreshTokens.revokeFamily(redemption.familyId);
    }
    context.logger.warn({ clientId: client.clientId }, "authorization code reused, so tokens issued with it were revoked");
    sendTokenError(response, "invalid_grant", "The authorization code was already used: sign in again");
    return;
  }

  const { binding } = redemption;
  if (binding.clientId !== client.clientId) {
    sendTokenError(response, "invalid_grant", `The authorization code was not issued to client "${client.clientId}"`);
    return;
  }
  if (binding.redirectUri !== redirectUri) {
    sendTokenError(
      response,
      "invalid_grant",
      `The redirect_uri "${redirectUri}" does not match the one sent to /authorize for this code`,
    );
    return;
  }
  if (!matchesChallenge(codeVerifier, binding.codeChallenge)) {
    context.logger.warn({ clientId: client.clientId, sub: binding.grant.user.sub }, "PKCE verification failed");
    sendTokenError(response, "invalid_grant", "The code_verifier does not match the code_challenge sent to /authorize");
    return;
  }

  const body = await issueWithRefreshToken(context, binding.grant, (familyId) => context.codes.recordFamily(code, familyId));
  context.logger.info({ clientId: client.clientId, sub: binding.grant.user.sub, grantType: "authorization_code" }, "tokens issued");
  sendTokens(response, body);
}

async function exchangeRefreshToken(context: IssuerContext, request: Request, response: Response, client: Client): Promise<void> {
  const refreshToken = readParameter(request.body, "refresh_token");
  const scope = readParameter(request.body, "scope");
  if (!refreshToken.ok || refreshToken.value === undefined) {
    sendTokenError(
      response,
      "invalid_request",
      refreshToken.ok ? "The request has no refresh_token, which the refresh_token grant requires" : refreshToken.problem,
    );
    return;
  }
  if (!scope.ok) {
    sendTokenError(response, "invalid_request", scope.problem);
    return;
  }

  // A refresh may narrow the scope for this access token (RFC 6749 section 6)
  // but never widen it. The check comes before rotation so that a rejected
  // request leaves the presented refresh token usable.
  const signInScope = context.refreshTokens.findGrant(refreshToken.value)?.scope;
  let narrowedScope: string | undefined;
  if (scope.value !== undefined && signInScope !== undefined) {
    const requested = [...new Set(scope.value.split(" ").filter((value) => value !== ""))];
    const extra = requested.filter((value) => !hasScope(signInScope, value));
    if (extra.length > 0) {
      sendTokenError(response, "invalid_scope", `The scope "${extra.join(" ")}" was not granted at sign-in: request a subset of "${signInScope}"`);
      return;
    }
    narrowedScope = requested.join(" ");
  }

  const rotation = context.refreshTokens.rotate(refreshToken.value, client.clientId);
  if (rotation.status === "unknown") {
    sendTokenError(response, "invalid_grant", "Unknown or invalid refresh token: sign in again");
    return;
  }
  if (rotation.status === "wrong_client") {
    sendTokenError(response, "invalid_grant", `The refresh token was not issued to client "${client.clientId}"`);
    return;
  }
  if (rotation.status === "reused") {
    context.logger.warn({ clientId: client.clientId, sub: rotation.sub, familyId: rotation.familyId }, "refresh token reused, so its family was revoked");
    sendTokenError(
      response,
      "invalid_grant",
      "The refresh token was already used, so every refresh token from this sign-in is now revoked: sign in again",
    );
    return;
  }

  // The refresh token keeps the scope of the sign-in, and only this response is narrowed.
  const grant: Grant = narrowedScope === undefined ? rotation.grant : { ...rotation.grant, scope: narrowedScope };

  // The ID token from a refresh carries no nonce: the nonce belongs to the
  // /authorize request, and the SDK checks it only after a code exchange.
  const body: TokenResponse = {
    ...(await issueTokens(context.tokens, { ...grant, nonce: undefined })),
    refresh_token: rotation.refreshToken,
  };
  context.logger.info({ clientId: client.clientId, sub: grant.user.sub, grantType: "refresh_token" }, "tokens issued");
  sendTokens(response, body);
}

/** Issues tokens and, as Auth0 does, a refresh token only when offline_access was granted. */
async function issueWithRefreshToken(
  context: IssuerContext,
  grant: Grant,
  onFamily: (familyId: string) => void,
): Promise<TokenResponse> {
  const body = await issueTokens(context.tokens, grant);
  if (!hasScope(grant.scope, "offline_access")) {
    return body;
  }
  const { refreshToken, familyId } = context.refreshTokens.issue(grant);
  onFamily(familyId);
  return { ...body, refresh_token: refreshToken };
}

/** Reads parameters that must all be present, returning the first problem found. */
function readRequiredParameters<Name extends string>(
  body: unknown,
  names: readonly Name[],
): { values: Record<Name, string> } | { problem: string } {
  const values = {} as Record<Name, string>;
  for (const name of names) {
    const parameter = readParameter(body, name);
    if (!parameter.ok) {
      return { problem: parameter.problem };
    }
    if (parameter.value === undefined) {
      return { problem: `The request has no ${name}, which the authorization_code grant requires` };
    }
    values[name] = parameter.value;
  }
  return { values };
}

function sendTokens(response: Response, body: TokenResponse): void {
  response.status(200).set({ "Cache-Control": "no-store", Pragma: "no-cache" }).json(body);
}
