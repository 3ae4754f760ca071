import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const viewerQuery = `{ viewer { user { id } } }`;

describe("token verification", () => {
  let issuer: TestIssuer;
  let api: TestApi;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database: "pglite", env: { AUTH0_CLOCK_TOLERANCE_SECONDS: "5" } });
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);

  async function foreignKeyToken(kid: string): Promise<string> {
    const { privateKey } = await generateKeyPair("RS256");
    return new SignJWT({ iss: issuer.issuer, aud: issuer.audience, sub: "auth0|mallory", iat: now(), exp: now() + 600 })
      .setProtectedHeader({ alg: "RS256", kid })
      .sign(privateKey);
  }

  async function hs256WithPublicKey(): Promise<string> {
    const published = (await (await fetch(`${issuer.issuer}.well-known/jwks.json`)).json()) as { keys: Array<{ n: string }> };
    const secret = new TextEncoder().encode(JSON.stringify(published.keys[0]));
    return new SignJWT({ iss: issuer.issuer, aud: issuer.audience, sub: "auth0|mallory", iat: now(), exp: now() + 600 })
      .setProtectedHeader({ alg: "HS256", kid: issuer.currentKid() })
      .sign(secret);
  }

  it("accepts a valid token", async () => {
    const response = await api.graphql(viewerQuery, { token: await issuer.sign({ sub: "auth0|alice" }) });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ viewer: { user: { id: "auth0|alice" } } });
  });

  it("accepts a lowercase bearer scheme", async () => {
    const token = await issuer.sign({ sub: "auth0|alice" });
    const response = await api.graphql(viewerQuery, { headers: { authorization: `bearer ${token}` } });
    expect(response.body.data).toEqual({ viewer: { user: { id: "auth0|alice" } } });
  });

  it("accepts a token expired within the clock tolerance", async () => {
    const token = await issuer.sign({ sub: "auth0|alice", iat: now() - 600, exp: now() - 2 });
    const response = await api.graphql(viewerQuery, { token });
    expect(response.status).toBe(200);
  });

  const refusals: Array<[string, () => Promise<Record<string, string>>, string]> = [
    ["expired token", async () => ({ authorization: `Bearer ${await issuer.sign({ iat: now() - 600, exp: now() - 60 })}` }), "expired"],
    ["token not yet valid", async () => ({ authorization: `Bearer ${await issuer.sign({ nbf: now() + 600 })}` }), "not_yet_valid"],
    ["wrong issuer", async () => ({ authorization: `Bearer ${await issuer.sign({ iss: "https://other.eu.auth0.com/" })}` }), "issuer"],
    ["issuer without trailing slash", async () => ({ authorization: `Bearer ${await issuer.sign({ iss: issuer.issuer.slice(0, -1) })}` }), "issuer"],
    ["wrong audience", async () => ({ authorization: `Bearer ${await issuer.sign({ aud: "https://other.example/api" })}` }), "audience"],
    ["ID token as access token", async () => ({ authorization: `Bearer ${await issuer.sign({ aud: "noticeboard-dev" })}` }), "audience"],
    ["missing sub", async () => ({ authorization: `Bearer ${await issuer.sign({ sub: undefined })}` }), "missing_claim"],
    ["missing iat", async () => ({ authorization: `Bearer ${await issuer.sign({ iat: undefined })}` }), "missing_claim"],
    ["unknown kid", async () => ({ authorization: `Bearer ${await foreignKeyToken("key-unknown")}` }), "unknown_key"],
    ["foreign key with a known kid", async () => ({ authorization: `Bearer ${await foreignKeyToken(issuer.currentKid())}` }), "signature"],
    ["alg none", async () => ({ authorization: `Bearer ${new UnsecuredJWT({ sub: "auth0|mallory", iss: issuer.issuer, aud: issuer.audience }).setIssuedAt().setExpirationTime("1h").encode()}` }), "algorithm"],
    ["HS256 signed with the public key", async () => ({ authorization: `Bearer ${await hs256WithPublicKey()}` }), "algorithm"],
    ["opaque token", async () => ({ authorization: "Bearer 8xLOxBtZp8" }), "malformed_token"],
    ["empty bearer", async () => ({ authorization: "Bearer " }), "malformed_header"],
    ["basic scheme", async () => ({ authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" }), "malformed_header"],
    ["extra parts", async () => ({ authorization: `Bearer ${await issuer.sign()} extra` }), "malformed_header"],
    ["bearer twice", async () => ({ authorization: `Bearer Bearer ${await issuer.sign()}` }), "malformed_header"],
  ];

  it.each(refusals)("refuses %s with 401", async (_name, headers, reason) => {
    const response = await api.graphql(viewerQuery, { headers: await headers() });
    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="noticeboard", error="invalid_token", error_description="[^"]+"$/);
  });

  it("refuses two Authorization headers", async () => {
    // fetch folds repeated headers into one line, so this request is written with node:http.
    const token = await issuer.sign();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${api.api.url}/graphql`, {
        method: "POST",
        headers: ["host", new URL(api.api.url).host, "content-type", "application/json", "authorization", `Bearer ${token}`, "authorization", `Bearer ${token}`],
      });
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on("error", reject);
      request.end(JSON.stringify({ query: viewerQuery }));
    });
    expect(status).toBe(401);
    const parsed = JSON.parse(body) as { errors: Array<{ extensions: { reason: string } }> };
    expect(parsed.errors[0]?.extensions.reason).toBe("duplicate_header");
  });

  it("refuses a bad token even for public fields", async () => {
    const response = await api.graphql(`{ posts { edges { node { id } } } }`, { headers: { authorization: "Bearer not.a.jwt" } });
    expect(response.status).toBe(401);
  });

  it("logs each refusal with its reason and never the token", async () => {
    const token = await issuer.sign({ iat: now() - 600, exp: now() - 60 });
    await api.graphql(viewerQuery, { token });
    const refusal = api.logs.filter((line) => line["event"] === "token_refused").at(-1);
    expect(refusal).toMatchObject({ level: 40, reason: "expired" });
    expect(typeof refusal?.["reqId"]).toBe("string");
    expect(JSON.stringify(api.logs)).not.toContain(token.split(".")[2]);
  });

  it("serves a JWKS with public keys only", async () => {
    // Guards the test fixture: a private exponent in the set would make every other check meaningless.
    const body = (await (await fetch(`${issuer.issuer}.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(body.keys.every((key) => !("d" in key))).toBe(true);
    expect(await exportJWK((await generateKeyPair("RS256")).publicKey)).not.toHaveProperty("d");
  });
});
