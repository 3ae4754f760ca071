import type { AuthorizationResult, ResponseTarget } from "./authorization-response.js";
import { isAllowedRedirectUri } from "./clients.js";
import type { AuthorizationRequest, IssuerContext } from "./issuer-context.js";
import { readParameter } from "./request-parameters.js";

/** Prompt values Auth0 accepts. This issuer treats `consent` and `select_account` like `login`. */
const PROMPTS = new Set(["none", "login", "consent", "select_account"]);

/** A base64url SHA-256 digest: RFC 7636 section 4.2 gives 43 characters for S256. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export type ParsedAuthorization =
  | { kind: "valid"; request: AuthorizationRequest; prompt: ReadonlySet<string> }
  /** The client or redirect URI cannot be trusted, so the error is shown on a page and never redirected. */
  | { kind: "page"; title: string; message: string }
  /** The redirect URI was verified, so the error goes back to the client. */
  | { kind: "redirect"; target: ResponseTarget; result: AuthorizationResult };

/**
 * Validates an /authorize query. The client and redirect URI are checked
 * first, and until both are known no error is sent to the redirect URI,
 * because an open redirect would let anyone bounce users to their own site.
 */
export function parseAuthorizationQuery(context: IssuerContext, query: unknown): ParsedAuthorization {
  const clientId = readParameter(query, "client_id");
  if (!clientId.ok || clientId.value === undefined) {
    return page("Missing client", clientId.ok ? "The request has no client_id parameter." : clientId.problem);
  }
  const client = context.clients.get(clientId.value);
  if (client === undefined) {
    return page(
      "Unknown client",
      `The client_id "${clientId.value}" is not registered with this issuer. ` +
        `Registered clients: ${[...context.clients.keys()].join(", ")}. Set AUTH0_CLIENT_ID to the same value for the web app and the issuer.`,
    );
  }

  const redirectUri = readParameter(query, "redirect_uri");
  if (!redirectUri.ok || redirectUri.value === undefined) {
    return page("Missing redirect URI", redirectUri.ok ? "The request has no redirect_uri parameter." : redirectUri.problem);
  }
  if (!isAllowedRedirectUri(client, redirectUri.value)) {
    return page(
      "Redirect URI not allowed",
      `The redirect_uri "${redirectUri.value}" is not an allowed redirect URI of client "${client.clientId}". ` +
        `Allowed: ${client.redirectUris.join(", ")}. Add it to DEV_ISSUER_REDIRECT_URIS, or set WEB_PORT to the web app's port.`,
    );
  }

  const state = readParameter(query, "state");
  const responseMode = readParameter(query, "response_mode");
  const knownMode = responseMode.ok && (responseMode.value === "query" || responseMode.value === "web_message");
  const target: ResponseTarget = {
    client,
    redirectUri: redirectUri.value,
    responseMode: knownMode && responseMode.value === "web_message" ? "web_message" : "query",
    state: state.ok ? state.value : undefined,
  };
  const reject = (error: string, description: string): ParsedAuthorization => ({
    kind: "redirect",
    target,
    result: { error, error_description: description },
  });

  if (!responseMode.ok) {
    return reject("invalid_request", responseMode.problem);
  }
  if (responseMode.value !== undefined && !knownMode) {
    return reject("invalid_request", `The response_mode "${responseMode.value}" is not supported: use query or web_message`);
  }
  if (!state.ok) {
    return reject("invalid_request", state.problem);
  }

  const responseType = readParameter(query, "response_type");
  if (!responseType.ok) {
    return reject("invalid_request", responseType.problem);
  }
  if (responseType.value !== "code") {
    return reject(
      "unsupported_response_type",
      `The response_type "${responseType.value ?? ""}" is not supported: use code (authorization code flow with PKCE)`,
    );
  }

  const challengeMethod = readParameter(query, "code_challenge_method");
  const challenge = readParameter(query, "code_challenge");
  if (!challengeMethod.ok || challengeMethod.value !== "S256") {
    return reject("invalid_request", "The code_challenge_method must be S256: PKCE is required and the plain method is not accepted");
  }
  if (!challenge.ok || challenge.value === undefined || !S256_CHALLENGE.test(challenge.value)) {
    return reject("invalid_request", "The code_challenge is missing or malformed: send the base64url SHA-256 digest of the code verifier (43 characters)");
  }

  const scope = readParameter(query, "scope");
  if (!scope.ok) {
    return reject("invalid_request", scope.problem);
  }
  const scopes = (scope.value ?? "").split(" ").filter((value) => value !== "");
  if (!scopes.includes("openid")) {
    return reject("invalid_scope", `The scope "${scope.value ?? ""}" does not include openid, which the SPA SDK needs to receive an ID token`);
  }

  const audience = readParameter(query, "audience");
  if (!audience.ok) {
    return reject("invalid_request", audience.problem);
  }
  const resolvedAudience = audience.value ?? context.audiences[0];
  if (resolvedAudience === undefined || !context.audiences.includes(resolvedAudience)) {
    // Auth0 reports an unknown API identifier the same way: access_denied, "Service not found: <audience>".
    return reject(
      "access_denied",
      `Service not found: ${audience.value ?? ""}. This issuer serves ${context.audiences.join(", ")}; set AUTH0_AUDIENCE to match.`,
    );
  }

  const prompt = readParameter(query, "prompt");
  if (!prompt.ok) {
    return reject("invalid_request", prompt.problem);
  }
  const prompts = new Set((prompt.value ?? "").split(" ").filter((value) => value !== ""));
  for (const value of prompts) {
    if (!PROMPTS.has(value)) {
      return reject("invalid_request", `The prompt "${value}" is not supported: use none, login, consent or select_account`);
    }
  }
  if (prompts.has("none") && prompts.size > 1) {
    return reject("invalid_request", "The prompt none cannot be combined with other prompt values (OpenID Connect Core 3.1.2.1)");
  }

  const nonce = readParameter(query, "nonce");
  const loginHint = readParameter(query, "login_hint");
  if (!nonce.ok) {
    return reject("invalid_request", nonce.problem);
  }
  if (!loginHint.ok) {
    return reject("invalid_request", loginHint.problem);
  }

  return {
    kind: "valid",
    prompt: prompts,
    request: {
      client,
      redirectUri: target.redirectUri,
      responseMode: target.responseMode,
      state: target.state,
      nonce: nonce.value,
      codeChallenge: challenge.value,
      audience: resolvedAudience,
      scope: [...new Set(scopes)].join(" "),
      loginHint: loginHint.value,
    },
  };
}

function page(title: string, message: string): ParsedAuthorization {
  return { kind: "page", title, message };
}
