import { createHash, timingSafeEqual } from "node:crypto";

/** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export function isWellFormedVerifier(verifier: string): boolean {
  return CODE_VERIFIER.test(verifier);
}

/** Returns the S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export function computeS256Challenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** Checks a verifier against the challenge stored with the code, in constant time. */
export function matchesChallenge(verifier: string, challenge: string): boolean {
  const expected = Buffer.from(challenge);
  const actual = Buffer.from(computeS256Challenge(verifier));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
