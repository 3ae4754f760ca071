import { createPublicKey, randomBytes } from "node:crypto";
import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenRefusal } from "../src/errors.js";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const viewerQuery = `{ viewer { user { id } } }`;
const challenge = /^Bearer realm="noticeboard", error="invalid_token", error_description="[^"\\]+"$/;

/** What one hostile request must get back. */
type Outcome =
  | { readonly status: 200 }
  | { readonly status: 401; readonly reason: TokenRefusal }
  | { readonly status: 431 };

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Sends one GraphQL request with node:http and the exact header list given:
 * fetch folds repeated headers into one line and adds its own.
 */
function send(baseUrl: string, headers: readonly string[]): Promise<RawResponse> {
  const url = new URL("/graphql", baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: ["host", url.host, "content-type", "application/json", ...headers],
      timeout: 10_000,
    });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("timeout", () => request.destroy(new Error("no response within 10 s")));
    request.on("error", reject);
    request.end(JSON.stringify({ query: viewerQuery }));
  });
}

const base64url = (text: string) => Buffer.from(text).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

describe("hostile tokens", () => {
  let issuer: TestIssuer;
  let api: TestApi;
  let olderKid: string;
  let publishedJwk: Record<string, string>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    olderKid = issuer.currentKid();
    // Two published keys, so a token without `kid` matches more than one.
    await issuer.rotate();
    // Read once here: the issuer counts this fetch too, and each case below
    // asserts that the count does not move.
    const response = await fetch(`${issuer.issuer}.well-known/jwks.json`);
    publishedJwk = ((await response.json()) as { keys: Array<Record<string, string>> }).keys.at(-1)!;
    api = await startTestApi({
      issuer,
      database: "pglite",
      // A long cooldown, as in production: no refused token below may cause a fetch.
      env: { AUTH0_CLOCK_TOLERANCE_SECONDS: "5", JWKS_COOLDOWN_MS: "30000" },
    });
    const warmUp = await send(api.api.url, ["authorization", `Bearer ${await issuer.sign()}`]);
    expect(warmUp.status).toBe(200);
    // One fetch above, one by the API for the warm-up token.
    expect(issuer.fetchCount()).toBe(2);
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  const validClaims = (): JWTPayload => ({
    iss: issuer.issuer,
    aud: issuer.audience,
    sub: "auth0|mallory",
    iat: now(),
    exp: now() + 600,
  });

  async function foreignToken(header: Record<string, unknown>, claims: JWTPayload = validClaims()): Promise<string> {
    const { privateKey } = await generateKeyPair("RS256");
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", ...header }).sign(privateKey);
  }

  // "Confusion" attacks: HMAC-sign with bytes an attacker can read from the JWKS.
  async function hs256With(secret: Uint8Array): Promise<string> {
    return new SignJWT(validClaims()).setProtectedHeader({ alg: "HS256", kid: issuer.currentKid() }).sign(secret);
  }

  async function hs256WithPem(): Promise<string> {
    const pem = createPublicKey({ key: { kty: "RSA", n: publishedJwk["n"]!, e: publishedJwk["e"]! }, format: "jwk" }).export({ type: "spki", format: "pem" });
    return hs256With(new TextEncoder().encode(pem.toString()));
  }

  async function withPayload(token: string, claims: JWTPayload): Promise<string> {
    const [header, , signature] = token.split(".");
    return `${header}.${base64url(JSON.stringify(claims))}.${signature}`;
  }

  const rawHeader = (kid: string, extra = "") => `{"alg":"RS256","typ":"JWT","kid":"${kid}"${extra}}`;
  const rawPayload = (extra = "") =>
    `{"iss":"${issuer.issuer}","aud":"${issuer.audience}","sub":"auth0|mallory","iat":${now()},"exp":${now() + 600}${extra}}`;

  const bearer = (token: string) => ["authorization", `Bearer ${token}`];

  const cases: Array<[string, () => Promise<string[]>, Outcome]> = [
    // Algorithm and key confusion.
    ["alg none", async () => bearer(new UnsecuredJWT(validClaims()).encode()), { status: 401, reason: "algorithm" }],
    ["alg none with a known kid", async () => bearer(`${base64url(`{"alg":"none","kid":"${issuer.currentKid()}"}`)}.${base64url(rawPayload())}.`), { status: 401, reason: "algorithm" }],
    ["HS256 keyed with the public JWK", async () => bearer(await hs256With(new TextEncoder().encode(JSON.stringify(publishedJwk)))), { status: 401, reason: "algorithm" }],
    ["HS256 keyed with the public PEM", async () => bearer(await hs256WithPem()), { status: 401, reason: "algorithm" }],
    ["HS256 keyed with the modulus", async () => bearer(await hs256With(Buffer.from(publishedJwk["n"]!, "base64url"))), { status: 401, reason: "algorithm" }],
    ["RS256 from a foreign key, known kid", async () => bearer(await foreignToken({ kid: issuer.currentKid() })), { status: 401, reason: "signature" }],
    ["RS256 from a foreign key, unknown kid", async () => bearer(await foreignToken({ kid: "key-unknown" })), { status: 401, reason: "unknown_key" }],
    ["kid with a path traversal", async () => bearer(await foreignToken({ kid: "../../../../etc/passwd" })), { status: 401, reason: "unknown_key" }],
    ["kid with SQL", async () => bearer(await foreignToken({ kid: "' or 1=1 --" })), { status: 401, reason: "unknown_key" }],
    ["older key's kid, current key's signature", async () => bearer(await issuer.signRaw(rawHeader(olderKid), rawPayload())), { status: 401, reason: "signature" }],
    ["no kid with two keys published", async () => bearer(await issuer.signRaw('{"alg":"RS256","typ":"JWT"}', rawPayload())), { status: 401, reason: "unknown_key" }],
    ["jku naming a foreign key set", async () => bearer(await foreignToken({ kid: issuer.currentKid(), jku: "http://127.0.0.1:9/jwks.json" })), { status: 401, reason: "signature" }],
    ["embedded jwk of the signer", async () => {
      const { privateKey, publicKey } = await generateKeyPair("RS256");
      const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: "RS256", kid: issuer.currentKid(), jwk: await exportJWK(publicKey) }).sign(privateKey);
      return bearer(token);
    }, { status: 401, reason: "signature" }],
    ["signature removed", async () => bearer(`${(await issuer.sign()).split(".").slice(0, 2).join(".")}.`), { status: 401, reason: "signature" }],
    ["signature of another token", async () => {
      const [header, payload] = (await issuer.sign({ sub: "auth0|mallory" })).split(".");
      const signature = (await issuer.sign({ sub: "auth0|alice" })).split(".")[2];
      return bearer(`${header}.${payload}.${signature}`);
    }, { status: 401, reason: "signature" }],
    ["payload changed after signing", async () => bearer(await withPayload(await issuer.sign(), { ...validClaims(), permissions: ["moderate:posts"] })), { status: 401, reason: "signature" }],

    // Time claims.
    ["expired beyond the tolerance", async () => bearer(await issuer.sign({ iat: now() - 600, exp: now() - 60 })), { status: 401, reason: "expired" }],
    ["expired within the tolerance", async () => bearer(await issuer.sign({ iat: now() - 600, exp: now() - 2 })), { status: 200 }],
    ["nbf in the future", async () => bearer(await issuer.sign({ nbf: now() + 600 })), { status: 401, reason: "not_yet_valid" }],
    ["nbf within the tolerance", async () => bearer(await issuer.sign({ nbf: now() + 2 })), { status: 200 }],
    ["exp as a string", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid()), `{"iss":"${issuer.issuer}","aud":"${issuer.audience}","sub":"auth0|mallory","iat":${now()},"exp":"${now() + 600}"}`)), { status: 401, reason: "invalid" }],

    // Required claims.
    ["missing exp", async () => bearer(await issuer.sign({ exp: undefined })), { status: 401, reason: "missing_claim" }],
    ["missing sub", async () => bearer(await issuer.sign({ sub: undefined })), { status: 401, reason: "missing_claim" }],
    ["missing iat", async () => bearer(await issuer.sign({ iat: undefined })), { status: 401, reason: "missing_claim" }],
    ["empty sub", async () => bearer(await issuer.sign({ sub: "" })), { status: 401, reason: "missing_claim" }],
    // The verifier treats a `sub` that is not a non-empty string as absent.
    ["sub as a number", async () => bearer(await issuer.sign({ sub: 42 as unknown as string })), { status: 401, reason: "missing_claim" }],

    // Issuer.
    ["wrong issuer", async () => bearer(await issuer.sign({ iss: "https://evil.example/" })), { status: 401, reason: "issuer" }],
    ["issuer without the trailing slash", async () => bearer(await issuer.sign({ iss: issuer.issuer.slice(0, -1) })), { status: 401, reason: "issuer" }],
    ["issuer of another tenant", async () => bearer(await issuer.sign({ iss: "https://other-tenant.eu.auth0.com/" })), { status: 401, reason: "issuer" }],
    ["issuer in upper case", async () => bearer(await issuer.sign({ iss: issuer.issuer.toUpperCase() })), { status: 401, reason: "issuer" }],
    ["missing issuer", async () => bearer(await issuer.sign({ iss: undefined })), { status: 401, reason: "issuer" }],

    // Audience.
    ["wrong audience", async () => bearer(await issuer.sign({ aud: "https://other.example/api" })), { status: 401, reason: "audience" }],
    ["audience array without ours", async () => bearer(await issuer.sign({ aud: ["https://other.example/api", `${issuer.issuer}userinfo`] })), { status: 401, reason: "audience" }],
    ["audience array with ours", async () => bearer(await issuer.sign({ aud: ["https://other.example/api", issuer.audience] })), { status: 200 }],
    ["ID token as an access token", async () => bearer(await issuer.sign({ aud: "noticeboard-dev", nonce: "n-0S6_WzA2Mj", email: "mallory@example.com" })), { status: 401, reason: "audience" }],
    ["audience with a trailing slash", async () => bearer(await issuer.sign({ aud: `${issuer.audience}/` })), { status: 401, reason: "audience" }],
    ["missing audience", async () => bearer(await issuer.sign({ aud: undefined })), { status: 401, reason: "audience" }],

    // Not a signed JWT.
    ["opaque token", async () => bearer("8xLOxBtZp8mZ3vXk2Qf0"), { status: 401, reason: "malformed_token" }],
    ["JWE-shaped token", async () => bearer([base64url('{"alg":"RSA-OAEP-256","enc":"A256GCM"}'), randomBytes(256).toString("base64url"), randomBytes(12).toString("base64url"), randomBytes(64).toString("base64url"), randomBytes(16).toString("base64url")].join(".")), { status: 401, reason: "malformed_token" }],
    ["five-part string", async () => bearer("aaaa.bbbb.cccc.dddd.eeee"), { status: 401, reason: "malformed_token" }],
    ["four-part string", async () => bearer(`${await issuer.sign()}.extra`), { status: 401, reason: "malformed_token" }],
    ["two-part string", async () => bearer((await issuer.sign()).split(".").slice(0, 2).join(".")), { status: 401, reason: "malformed_token" }],
    ["base64 instead of base64url", async () => bearer("eyJhbGciOiJSUzI1NiJ9+/.eyJzdWIiOiJ4In0+/.c2lnbmF0dXJl+/"), { status: 401, reason: "malformed_token" }],
    ["characters outside base64url", async () => bearer("eyJhbGciOiJSUzI1NiJ9.$%^&.c2ln"), { status: 401, reason: "malformed_header" }],
    ["header that is not JSON", async () => bearer(`${base64url("not json")}.${base64url(rawPayload())}.c2ln`), { status: 401, reason: "malformed_token" }],
    ["payload that is a JSON array", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid()), "[1,2,3]")), { status: 401, reason: "malformed_token" }],
    ["12 KB token", async () => bearer(`${base64url(rawHeader(issuer.currentKid()))}.${randomBytes(9000).toString("base64url")}.c2ln`), { status: 401, reason: "malformed_token" }],
    ["100 KB token", async () => bearer(randomBytes(75_000).toString("base64url")), { status: 431 }],

    // The Authorization header itself.
    ["Bearer twice", async () => ["authorization", `Bearer Bearer ${await issuer.sign()}`], { status: 401, reason: "malformed_header" }],
    ["lowercase bearer", async () => ["authorization", `bearer ${await issuer.sign()}`], { status: 200 }],
    ["uppercase BEARER", async () => ["authorization", `BEARER ${await issuer.sign()}`], { status: 200 }],
    ["two Authorization headers", async () => [...bearer(await issuer.sign()), ...bearer(await issuer.sign())], { status: 401, reason: "duplicate_header" }],
    ["a second, empty Authorization header", async () => [...bearer(await issuer.sign()), "authorization", ""], { status: 401, reason: "duplicate_header" }],
    ["empty bearer", async () => ["authorization", "Bearer "], { status: 401, reason: "malformed_header" }],
    ["Basic scheme", async () => ["authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"], { status: 401, reason: "malformed_header" }],
    ["tab after Bearer", async () => ["authorization", `Bearer\t${await issuer.sign()}`], { status: 401, reason: "malformed_header" }],
    ["text after the token", async () => ["authorization", `Bearer ${await issuer.sign()} extra`], { status: 401, reason: "malformed_header" }],

    // crit and repeated JSON members, signed with the issuer's real key.
    ["crit naming an unknown extension", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid(), ',"crit":["urn:example:ext"],"urn:example:ext":1'), rawPayload())), { status: 401, reason: "invalid" }],
    ["crit naming a registered header", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid(), ',"crit":["alg"]'), rawPayload())), { status: 401, reason: "invalid" }],
    ["empty crit", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid(), ',"crit":[]'), rawPayload())), { status: 401, reason: "malformed_token" }],
    ["crit with an unencoded payload", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid(), ',"b64":false,"crit":["b64"]'), rawPayload())), { status: 401, reason: "malformed_token" }],
    ["alg repeated in the header", async () => bearer(await issuer.signRaw(`{"alg":"none","alg":"RS256","kid":"${issuer.currentKid()}"}`, rawPayload())), { status: 401, reason: "malformed_token" }],
    ["sub repeated in the payload", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid()), rawPayload(',"sub":"auth0|admin"'))), { status: 401, reason: "malformed_token" }],
    ["sub repeated with an escaped name", async () => bearer(await issuer.signRaw(rawHeader(issuer.currentKid()), rawPayload(',"\\u0073ub":"auth0|admin"'))), { status: 401, reason: "malformed_token" }],
  ];

  it("has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("%s", async (_name, headers, outcome) => {
    const fetchesBefore = issuer.fetchCount();
    const response = await send(api.api.url, await headers());

    expect(response.status).toBe(outcome.status);
    const body = JSON.parse(response.body) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    switch (outcome.status) {
      case 200:
        expect(body.errors).toBeUndefined();
        expect(body.data).toEqual({ viewer: { user: { id: expect.any(String) } } });
        break;
      case 401:
        expect(body.data).toBeUndefined();
        expect(body.errors).toHaveLength(1);
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: outcome.reason });
        expect(response.headers["www-authenticate"]).toMatch(challenge);
        break;
      case 431:
        // Node's parser refuses the header block before Express runs.
        expect(response.headers["content-type"]).toMatch(/^application\/json/);
        expect(body.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
        expect(body.errors?.[0]?.message).toMatch(/headers are larger than the server accepts/);
        expect(response.headers["www-authenticate"]).toBeUndefined();
        break;
    }
    expect(issuer.fetchCount()).toBe(fetchesBefore);
  });

  it("never logs a token", () => {
    const logged = JSON.stringify(api.logs);
    expect(logged).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});
