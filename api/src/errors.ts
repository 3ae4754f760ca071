import { GraphQLError, type ASTNode } from "graphql";

/** Every `extensions.code` this API sets. */
export const ErrorCode = {
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  BadUserInput: "BAD_USER_INPUT",
  NotFound: "NOT_FOUND",
  /** The issuer's signing keys could not be fetched; the caller's token may be fine. */
  JwksUnavailable: "JWKS_UNAVAILABLE",
  DatabaseUnavailable: "DATABASE_UNAVAILABLE",
  /** The server is stopping and takes no new requests; retry, and the load balancer picks another instance. */
  ShuttingDown: "SHUTTING_DOWN",
  /**
   * The operation exceeds a query limit (depth, aliases, root fields or
   * estimated cost). Apollo reports validation failures as
   * GRAPHQL_VALIDATION_FAILED; this code lets a client tell an operation
   * that is valid but too large, and must be split, from one with a mistake.
   */
  QueryTooComplex: "QUERY_TOO_COMPLEX",
  /** The caller sent more requests than its rate limit allows; retry after `Retry-After` seconds. */
  RateLimited: "RATE_LIMITED",
  /** The HTTP request itself is unusable: body too large or not JSON, or headers too large. */
  BadRequest: "BAD_REQUEST",
  InternalServerError: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The reason a bearer token was refused. It is logged and, as
 * `error_description`, sent in `WWW-Authenticate`; it never contains the
 * token or a claim read from it.
 */
export type TokenRefusal =
  | "malformed_header"
  | "duplicate_header"
  | "malformed_token"
  | "expired"
  | "not_yet_valid"
  | "issuer"
  | "audience"
  | "missing_claim"
  | "algorithm"
  | "unknown_key"
  | "signature"
  | "invalid";

const refusalDescriptions: Record<TokenRefusal, string> = {
  malformed_header: "The Authorization header must be the word Bearer, a space and one access token.",
  duplicate_header: "Send exactly one Authorization header.",
  malformed_token: "The access token is not a signed JWT.",
  expired: "The access token expired.",
  not_yet_valid: "The access token is not valid yet.",
  issuer: "The access token was issued by another issuer.",
  audience: "The access token was issued for another audience.",
  missing_claim: "The access token lacks a required claim (sub, exp or iat).",
  algorithm: "The access token must be signed with RS256.",
  unknown_key: "The access token was signed with a key the issuer does not publish.",
  signature: "The access token signature is invalid.",
  invalid: "The access token is invalid.",
};

/**
 * Refuses the whole request because its bearer token could not be verified:
 * HTTP 401 with the `WWW-Authenticate` challenge of RFC 6750, section 3.
 */
export function invalidTokenError(reason: TokenRefusal): GraphQLError {
  // The description goes into a quoted-string of the challenge, so none of
  // the texts above may contain a double quote or a backslash.
  const description = refusalDescriptions[reason];
  // A malformed header is the client's bug, which a new sign-in does not fix.
  const nextStep =
    reason === "malformed_header" || reason === "duplicate_header"
      ? "Send one header of the form Authorization: Bearer <access token>, or none for anonymous access."
      : "Sign in again to get a new access token.";
  return new GraphQLError(`${description} ${nextStep}`, {
    extensions: {
      code: ErrorCode.Unauthenticated,
      reason,
      http: {
        status: 401,
        headers: new Map([
          ["www-authenticate", `Bearer realm="noticeboard", error="invalid_token", error_description="${description}"`],
        ]),
      },
    },
  });
}

/**
 * Refuses the request because the signing keys could not be fetched. This is
 * a 503, not a 401: the token may be valid, and the client should retry.
 */
export function jwksUnavailableError(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    "Cannot verify access tokens right now because the issuer's signing keys could not be fetched. Try again shortly.",
    {
      extensions: {
        code: ErrorCode.JwksUnavailable,
        http: {
          status: 503,
          headers: new Map([["retry-after", String(retryAfterSeconds)]]),
        },
      },
    },
  );
}

/** Creates the error for an anonymous request of a field that needs a signed-in caller. */
export function unauthenticatedError(coordinate: string): GraphQLError {
  return new GraphQLError(`${coordinate} requires a signed-in caller. Send an access token in the Authorization header.`, {
    extensions: { code: ErrorCode.Unauthenticated },
  });
}

