import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeCode, signIn, startTestIssuer, WEB_ORIGIN, type TestIssuer } from "./support/oauth-client.js";

let running: TestIssuer;

beforeAll(async () => {
  running = await startTestIssuer();
});

afterAll(async () => {
  await running.stop();
});

const PRIVATE_RSA_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

describe("JWKS", () => {
  it("lists one public RS256 signing key", async () => {
    const response = await fetch(running.issuer.jwksUrl);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };

    expect(response.status).toBe(200);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(typeof keys[0]?.kid).toBe("string");
    expect(typeof keys[0]?.n).toBe("string");
  });

  it("contains no private key members", async () => {
    const { keys } = (await (await fetch(running.issuer.jwksUrl)).json()) as { keys: Record<string, unknown>[] };

    for (const key of keys) {
      for (const member of PRIVATE_RSA_MEMBERS) {
        expect(key, `member ${member}`).not.toHaveProperty(member);
      }
    }
  });

  it("allows the web origin by CORS", async () => {
    const response = await fetch(running.issuer.jwksUrl, { headers: { origin: WEB_ORIGIN } });

    expect(response.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
  });
});

describe("openid-configuration", () => {
  it("describes the issuer's endpoints", async () => {
    const { issuer } = running;
    const document = (await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;

    expect(document.issuer).toBe(issuer.issuer);
    expect(document.issuer).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(document.jwks_uri).toBe(issuer.jwksUrl);
    expect(document.authorization_endpoint).toBe(`${issuer.url}/authorize`);
    expect(document.token_endpoint).toBe(`${issuer.url}/oauth/token`);
    expect(document.code_challenge_methods_supported).toEqual(["S256"]);
  });
});

describe("userinfo", () => {
  it("returns the profile for a valid access token", async () => {
    const { issuer } = running;
    const { body } = await exchangeCode(issuer, await signIn(issuer, "dev|bob"));
    const response = await fetch(`${issuer.url}/userinfo`, { headers: { authorization: `Bearer ${String(body.access_token)}` } });
    const profile = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(profile.sub).toBe("dev|bob");
    expect(profile.name).toBe("Bob Example");
    expect(profile.email).toBe("bob@example.com");
  });

  it("rejects a missing token", async () => {
    const response = await fetch(`${running.issuer.url}/userinfo`);

    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_request"');
  });

  it("rejects an expired token", async () => {
    const { issuer } = running;
    const token = await issuer.mintBrokenToken("expired");
    const response = await fetch(`${issuer.url}/userinfo`, { headers: { authorization: `Bearer ${token}` } });

    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("rejects a token without the userinfo audience", async () => {
    const { issuer } = running;
    const token = await issuer.mintAccessToken({ audience: issuer.audience });
    const response = await fetch(`${issuer.url}/userinfo`, { headers: { authorization: `Bearer ${token}` } });

    expect(response.status).toBe(401);
  });
});
