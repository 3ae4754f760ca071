import type { Response } from "express";

/** Error codes of RFC 6749 section 5.2 that the token endpoint returns. */
export type TokenErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_scope"
  | "unauthorized_client"
  | "unsupported_grant_type";

/**
 * Sends an OAuth error body. The SDK throws `error` as the error code and
 * `error_description` as the message, so the description names the value and the fix.
 */
export function sendTokenError(response: Response, code: TokenErrorCode, description: string): void {
  // RFC 6749 section 5.2 uses 400 for token errors and allows 401 for invalid_client.
  const status = code === "invalid_client" ? 401 : 400;
  response
    .status(status)
    .set({ "Cache-Control": "no-store", Pragma: "no-cache" })
    .json({ error: code, error_description: description });
}
