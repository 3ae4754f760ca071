import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client/errors";

import { SessionExpiredError } from "../apollo/session-expired-error";

export type ErrorKind =
  | "unauthenticated"
  | "session-expired"
  | "forbidden"
  | "bad-input"
  | "not-found"
  | "auth-unavailable"
  | "network"
  | "server";

export interface ClassifiedError {
  kind: ErrorKind;
  /** A sentence for the user, naming what failed and what to do. */
  message: string;
  /** The permission the API asked for, when kind is "forbidden" and the API named one. */
  permission?: string;
  /** Whether sending the same request again may succeed. */
  retryable: boolean;
}

interface GraphQLErrorShape {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

// The API names permissions as `<action>:<resource>`, e.g. moderate:posts.
const PERMISSION_PATTERN = /\b[a-z][a-z_-]*:[a-z][a-z_-]*\b/;

// Codes in the order they decide the outcome when one response carries several.
const CODE_PRIORITY = ["UNAUTHENTICATED", "JWKS_UNAVAILABLE", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT"];

/** Maps any error that reaches a component or link to a kind and a user-facing message. */
export function classifyError(error: unknown): ClassifiedError {
  if (SessionExpiredError.is(error)) {
    return {
      kind: "session-expired",
      message: "Your session has ended. Sign in again to continue.",
      retryable: false,
    };
  }

  if (CombinedGraphQLErrors.is(error)) {
    return classifyGraphQLErrors(error.errors) ?? serverFailure(error.errors[0]?.message);
  }

  if (ServerError.is(error)) {
    const fromBody = classifyGraphQLErrors(parseErrorsFromBody(error.bodyText));
    if (fromBody) {
      return fromBody;
    }
    if (error.statusCode === 401) {
      return unauthenticated();
    }
    if (error.statusCode === 503) {
      return {
        kind: "server",
        message: "The service is unavailable right now. Try again in a moment.",
        retryable: true,
      };
    }
    return serverFailure(`HTTP ${error.statusCode}`);
  }

  if (ServerParseError.is(error)) {
    return serverFailure("the response was not valid JSON");
  }

  return {
    kind: "network",
    message: "Cannot reach the server. Check your connection and try again.",
    retryable: true,
  };
}

/** Returns the `extensions.code` values of a GraphQL error list, such as a partial result's errors. */
export function errorCodes(errors: readonly GraphQLErrorShape[]): string[] {
  return errors.map((entry) => entry.extensions?.["code"]).filter((code): code is string => typeof code === "string");
}

function classifyGraphQLErrors(errors: readonly GraphQLErrorShape[]): ClassifiedError | null {
  const codes = errorCodes(errors);
  const code = CODE_PRIORITY.find((candidate) => codes.includes(candidate));
  const first = errors.find((entry) => entry.extensions?.["code"] === code) ?? errors[0];

  switch (code) {
    case "UNAUTHENTICATED":
      return unauthenticated();
    case "JWKS_UNAVAILABLE":
      return {
        kind: "auth-unavailable",
        message: "We cannot verify sign-ins right now. Try again in a moment.",
        retryable: true,
      };
    case "FORBIDDEN":
      return forbidden(first);
    case "NOT_FOUND":
      return { kind: "not-found", message: first?.message ?? "Not found.", retryable: false };
    case "BAD_USER_INPUT":
      return { kind: "bad-input", message: first?.message ?? "The input was rejected.", retryable: false };
    default:
      return null;
  }
}

function forbidden(error: GraphQLErrorShape | undefined): ClassifiedError {
  const permission = findPermission(error);
  if (permission) {
    return {
      kind: "forbidden",
      permission,
      message: `You need the "${permission}" permission to do this.`,
      retryable: false,
    };
  }
  return {
    kind: "forbidden",
    message: error?.message ? `Not allowed: ${error.message}` : "You are not allowed to do this.",
    retryable: false,
  };
}

function findPermission(error: GraphQLErrorShape | undefined): string | undefined {
  if (!error) {
    return undefined;
  }
  for (const key of ["permission", "requires", "missingPermission", "missingPermissions"]) {
    const value = error.extensions?.[key];
    if (typeof value === "string") {
      return value;
    }
    if (Array.isArray(value) && typeof value[0] === "string") {
      return value[0];
    }
  }
  return PERMISSION_PATTERN.exec(error.message)?.[0];
}

function unauthenticated(): ClassifiedError {
  return {
    kind: "unauthenticated",
    message: "You need to sign in to see this.",
    retryable: false,
  };
}

function serverFailure(detail: string | undefined): ClassifiedError {
  return {
    kind: "server",
    message: detail ? `The server could not complete the request (${detail}).` : "The server could not complete the request.",
    retryable: true,
  };
}

function parseErrorsFromBody(bodyText: string): GraphQLErrorShape[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body === "object" && body !== null && Array.isArray((body as { errors?: unknown }).errors)) {
      return ((body as { errors: unknown[] }).errors).filter(
        (entry): entry is GraphQLErrorShape =>
          typeof entry === "object" && entry !== null && typeof (entry as { message?: unknown }).message === "string",
      );
    }
  } catch {
    // A body that is not JSON carries no error codes; the status decides.
  }
  return [];
}
