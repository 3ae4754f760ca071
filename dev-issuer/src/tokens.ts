import { SignJWT, type JWTPayload } from "jose";
import { SIGNING_ALGORITHM, type SigningKey } from "./keys.js";
import type { DevUser } from "./users.js";

/** Scopes defined by OpenID Connect, which every user may be granted. All other scopes need a matching permission. */
const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

/** Issuer-wide values that every token shares. */
export interface TokenContext {
  readonly key: SigningKey;
  /** The `iss` value, with the trailing slash that Auth0 writes. */
  readonly issuer: string;
  readonly nameClaim: string;
  readonly tokenTtlSeconds: number;
  /** Current time in milliseconds, replaced by tests that move the clock. */
  readonly now: () => number;
}

/** The user, client, audience and scope of one sign-in, from which every token of that sign-in is issued. */
export interface Grant {
  readonly user: DevUser;
  readonly clientId: string;
  readonly audience: string;
  /** The scope actually granted, after grantScope. */
  readonly scope: string;
  readonly nonce: string | undefined;
  /** Sign-in time in seconds since the epoch. */
  readonly authTime: number;
}

/** The JSON body of a successful token response, as Auth0 returns it. */
export interface TokenResponse {
  access_token: string;
  id_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

/** Claims of an access token, before signing. */
export interface AccessTokenClaims {
  sub: string;
  audience: string | string[];
  clientId: string;
  scope: string;
  permissions: readonly string[];
  name: string | undefined;
  issuer: string;
  issuedAt: number;
  expiresAt: number;
  notBefore?: number | undefined;
}

/** Claims of an ID token, before signing. */
export interface IdTokenClaims {
  user: DevUser;
  clientId: string;
  scope: string;
  nonce: string | undefined;
  authTime: number | undefined;
  issuer: string;
  issuedAt: number;
  expiresAt: number;
}

export function nowInSeconds(context: Pick<TokenContext, "now">): number {
  return Math.floor(context.now() / 1000);
}

/** Returns the userinfo audience that Auth0 adds to access tokens requested with the `openid` scope. */
export function userinfoAudience(issuer: string): string {
  return `${issuer}userinfo`;
}

/**
 * Reduces a requested scope to what the user may have, as Auth0 does with RBAC
 * enabled: OpenID Connect scopes always, API scopes only with a matching permission.
 */
export function grantScope(requestedScope: string, user: DevUser): string {
  const granted = requestedScope
    .split(" ")
    .filter((scope) => scope !== "")
    .filter((scope) => OIDC_SCOPES.has(scope) || user.permissions.includes(scope));
  return [...new Set(granted)].join(" ");
}

export function hasScope(scope: string, scopeName: string): boolean {
  return scope.split(" ").includes(scopeName);
}

/** Signs the access token and ID token for a grant. The caller adds a refresh token when offline_access was granted. */
export async function issueTokens(context: TokenContext, grant: Grant): Promise<TokenResponse> {
  const issuedAt = nowInSeconds(context);
  const expiresAt = issuedAt + context.tokenTtlSeconds;
  const audience = hasScope(grant.scope, "openid") ? [grant.audience, userinfoAudience(context.issuer)] : grant.audience;

  const accessToken = await signAccessToken(context.key, {
    sub: grant.user.sub,
    audience,
    clientId: grant.clientId,
    scope: grant.scope,
    permissions: grant.user.permissions,
    name: grant.user.name,
    issuer: context.issuer,
    issuedAt,
    expiresAt,
  }, context.nameClaim);

  const idToken = await signIdToken(context.key, {
    user: grant.user,
    clientId: grant.clientId,
    scope: grant.scope,
    nonce: grant.nonce,
    authTime: grant.authTime,
    issuer: context.issuer,
    issuedAt,
    expiresAt,
  });

  return {
    access_token: accessToken,
    id_token: idToken,
    token_type: "Bearer",
    expires_in: context.tokenTtlSeconds,
    scope: grant.scope,
  };
}

export async function signAccessToken(key: SigningKey, claims: AccessTokenClaims, nameClaim: string): Promise<string> {
  const payload: JWTPayload = {
    azp: claims.clientId,
    scope: claims.scope,
    permissions: [...claims.permissions],
  };
  if (claims.name !== undefined) {
    payload[nameClaim] = claims.name;
  }
  if (claims.notBefore !== undefined) {
    payload.nbf = claims.notBefore;
  }
  return signJwt(key, {
    ...payload,
    iss: claims.issuer,
    sub: claims.sub,
    aud: claims.audience,
    iat: claims.issuedAt,
    exp: claims.expiresAt,
  });
}

/** Signs an ID token whose profile claims follow the granted `profile` and `email` scopes, as in OpenID Connect. */
export async function signIdToken(key: SigningKey, claims: IdTokenClaims): Promise<string> {
  const payload: JWTPayload = {
    ...profileClaims(claims.user, claims.scope),
    iss: claims.issuer,
    sub: claims.user.sub,
    aud: claims.clientId,
    iat: claims.issuedAt,
    exp: claims.expiresAt,
  };
  if (claims.nonce !== undefined) {
    payload.nonce = claims.nonce;
  }
  if (claims.authTime !== undefined) {
    payload.auth_time = claims.authTime;
  }
  return signJwt(key, payload);
}

/** Returns the standard profile claims that `scope` allows, for both /userinfo and the ID token. */
export function profileClaims(user: DevUser, scope: string): Record<string, string | boolean> {
  const claims: Record<string, string | boolean> = {};
  if (hasScope(scope, "profile")) {
    claims.name = user.name;
    claims.nickname = user.nickname;
    claims.picture = user.picture;
  }
  if (hasScope(scope, "email")) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  return claims;
}

/** Signs with RS256 and `typ: "JWT"`, the header Auth0 puts on both token kinds. */
export async function signJwt(key: SigningKey, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: "JWT", kid: key.kid })
    .sign(key.privateKey);
}
