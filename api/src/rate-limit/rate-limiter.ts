import type { Logger } from "../logger.js";
import type { RateLimitStore } from "./rate-limit-store.js";

/** The caller a request is counted against. */
export type RateLimitSubject =
  | { readonly kind: "principal"; readonly sub: string }
  | { readonly kind: "address"; readonly key: string };

export type RateLimitDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly limit: number;
      readonly windowSeconds: number;
      readonly retryAfterSeconds: number;
      /** Whether this is the first request refused in the subject's current window. */
      readonly firstRefusalInWindow: boolean;
    };

export interface RateLimiterOptions {
  readonly store: RateLimitStore;
  readonly windowMs: number;
  /** Requests per window for each verified `sub`. */
  readonly perPrincipal: number;
  /** Requests per window for each client address key. */
  readonly perAddress: number;
  readonly logger: Logger;
}

export interface RateLimiter {
  /** Counts one request of `subject` and returns whether it is within the limit. */
  check(subject: RateLimitSubject): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

// While the store fails, every request would log; one line per interval,
// with the number of failures since the last line, keeps the log readable.
const failureLogIntervalMs = 10_000;

/**
 * Creates the limiter. Signed-in callers are counted by their verified `sub`,
 * so callers behind one NAT do not share a limit; everyone else by address.
 * When the store fails (Redis down), the request is let through: the limiter
 * guards against floods, and refusing all traffic during a Redis outage
 * would turn that outage into an API outage.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { store, windowMs, logger } = options;
  const windowSeconds = Math.ceil(windowMs / 1000);
  let failuresSinceLog = 0;
  let lastFailureLogAt = Number.NEGATIVE_INFINITY;

  const logFailure = (error: unknown) => {
    failuresSinceLog += 1;
    const now = Date.now();
    if (now - lastFailureLogAt < failureLogIntervalMs) return;
    logger.warn(
      { event: "rate_limit_check_failed", err: error, failures: failuresSinceLog },
      "could not count the request for rate limiting; letting it through",
    );
    lastFailureLogAt = now;
    failuresSinceLog = 0;
  };

  return {
    async check(subject) {
      const [key, limit] = subject.kind === "principal"
        ? [`principal:${subject.sub}`, options.perPrincipal]
        : [`address:${subject.key}`, options.perAddress];

      let count: number;
      let resetInMs: number;
      try {
        ({ count, resetInMs } = await store.increment(key, windowMs));
      } catch (error) {
        logFailure(error);
        return { allowed: true };
      }

      if (count <= limit) return { allowed: true };
      return {
        allowed: false,
        limit,
        windowSeconds,
        retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
        firstRefusalInWindow: count === limit + 1,
      };
    },

    close: () => store.close(),
  };
}
