import { createExpiringStore } from "./expiring-store.js";
import type { Grant } from "./tokens.js";

/** Everything an authorization code is bound to. The token endpoint checks each of these. */
export interface CodeBinding {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly grant: Grant;
}

export type CodeRedemption =
  | { status: "valid"; binding: CodeBinding }
  /** The code was redeemed before. `familyId` names the refresh tokens issued with it, if any. */
  | { status: "reused"; familyId: string | undefined }
  | { status: "unknown" };

/** One-time authorization codes. */
export interface CodeStore {
  issue(binding: CodeBinding): string;
  /** Consumes the code. A second call with the same code returns `reused`, whatever the first call's outcome. */
  redeem(code: string): CodeRedemption;
  /** Records the refresh-token family issued for a redeemed code, so that a replay of the code can revoke it. */
  recordFamily(code: string, familyId: string): void;
}

/**
 * Redeemed codes are remembered for this long after their own expiry, so that
 * a replay shortly after expiry is still recognized as a replay.
 */
const REDEEMED_MEMORY_MS = 10 * 60_000;

export function createCodeStore(lifetimeMs: number, now: () => number): CodeStore {
  const pending = createExpiringStore<CodeBinding>(lifetimeMs, now);
  const redeemed = createExpiringStore<{ familyId: string | undefined }>(lifetimeMs + REDEEMED_MEMORY_MS, now);

  return {
    issue(binding) {
      return pending.add(binding);
    },
    redeem(code) {
      const previous = redeemed.get(code);
      if (previous !== undefined) {
        return { status: "reused", familyId: previous.familyId };
      }
      const binding = pending.take(code);
      if (binding === undefined) {
        return { status: "unknown" };
      }
      // RFC 6749 section 4.1.2 allows one use per code. The code is consumed even
      // when the exchange fails, so a guessed verifier cannot be retried against it.
      redeemed.set(code, { familyId: undefined });
      return { status: "valid", binding };
    },
    recordFamily(code, familyId) {
      redeemed.set(code, { familyId });
    },
  };
}
