import { ErrorLink } from "@apollo/client/link/error";
import { from, switchMap, tap, throwError } from "rxjs";

import { classifyError, errorCodes } from "../errors/classify-error";

export type SessionProblem = "session-expired" | "auth-unavailable";

export interface ErrorLinkOptions {
  /**
   * Forces one silent token refresh. Resolves true when a new access token
   * is ready; false or a rejection means only an interactive sign-in helps.
   */
  refreshAccessToken(): Promise<boolean>;
  /** Called for problems that concern the whole session, not one screen. */
  reportSessionProblem(problem: SessionProblem): void;
}

/**
 * Handles the errors that concern every operation.
 *
 * - UNAUTHENTICATED on a request that carried a token: the link refreshes the
 *   token silently once and sends the operation again. If that fails too, it
 *   reports "session-expired" so that the app offers an interactive sign-in.
 *   The link never redirects by itself, so no redirect loop can start here.
 * - UNAUTHENTICATED on an anonymous request passes through, and the screen
 *   offers a sign-in.
 * - JWKS_UNAVAILABLE (HTTP 503) is reported as "auth-unavailable".
 * - A token that the SDK cannot get silently is reported as "session-expired".
 *
 * Everything else reaches the screen, FORBIDDEN and network failures
 * included. The screen shows the message from classifyError and a retry
 * button where retrying can help.
 */
export function createErrorLink(options: ErrorLinkOptions): ErrorLink {
  return new ErrorLink(({ error, operation, forward }) => {
    const classified = classifyError(error);

    if (classified.kind === "session-expired") {
      options.reportSessionProblem("session-expired");
      return;
    }

    if (classified.kind === "auth-unavailable") {
      options.reportSessionProblem("auth-unavailable");
      return;
    }

    if (classified.kind !== "unauthenticated") {
      return;
    }

    const headers = operation.getContext().headers as Record<string, string> | undefined;
    if (!headers?.["authorization"]) {
      return;
    }

    // ErrorLink does not run this handler on the result of a retry, so the
    // second response is checked here. This also limits the retries to one.
    const reportIfStillUnauthenticated = () => options.reportSessionProblem("session-expired");
    return from(options.refreshAccessToken().catch(() => false)).pipe(
      switchMap((refreshed) => {
        if (!refreshed) {
          options.reportSessionProblem("session-expired");
          return throwError(() => error);
        }
        return forward(operation).pipe(
          tap({
            next: (result) => {
              if (errorCodes(result.errors ?? []).includes("UNAUTHENTICATED")) {
                reportIfStillUnauthenticated();
              }
            },
            error: (retryError: unknown) => {
              const kind = classifyError(retryError).kind;
              if (kind === "unauthenticated" || kind === "session-expired") {
                reportIfStillUnauthenticated();
              }
            },
          }),
        );
      }),
    );
  });
}
