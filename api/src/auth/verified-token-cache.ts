import type { Principal } from "./principal.js";

interface Entry {
  readonly principal: Principal;
  /** The token's `exp`, in milliseconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Principals of tokens that passed full verification, keyed by the whole
 * token. One RS256 verification costs about a quarter of a trivial GraphQL
 * request (about 55 µs on the 2-core machine in BENCHMARKS.md), and a browser
 * sends the same token for many requests.
 *
 * Rules that keep it safe:
 * - only verified tokens enter;
 * - an entry is never returned at or after the token's `exp`;
 * - the least recently used entry is evicted past `maxEntries`;
 * - `clear()` runs whenever the key set is fetched, so a token signed with a
 *   retired key is verified again against the new keys.
 */
export interface VerifiedTokenCache {
  get(token: string, now?: number): Principal | undefined;
  set(token: string, principal: Principal, expiresAtSeconds: number): void;
  clear(): void;
  readonly size: number;
}

export function createVerifiedTokenCache(maxEntries: number): VerifiedTokenCache {
  // A Map iterates in insertion order; re-inserting on a hit makes the first
  // key the least recently used one.
  const entries = new Map<string, Entry>();

  return {
    get(token, now = Date.now()) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (now >= entry.expiresAt) {
        entries.delete(token);
        return undefined;
      }
      entries.delete(token);
      entries.set(token, entry);
      return entry.principal;
    },

    set(token, principal, expiresAtSeconds) {
      if (maxEntries === 0) return;
      entries.delete(token);
      entries.set(token, { principal, expiresAt: expiresAtSeconds * 1000 });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },

    clear() {
      entries.clear();
    },

    get size() {
      return entries.size;
    },
  };
}
