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
  const values = request.headersDistinct["authorization"];
  if (values === undefined || values.length === 0) return { kind: "none" };
  if (values.length > 1) return { kind: "malformed", reason: "duplicate_header" };

  const match = bearerPattern.exec(values[0]!.trim());
  if (match === null) return { kind: "malformed", reason: "malformed_header" };
  return { kind: "token", token: match[1]! };
}
