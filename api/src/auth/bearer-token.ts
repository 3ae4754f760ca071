import type { IncomingMessage } from "node:http";
import type { TokenRefusal } from "../errors.js";

export type BearerExtraction =
  | { readonly kind: "none" }
  | { readonly kind: "token"; readonly token: string }
  | { readonly kind: "malformed"; readonly reason: TokenRefusal };

// RFC 6750, section 2.1: the scheme is case-insensitive, followed by one or
// more spaces and a b64token. Anything else (extra parts, other schemes, an
// empty token) is malformed rather than anonymous, so a client bug is never
// silently downgraded to an anonymous request.
const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Reads the bearer token of a request. No header means an anonymous caller;
 * two headers are refused, because Node keeps only the first and a proxy may
 * have acted on the other.
 */
export function extractBearerToken(request: IncomingMessage): BearerExtraction {
  const value = request.headers.authorization;
  if (value === undefined) return { kind: "none" };
  if (countAuthorizationHeaders(request.rawHeaders) > 1) return { kind: "malformed", reason: "duplicate_header" };

  const match = bearerPattern.exec(value.trim());
  if (match === null) return { kind: "malformed", reason: "malformed_header" };
  return { kind: "token", token: match[1]! };
}

// rawHeaders alternates names and values. Scanning it is cheaper than
// headersDistinct, which copies every header of every request.
function countAuthorizationHeaders(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!;
    if (name.length === 13 && name.toLowerCase() === "authorization") count += 1;
  }
  return count;
}
