import { randomBytes } from "node:crypto";
import { createExpiringStore } from "./expiring-store.js";
import type { Grant } from "./tokens.js";

interface RefreshTokenRecord {
  readonly familyId: string;
  readonly grant: Grant;
  used: boolean;
}

export type RefreshRotation =
  | { status: "rotated"; grant: Grant; familyId: string; refreshToken: string }
  | { status: "unknown" }
  | { status: "wrong_client" }
  /** The token was already exchanged once, so its whole family is now revoked. */
  | { status: "reused"; familyId: string; sub: string };

/**
 * Rotating refresh tokens. All tokens descending from one sign-in form a family.
 * A token presented a second time has leaked, so its whole family is revoked.
 * Auth0 calls this reuse detection.
 */
export interface RefreshTokenStore {
  /** Starts a new family for a sign-in and returns its first token and the family id. */
  issue(grant: Grant): { refreshToken: string; familyId: string };
  /** Returns the sign-in grant of an unexpired token without using it up. */
  findGrant(refreshToken: string): Grant | undefined;
  rotate(refreshToken: string, clientId: string): RefreshRotation;
  /** Revokes the family of `refreshToken` if the token belongs to `clientId`, and returns whether it did. */
  revoke(refreshToken: string, clientId: string): boolean;
  revokeFamily(familyId: string): void;
}

export function createRefreshTokenStore(lifetimeMs: number, now: () => number): RefreshTokenStore {
  const tokens = createExpiringStore<RefreshTokenRecord>(lifetimeMs, now);
  // NOTE: a family whose tokens all expired keeps its (empty) entry until the
  // process ends: one small Set per sign-in, which a development server can afford.
  const families = new Map<string, Set<string>>();

  const addToken = (familyId: string, grant: Grant): string => {
    const refreshToken = tokens.add({ familyId, grant, used: false });
    const family = families.get(familyId);
    for (const member of family ?? []) {
      if (tokens.get(member) === undefined) {
        family?.delete(member);
      }
    }
    family?.add(refreshToken);
    return refreshToken;
  };

  const revokeFamily = (familyId: string): void => {
    for (const token of families.get(familyId) ?? []) {
      tokens.delete(token);
    }
    families.delete(familyId);
  };

  return {
    issue(grant) {
      const familyId = randomBytes(16).toString("hex");
      families.set(familyId, new Set());
      return { refreshToken: addToken(familyId, grant), familyId };
    },
    findGrant(refreshToken) {
      return tokens.get(refreshToken)?.grant;
    },
    rotate(refreshToken, clientId) {
      const record = tokens.get(refreshToken);
      if (record === undefined || !families.has(record.familyId)) {
        return { status: "unknown" };
      }
      if (record.grant.clientId !== clientId) {
        return { status: "wrong_client" };
      }
      if (record.used) {
        revokeFamily(record.familyId);
        return { status: "reused", familyId: record.familyId, sub: record.grant.user.sub };
      }
      record.used = true;
      return {
        status: "rotated",
        grant: record.grant,
        familyId: record.familyId,
        refreshToken: addToken(record.familyId, record.grant),
      };
    },
    revoke(refreshToken, clientId) {
      const record = tokens.get(refreshToken);
      if (record === undefined || record.grant.clientId !== clientId) {
        return false;
      }
      revokeFamily(record.familyId);
      return true;
    },
    revokeFamily,
  };
}
