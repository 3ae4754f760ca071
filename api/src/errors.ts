import { GraphQLError } from "graphql";

/** Every `extensions.code` this API sets. */
export const ErrorCode = {
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  BadUserInput: "BAD_USER_INPUT",
  NotFound: "NOT_FOUND",
  /** The issuer's signing keys could not be fetched; the caller's token may be fine. */
  JwksUnavailable: "JWKS_UNAVAILABLE",
  DatabaseUnavailable: "DATABASE_UNAVAILABLE",
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
  return new GraphQLError(`${description} Sign in again to get a new access token.`, {
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

/** A field that needs a signed-in caller was requested anonymously. */
export function unauthenticatedError(coordinate: string): GraphQLError {
  return new GraphQLError(`${coordinate} requires a signed-in caller. Send an access token in the Authorization header.`, {
    extensions: { code: ErrorCode.Unauthenticated },
  });
}

/** The caller is signed in but lacks the permissions a field needs. */
export function missingPermissionError(coordinate: string, missing: readonly string[]): GraphQLError {
  const list = missing.join(", ");
  return new GraphQLError(
    `${coordinate} requires the permission ${list}, which your access token does not grant. Ask an administrator to assign it.`,
    { extensions: { code: ErrorCode.Forbidden, requiredPermissions: [...missing] } },
  );
}

/** The caller is signed in but may not act on this record. */
export function forbiddenError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

/** An argument is invalid; `argument` names it, such as `input.title`. */
export function badUserInputError(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, argument } });
}

export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound } });
}

export function databaseUnavailableError(): GraphQLError {
  return new GraphQLError("The database is not answering right now. Try again shortly.", {
    extensions: { code: ErrorCode.DatabaseUnavailable, http: { status: 503 } },
  });
}

/** The fixed message that replaces every error this API did not create on purpose. */
export const maskedErrorMessage = "Internal server error. The failure was logged; try again, and report it if it persists.";

export function internalServerError(): GraphQLError {
  return new GraphQLError(maskedErrorMessage, { extensions: { code: ErrorCode.InternalServerError } });
}
