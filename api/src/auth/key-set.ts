import type { webcrypto } from "node:crypto";
import {
  createRemoteJWKSet,
  customFetch,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
} from "jose";
import type { Logger } from "../logger.js";

/** The issuer's signing keys could not be fetched (down, slow, or not a JWKS). */
export class KeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super("The JSON Web Key Set could not be fetched", { cause });
    this.name = "KeysUnavailableError";
  }
}

export type JwksFetchOutcome = "success" | "http_error" | "network_error" | "timeout";

export interface KeySetOptions {
  readonly url: URL;
  readonly timeoutMs: number;
  readonly cooldownMs: number;
  readonly refreshMs: number;
  readonly logger: Logger;
  /** Called after every fetch attempt; a success may have changed the keys. */
  readonly onFetch?: (outcome: JwksFetchOutcome) => void;
}

/** The issuer's public keys, fetched over HTTP and shared by every request of the process. */
export interface KeySet {
  /** Key resolver for `jwtVerify`; throws KeysUnavailableError when the keys cannot be fetched. */
  readonly getKey: (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<webcrypto.CryptoKey>;
  /** Whether keys were fetched at least once. */
  readonly hasKeys: () => boolean;
  /** Fetches the key set now; rejects with KeysUnavailableError. */
  readonly reload: () => Promise<void>;
  readonly fetchCount: () => number;
  /** Registers a listener for fetched key sets, such as a cache that must forget. */
  readonly onKeysFetched: (listener: () => void) => void;
  readonly close: () => void;
}

/**
 * Creates the key set once per process. jose refetches when a token names an
 * unknown `kid`, at most once per cooldown, so a flood of forged `kid`s
 * cannot make the API hammer the issuer. Concurrent misses share one fetch.
 *
 * Keys never expire from the cache on their own (`cacheMaxAge: Infinity`):
 * when the issuer is down, tokens signed with known keys keep verifying. A
 * background refresh every `refreshMs` still drops keys the issuer retired.
 */
export function createKeySet(options: KeySetOptions): KeySet {
  const { logger } = options;
  const listeners: Array<() => void> = [];
  let fetches = 0;
  let fetched = false;

  const fetchJwks = async (url: string, init: RequestInit): Promise<Response> => {
    fetches += 1;
    let outcome: JwksFetchOutcome = "success";
    try {
      const response = await fetch(url, init);
      if (response.status !== 200) outcome = "http_error";
      return response;
    } catch (error) {
      outcome = (error as Error).name === "TimeoutError" ? "timeout" : "network_error";
      throw error;
    } finally {
      if (outcome === "success") {
        logger.info({ event: "jwks_fetch", url, outcome, fetches }, "fetched the JSON Web Key Set");
      } else {
        logger.warn({ event: "jwks_fetch", url, outcome, fetches }, "fetching the JSON Web Key Set failed");
      }
      options.onFetch?.(outcome);
      if (outcome === "success") {
        fetched = true;
        for (const listener of listeners) listener();
      }
    }
  };

  const remote = createRemoteJWKSet(options.url, {
    timeoutDuration: options.timeoutMs,
    cooldownDuration: options.cooldownMs,
    cacheMaxAge: Number.POSITIVE_INFINITY,
    [customFetch]: fetchJwks,
  });

  const getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<webcrypto.CryptoKey> => {
    try {
      return await remote(header, token);
    } catch (error) {
      throw isFetchFailure(error) ? new KeysUnavailableError(error) : error;
    }
  };

  const reload = async (): Promise<void> => {
    try {
      await remote.reload();
    } catch (error) {
      throw new KeysUnavailableError(error);
    }
  };

  const refreshTimer = setInterval(() => {
    reload().catch((error: unknown) => {
      logger.warn({ event: "jwks_refresh_failed", err: (error as Error).cause ?? error }, "background refresh of the JSON Web Key Set failed; keeping the cached keys");
    });
  }, options.refreshMs);
  refreshTimer.unref();

  return {
    getKey,
    hasKeys: () => fetched,
    reload,
    fetchCount: () => fetches,
    onKeysFetched: (listener) => {
      listeners.push(listener);
    },
    close: () => clearInterval(refreshTimer),
  };
}

/**
 * Returns whether an error is a failed fetch rather than a token problem.
 * Selecting a key from a fetched set fails with JWKSNoMatchingKey or
 * JWKSMultipleMatchingKeys, which are the token's fault. Everything else jose
 * raises while fetching is an outage.
 */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (!(error instanceof errors.JOSEError)) return true;
  return error.code === "ERR_JOSE_GENERIC";
}
