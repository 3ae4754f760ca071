import { generateKeyPair, SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const viewerQuery = `{ viewer { user { id } } }`;

describe("signing keys", () => {
  let issuer: TestIssuer | undefined;
  let api: TestApi | undefined;

  afterEach(async () => {
    await api?.close();
    await issuer?.close();
    api = undefined;
    issuer = undefined;
  });

  async function start(env: Record<string, string> = {}) {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database: "pglite", env });
    return { issuer, api };
  }

  it("verifies a rotated key after exactly one refetch", async () => {
    const { issuer, api } = await start();
    expect((await api.graphql(viewerQuery, { token: await issuer.sign() })).status).toBe(200);
    expect(issuer.fetchCount()).toBe(1);

    await issuer.rotate();
    const response = await api.graphql(viewerQuery, { token: await issuer.sign() });
    expect(response.status).toBe(200);
    expect(issuer.fetchCount()).toBe(2);
  });

  it("fetches once for a flood of unknown kids", async () => {
    // A 30 s cooldown, as in production, so the whole flood falls inside one
    // cooldown even on a loaded machine. The flood also loads this process,
    // which serves the JWKS, so a short fetch timeout could fail the one fetch.
    const { issuer, api } = await start({ JWKS_COOLDOWN_MS: "30000", JWKS_TIMEOUT_MS: "5000" });
    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const forged = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        new SignJWT({ iss: issuer.issuer, aud: issuer.audience, sub: "auth0|mallory", iat: now, exp: now + 600 })
          .setProtectedHeader({ alg: "RS256", kid: `forged-${index}` })
          .sign(privateKey),
      ),
    );

    const responses = await Promise.all(forged.map((token) => api.graphql(viewerQuery, { token })));
    const outcomes = new Map<string, number>();
    for (const response of responses) {
      const outcome = `${response.status} ${String(response.body.errors?.[0]?.extensions?.["reason"])}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ "401 unknown_key": 1000 });
    // Concurrent misses share one fetch, and the cooldown stops the rest.
    expect(issuer.fetchCount()).toBe(1);
  });

  it.each(["down", "hang", "garbage"] as const)("answers 503 while the JWKS is %s and keeps cached keys", async (mode) => {
    const { issuer, api } = await start();
    expect((await api.graphql(viewerQuery, { token: await issuer.sign() })).status).toBe(200);

    issuer.setMode(mode);
    const known = await api.graphql(viewerQuery, { token: await issuer.sign({ sub: "auth0|bob" }) });
    expect(known.status).toBe(200);
    expect(known.body.data).toEqual({ viewer: { user: { id: "auth0|bob" } } });

    await issuer.rotate();
    const unknown = await api.graphql(viewerQuery, { token: await issuer.sign() });
    expect(unknown.status).toBe(503);
    expect(unknown.headers.get("retry-after")).toBe("1");
    expect(unknown.headers.get("www-authenticate")).toBeNull();
    expect(unknown.body.errors?.[0]?.extensions?.["code"]).toBe("JWKS_UNAVAILABLE");
    expect(unknown.body.errors?.[0]?.message).toBe(
      "Cannot verify access tokens right now because the issuer's signing keys could not be fetched. Try again shortly.",
    );

    issuer.setMode("up");
    const recovered = await api.graphql(viewerQuery, { token: await issuer.sign() });
    expect(recovered.status).toBe(200);
  });

  it("forgets verified tokens when the key set changes", async () => {
    const { issuer, api } = await start();
    const oldToken = await issuer.sign();
    expect((await api.graphql(viewerQuery, { token: oldToken })).status).toBe(200);

    await issuer.rotate();
    issuer.retireOldKeys();
    expect((await api.graphql(viewerQuery, { token: await issuer.sign() })).status).toBe(200);

    const again = await api.graphql(viewerQuery, { token: oldToken });
    expect(again.status).toBe(401);
    expect(again.body.errors?.[0]?.extensions?.["reason"]).toBe("unknown_key");
  });

  it("reports readiness from the database and the keys", async () => {
    const { issuer, api } = await start();
    issuer.setMode("down");
    const notReady = await fetch(`${api.api.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: "unavailable", checks: { database: "ok", keys: "failed" } });

    issuer.setMode("up");
    const ready = await fetch(`${api.api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", checks: { database: "ok", keys: "ok" } });

    const alive = await fetch(`${api.api.url}/healthz`);
    expect(await alive.json()).toEqual({ status: "ok" });
  });
});
