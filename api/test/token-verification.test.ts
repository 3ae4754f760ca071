import { exportJWK, generateKeyPair } from "jose";
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
