import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { databaseUnavailableMessage, ErrorCode, maskedErrorMessage } from "../errors.js";

// Codes whose messages were written for the caller: ours, and the ones Apollo
// Server sets for requests it could not parse, validate or coerce.
const callerErrorCodes = new Set<string>([
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.BadUserInput,
  ErrorCode.NotFound,
  ErrorCode.JwksUnavailable,
  ErrorCode.DatabaseUnavailable,
  ErrorCode.QueryTooComplex,
  ErrorCode.RateLimited,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

// node-postgres connection failures and the SQLSTATE classes 08
// (connection exception) and 57P (operator intervention, such as a shutdown).
// 57014 is a statement cancelled by statement_timeout: the database did not
// respond in time, which the caller should treat like an outage and retry.
const unavailableNetworkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"]);

/** Returns whether an error means the database could not be reached, not that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === "string" && (unavailableNetworkCodes.has(code) || code.startsWith("08") || code.startsWith("57P") || code === "57014")) {
      return true;
    }
    if (/Connection terminated|timeout exceeded when trying to connect|Query read timeout|PGlite is clos(ed|ing)/i.test(current.message)) return true;
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return false;
}

/** Returns whether the caller may see this error as thrown. Every other error is masked. */
export function isCallerError(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.["code"];
  if (typeof code !== "string" || !callerErrorCodes.has(code)) return false;
  // A resolver that throws a plain Error gets no code from us; Apollo marks it
  // INTERNAL_SERVER_ERROR, so it is never in the set above.
  return unwrapResolverError(error) instanceof GraphQLError || error instanceof GraphQLError;
}

// Apollo labels every error of a validation rule GRAPHQL_VALIDATION_FAILED,
// also the ones our query-limit rule raises; their own code is kept on the
// original error.
function validationRuleCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || !(error.originalError instanceof GraphQLError)) return undefined;
  const code = error.originalError.extensions["code"];
  return code === ErrorCode.QueryTooComplex ? code : undefined;
}

/**
 * Replaces every error we did not write for the caller with a fixed message,
 * so stack traces, SQL and internal messages never reach clients. The full
 * error is logged by the operation log plugin. `includeStack` keeps Apollo's
 * stack trace extension outside production.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, includeStack: boolean): GraphQLFormattedError {
  if (isCallerError(formatted, error)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const code = validationRuleCode(error) ?? extensions["code"];
    return { ...formatted, extensions: includeStack ? { ...formatted.extensions, code } : { ...extensions, code } };
  }

  const unavailable = isDatabaseUnavailable(unwrapResolverError(error));
  const masked: GraphQLFormattedError = {
    message: unavailable ? databaseUnavailableMessage : maskedErrorMessage,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: unavailable ? ErrorCode.DatabaseUnavailable : ErrorCode.InternalServerError,
      ...(includeStack && formatted.extensions?.["stacktrace"] ? { stacktrace: formatted.extensions["stacktrace"] } : {}),
    },
  };
  return masked;
}
