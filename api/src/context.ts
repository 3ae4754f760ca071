import type { Request, Response } from "express";
import { extractBearerToken } from "./auth/bearer-token.js";
import { anonymousPrincipal, type Principal } from "./auth/principal.js";
import type { TokenVerifier } from "./auth/token-verifier.js";
import type { Database } from "./data/database.js";
import { createLoaders, type Loaders } from "./data/loaders.js";
import { invalidTokenError, jwksUnavailableError, rateLimitedError } from "./errors.js";
import type { Logger } from "./logger.js";
import { clientAddressKey } from "./rate-limit/client-address.js";
import type { RateLimiter, RateLimitSubject } from "./rate-limit/rate-limiter.js";

/** The values every resolver receives. Identity comes only from `principal`, never from arguments. */
export interface RequestContext {
  readonly principal: Principal;
  readonly db: Database;
  readonly loaders: Loaders;
  readonly logger: Logger;
  readonly requestId: string;
}

export interface ContextDependencies {
  readonly verifyToken: TokenVerifier;
  readonly db: Database;
  /** Seconds a client should wait before retrying while the signing keys cannot be fetched. */
  readonly jwksRetryAfterSeconds: number;
  readonly onTokenRefused?: (reason: string) => void;
  /** Absent when RATE_LIMIT=off. */
  readonly rateLimiter?: RateLimiter;
}

/**
 * Builds the per-request context: extract the bearer token, verify it once,
 * and turn it into a principal. No header gives an anonymous principal. A
 * header that does not verify rejects the whole request with 401, so a broken
 * client never runs as anonymous without noticing.
 */
export function createContextFunction(dependencies: ContextDependencies) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<RequestContext> => {
    const logger: Logger = res.locals["logger"];
    const requestId: string = res.locals["requestId"];
    let principal: Principal;
    try {
      principal = await authenticate(req, logger, dependencies);
    } catch (error) {
      // A refused token still counts against the client's address, so
      // guessing tokens is limited like any other anonymous traffic.
      await enforceRateLimit({ kind: "address", key: clientAddressKey(req.ip) }, logger, dependencies);
      throw error;
    }
    // Only a verified `sub` may pick the counter: an unverified token could
    // name any subject and so spend another caller's limit or dodge its own.
    await enforceRateLimit(
      principal.kind === "user" ? { kind: "principal", sub: principal.sub } : { kind: "address", key: clientAddressKey(req.ip) },
      logger,
      dependencies,
    );
    return {
      principal,
      db: dependencies.db,
      loaders: createLoaders(dependencies.db),
      logger,
      requestId,
    };
  };
}

async function enforceRateLimit(subject: RateLimitSubject, logger: Logger, dependencies: ContextDependencies): Promise<void> {
  if (dependencies.rateLimiter === undefined) return;
  const decision = await dependencies.rateLimiter.check(subject);
  if (decision.allowed) return;

  // A flood must not become a flood of log lines: warn once per caller and
  // window, and log the rest of the refusals at debug level.
  const level = decision.firstRefusalInWindow ? "warn" : "debug";
  const key = subject.kind === "principal" ? subject.sub : subject.key;
  logger[level]({ event: "rate_limited", subject: subject.kind, key, limit: decision.limit }, "refused a request over the rate limit");
  throw rateLimitedError(decision.retryAfterSeconds, decision.limit, decision.windowSeconds);
}

async function authenticate(req: Request, logger: Logger, dependencies: ContextDependencies): Promise<Principal> {
  const extraction = extractBearerToken(req);
  if (extraction.kind === "none") {
    logger.debug({ event: "anonymous_request" }, "no Authorization header; continuing as anonymous");
    return anonymousPrincipal;
  }
  if (extraction.kind === "malformed") {
    logger.warn({ event: "token_refused", reason: extraction.reason }, "refused the Authorization header");
    dependencies.onTokenRefused?.(extraction.reason);
    throw invalidTokenError(extraction.reason);
  }

  const result = await dependencies.verifyToken(extraction.token);
  if (result.ok) return result.principal;

  if (result.reason === "keys_unavailable") {
    logger.error(
      { event: "token_unverifiable", reason: result.reason, err: result.cause },
      "could not fetch the signing keys to verify a token",
    );
    dependencies.onTokenRefused?.(result.reason);
    throw jwksUnavailableError(dependencies.jwksRetryAfterSeconds);
  }
  logger.warn({ event: "token_refused", reason: result.reason }, "refused the access token");
  dependencies.onTokenRefused?.(result.reason);
  throw invalidTokenError(result.reason);
}
