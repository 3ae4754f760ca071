/**
 * Raised by the auth link when the SDK cannot produce an access token for a
 * signed-in user (refresh token expired or revoked). Only an interactive
 * sign-in can fix it.
 */
export class SessionExpiredError extends Error {
  override readonly name = "SessionExpiredError";

  constructor(readonly reason: unknown) {
    super(`No access token could be obtained silently: ${String(reason)}`);
  }

  static is(error: unknown): error is SessionExpiredError {
    return error instanceof SessionExpiredError;
  }
}
