import { errors, jwtVerify } from "jose";
import type { TokenRefusal } from "../errors.js";
import { hasDuplicateMembers } from "./duplicate-members.js";
import { KeysUnavailableError, type KeySet } from "./key-set.js";
import { principalFromClaims, type Principal } from "./principal.js";
import { createVerifiedTokenCache } from "./verified-token-cache.js";

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly nameClaim: string;
  readonly clockToleranceSeconds: number;
  readonly tokenCacheSize: number;
  readonly keySet: KeySet;
}

export type VerificationResult =
  | { readonly ok: true; readonly principal: Principal; readonly cached: boolean }
  | { readonly ok: false; readonly reason: TokenRefusal }
  | { readonly ok: false; readonly reason: "keys_unavailable"; readonly cause: unknown };

export type TokenVerifier = (token: string) => Promise<VerificationResult>;

/**
 * Creates the one function that turns an access token into a principal.
 * Issuer, audience and algorithm are pinned on every call: jose checks `iss`
 * and `aud` only when they are given, and pinning RS256 shuts out `none` and
 * HS256 tokens signed with the public key as the secret.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const cache = createVerifiedTokenCache(options.tokenCacheSize);
  options.keySet.onKeysFetched(() => cache.clear());

  return async (token) => {
    const cached = cache.get(token);
    if (cached !== undefined) return { ok: true, principal: cached, cached: true };
    if (hasDuplicateMembers(token)) return { ok: false, reason: "malformed_token" };

    try {
      const { payload } = await jwtVerify(token, options.keySet.getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ["RS256"],
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ["sub", "exp", "iat"],
      });
      if (typeof payload.sub !== "string" || payload.sub === "") {
        return { ok: false, reason: "missing_claim" };
      }
      const principal = principalFromClaims(payload, options.nameClaim);
      cache.set(token, principal, payload.exp!);
      return { ok: true, principal, cached: false };
    } catch (error) {
      if (error instanceof KeysUnavailableError) {
        return { ok: false, reason: "keys_unavailable", cause: error.cause };
      }
      return { ok: false, reason: refusalReason(error) };
    }
  };
}

/** Maps jose's error classes to the refusal reasons we log and report. */
function refusalReason(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "iss":
        return "issuer";
      case "aud":
        return "audience";
      case "nbf":
        return "not_yet_valid";
      case "sub":
      case "exp":
      case "iat":
        return error.reason === "missing" ? "missing_claim" : "invalid";
      default:
        return "invalid";
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return "unknown_key";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "signature";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "malformed_token";
  return "invalid";
}
