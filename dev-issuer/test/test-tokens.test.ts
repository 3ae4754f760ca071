import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROKEN_TOKEN_KINDS, type BrokenTokenKind } from "../src/index.js";
import { startTestIssuer, type TestIssuer } from "./support/oauth-client.js";

let running: TestIssuer;
let jwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  running = await startTestIssuer();
  jwks = createRemoteJWKSet(new URL(running.issuer.jwksUrl));
});

afterAll(async () => {
  await running.stop();
});

/** Verifies as a strict resource server would, requiring RS256, this issuer, the API audience, and sub, exp and iat. */
function verify(token: string) {
  return jwtVerify(token, jwks, {
    issuer: running.issuer.issuer,
    audience: running.issuer.audience,
    algorithms: ["RS256"],
    requiredClaims: ["sub", "exp", "iat"],
  });
}

describe("mintAccessToken", () => {
  it("mints a token that verifies", async () => {
    const token = await running.issuer.mintAccessToken({ sub: "dev|maya" });
    const { payload, protectedHeader } = await verify(token);

    expect(protectedHeader.typ).toBe("JWT");
    expect(payload.sub).toBe("dev|maya");
    expect(payload.permissions).toEqual(["moderate:posts"]);
    expect(payload["https://noticeboard.example/name"]).toBe("Maya Moderator");
    expect(payload.azp).toBe(running.issuer.clientId);
  });

  it("applies every option", async () => {
    const token = await running.issuer.mintAccessToken({
      sub: "dev|zed",
      permissions: ["moderate:posts", "extra"],
      scope: "openid",
      name: "Zed",
      expiresIn: 120,
      notBefore: -5,
      audience: running.issuer.audience,
    });
    const { payload } = await verify(token);

    expect(payload.sub).toBe("dev|zed");
    expect(payload.permissions).toEqual(["moderate:posts", "extra"]);
    expect(payload.scope).toBe("openid");
    expect(payload["https://noticeboard.example/name"]).toBe("Zed");
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(payload.nbf).toBe(payload.iat! - 5);
    expect(payload.aud).toBe(running.issuer.audience);
  });

  it("omits the name claim with name null", async () => {
    const { payload } = await verify(await running.issuer.mintAccessToken({ name: null }));

    expect(payload).not.toHaveProperty("https://noticeboard.example/name");
  });

  it("mints an expired token with a negative lifetime", async () => {
    const token = await running.issuer.mintAccessToken({ expiresIn: -120 });

    await expect(verify(token)).rejects.toMatchObject({ code: "ERR_JWT_EXPIRED" });
  });
});

describe("mintIdToken", () => {
  it("mints an ID token for the client", async () => {
    const token = await running.issuer.mintIdToken({ sub: "dev|bob", nonce: "n-1" });
    const { payload } = await jwtVerify(token, jwks, { issuer: running.issuer.issuer, audience: running.issuer.clientId });

    expect(payload.sub).toBe("dev|bob");
    expect(payload.nonce).toBe("n-1");
    expect(payload.name).toBe("Bob Example");
  });
});

describe("mintBrokenToken", () => {
  // The jose error code shows that each token fails for its own defect, not for an unrelated one.
  const expectedFailures: Record<BrokenTokenKind, string> = {
    expired: "ERR_JWT_EXPIRED",
    "not-yet-valid": "ERR_JWT_CLAIM_VALIDATION_FAILED",
    "wrong-audience": "ERR_JWT_CLAIM_VALIDATION_FAILED",
    "wrong-issuer": "ERR_JWT_CLAIM_VALIDATION_FAILED",
    "unknown-key": "ERR_JWKS_NO_MATCHING_KEY",
    "foreign-key-known-kid": "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    "alg-none": "ERR_JOSE_ALG_NOT_ALLOWED",
    "hs256-public-key": "ERR_JOSE_ALG_NOT_ALLOWED",
    "tampered-payload": "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    "missing-sub": "ERR_JWT_CLAIM_VALIDATION_FAILED",
    "missing-exp": "ERR_JWT_CLAIM_VALIDATION_FAILED",
    "missing-iat": "ERR_JWT_CLAIM_VALIDATION_FAILED",
  };

  it("covers every kind in the table", () => {
    expect(Object.keys(expectedFailures).sort()).toEqual([...BROKEN_TOKEN_KINDS].sort());
  });

  it.each(BROKEN_TOKEN_KINDS)("%s is rejected by a correct verifier", async (kind) => {
    const token = await running.issuer.mintBrokenToken(kind);

    await expect(verify(token)).rejects.toMatchObject({ code: expectedFailures[kind] });
  });

  it("signs alg-none without a signature", async () => {
    const token = await running.issuer.mintBrokenToken("alg-none");

    expect(decodeProtectedHeader(token).alg).toBe("none");
    expect(token.endsWith(".")).toBe(true);
  });

  it("signs hs256-public-key with the known kid", async () => {
    const token = await running.issuer.mintBrokenToken("hs256-public-key");
    const header = decodeProtectedHeader(token);
    const { keys } = (await (await fetch(running.issuer.jwksUrl)).json()) as { keys: { kid: string }[] };

    expect(header.alg).toBe("HS256");
    expect(header.kid).toBe(keys[0]?.kid);
  });

  it("uses the known kid for foreign-key-known-kid only", async () => {
    const { keys } = (await (await fetch(running.issuer.jwksUrl)).json()) as { keys: { kid: string }[] };
    const known = decodeProtectedHeader(await running.issuer.mintBrokenToken("foreign-key-known-kid"));
    const unknown = decodeProtectedHeader(await running.issuer.mintBrokenToken("unknown-key"));

    expect(known.kid).toBe(keys[0]?.kid);
    expect(unknown.kid).not.toBe(keys[0]?.kid);
  });

  it("applies claim overrides", async () => {
    const token = await running.issuer.mintBrokenToken("wrong-issuer", { sub: "dev|bob" });
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;

    expect(payload.sub).toBe("dev|bob");
    expect(payload.iss).toBe("https://other-issuer.example/");
  });

  it.each(["missing-sub", "missing-exp", "missing-iat"] as const)("%s leaves out the claim", async (kind) => {
    const token = await running.issuer.mintBrokenToken(kind);
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;

    expect(payload).not.toHaveProperty(kind.slice("missing-".length));
  });
});