/** Creates the error for a signed-in caller who lacks the permissions a field needs. */
export function missingPermissionError(coordinate: string, missing: readonly string[]): GraphQLError {
  const list = missing.join(", ");
  return new GraphQLError(
    `${coordinate} requires the permission ${list}, which your access token does not grant. Ask an administrator to assign it.`,
    { extensions: { code: ErrorCode.Forbidden, requiredPermissions: [...missing] } },
  );
}

/** Creates the error for a signed-in caller who may not act on this record. */
export function forbiddenError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

/** Creates the error for an invalid argument. `argument` names it, such as `input.title`. */
export function badUserInputError(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, argument } });
}

export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound } });
}

/**
 * Refuses a request that arrived after shutdown began: HTTP 503 with
 * `Connection: close`, before any work, so the request can be retried
 * safely. The caller sends `{ errors: [...] }` with the status itself.
 */
export function shuttingDownError(): GraphQLError {
  return new GraphQLError("The server is shutting down and did not run this request. Retry it; another instance will respond.", {
    extensions: { code: ErrorCode.ShuttingDown, http: { status: 503 } },
  });
}

/** A query limit of the API; each has its own setting in config.ts. */
export type QueryLimit = "depth" | "aliases" | "rootFields" | "cost";

const queryLimitTexts: Record<QueryLimit, { readonly measure: string; readonly advice: string }> = {
  depth: {
    measure: "nesting depth",
    advice: "Request fewer nested levels, and fetch deeper data with a second operation.",
  },
  aliases: {
    measure: "number of aliases",
    advice: "Use fewer aliases, and send the remaining fields in another operation.",
  },
  rootFields: {
    measure: "number of top-level fields",
    advice: "Select fewer top-level fields, and send the rest in another operation.",
  },
  cost: {
    measure: "estimated cost",
    advice: "Lower `first` on lists or nest fewer lists; each list multiplies the cost of its fields by `first` (20 when omitted).",
  },
};

/**
 * Refuses an operation that exceeds a query limit, before any resolver runs.
 * Raised from a validation rule, so Apollo responds with HTTP 400; the formatter
 * keeps this code instead of Apollo's GRAPHQL_VALIDATION_FAILED.
 */
export function queryTooComplexError(
  limit: QueryLimit,
  max: number,
  measured: number,
  operation?: ASTNode,
  measuredIsLowerBound = false,
): GraphQLError {
  const { measure, advice } = queryLimitTexts[limit];
  const value = measuredIsLowerBound ? `at least ${measured}` : String(measured);
  return new GraphQLError(`The operation's ${measure} is ${value}, above the maximum of ${max}. ${advice}`, {
    ...(operation ? { nodes: operation } : {}),
    extensions: { code: ErrorCode.QueryTooComplex, limit, max, measured },
  });
}

/**
 * Refuses a request over the caller's rate limit: HTTP 429 with a
 * `Retry-After` header (RFC 9110, section 10.2.3) in whole seconds.
 */
export function rateLimitedError(retryAfterSeconds: number, limit: number, windowSeconds: number): GraphQLError {
  return new GraphQLError(
    `Too many requests: the limit is ${limit} requests per ${windowSeconds} seconds. Retry after ${retryAfterSeconds} seconds.`,
    {
      extensions: {
        code: ErrorCode.RateLimited,
        retryAfterSeconds,
        http: {
          status: 429,
          headers: new Map([["retry-after", String(retryAfterSeconds)]]),
        },
      },
    },
  );
}

/** HTTP statuses for requests rejected before GraphQL parses them. */
export type BadRequestStatus = 400 | 408 | 413 | 415 | 431;

/**
 * Refuses an HTTP request that never reaches GraphQL, such as a body over the
 * size limit. The caller sends `{ errors: [...] }` with `status` itself.
 */
export function badRequestError(status: BadRequestStatus, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadRequest, http: { status } } });
}

/** The fixed message that replaces every error this API did not create on purpose. */
/**
 * The message of DATABASE_UNAVAILABLE. formatError sets it on errors the
 * driver raised, and the operation log plugin sets HTTP 503 on those responses.
 */
export const databaseUnavailableMessage = "The database is not answering right now. Try again shortly.";

export const maskedErrorMessage = "Internal server error. The failure was logged; try again, and report it if it persists.";

export function internalServerError(): GraphQLError {
  return new GraphQLError(maskedErrorMessage, { extensions: { code: ErrorCode.InternalServerError } });
}
