import { randomBytes } from "node:crypto";
import { generateKeyPair, SignJWT } from "jose";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientAddressKey } from "../src/rate-limit/client-address.js";
import { startTestApi, type GraphQLResponse, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const viewerQuery = `{ viewer { user { id } } }`;
const redisUrl = "redis://127.0.0.1:6379";

/** Checks once, within one second, whether the Redis that the shared-store test needs responds. */
async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 1000, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisAvailable = await redisAnswers();

function expectRateLimited(response: GraphQLResponse, limit: number, windowSeconds: number): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: retryAfter });
  expect(response.body.errors?.[0]?.message).toBe(
    `Too many requests: the limit is ${limit} requests per ${windowSeconds} seconds. Retry after ${retryAfter} seconds.`,
  );
}

describe("client address key", () => {
  it.each([
    ["192.0.2.7", "192.0.2.7"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::", "2001:db8:1:2::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::192.0.2.7", "64:ff9b:0:0::/64"],
    [undefined, "unknown"],
  ])("keys %s as %s", (address, expected) => {
    expect(clientAddressKey(address)).toBe(expected);
  });
});

describe("rate limits in memory", () => {
  let issuer: TestIssuer;
  let api: TestApi | undefined;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  afterAll(async () => {
    await issuer?.close();
  });

  it("answers 429 with Retry-After over the address limit", async () => {
    api = await startTestApi({ issuer, database: "pglite", env: { RATE_LIMIT: "on", RATE_LIMIT_PER_IP: "3", RATE_LIMIT_WINDOW_MS: "60000" } });
    for (let request = 0; request < 3; request += 1) {
      expect((await api.graphql(`{ __typename }`)).status).toBe(200);
    }

    expectRateLimited(await api.graphql(`{ __typename }`), 3, 60);
    const warnings = api.logs.filter((line) => line["event"] === "rate_limited");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, subject: "address", limit: 3 });
  });

  it("keeps principals apart", async () => {
    api = await startTestApi({
      issuer,
      database: "pglite",
      env: { RATE_LIMIT: "on", RATE_LIMIT_PER_PRINCIPAL: "2", RATE_LIMIT_PER_IP: "100" },
    });
    const alice = await issuer.sign({ sub: "auth0|alice" });
    const bob = await issuer.sign({ sub: "auth0|bob" });

    expect((await api.graphql(viewerQuery, { token: alice })).status).toBe(200);
    expect((await api.graphql(viewerQuery, { token: alice })).status).toBe(200);
    expectRateLimited(await api.graphql(viewerQuery, { token: alice }), 2, 60);

    expect((await api.graphql(viewerQuery, { token: bob })).status).toBe(200);
    expect((await api.graphql(`{ __typename }`)).status).toBe(200);
  });

  it("never keys by an unverified sub", async () => {
    api = await startTestApi({
      issuer,
      database: "pglite",
      env: { RATE_LIMIT: "on", RATE_LIMIT_PER_PRINCIPAL: "1", RATE_LIMIT_PER_IP: "2" },
    });
    const alice = await issuer.sign({ sub: "auth0|alice" });
    expect((await api.graphql(viewerQuery, { token: alice })).status).toBe(200);
    expectRateLimited(await api.graphql(viewerQuery, { token: alice }), 1, 60);

    // A forged token naming alice spends the address's limit, not alice's.
    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ iss: issuer.issuer, aud: issuer.audience, sub: "auth0|alice", iat: now, exp: now + 600 })
      .setProtectedHeader({ alg: "RS256", kid: issuer.currentKid() })
      .sign(privateKey);
    expect((await api.graphql(viewerQuery, { token: forged })).status).toBe(401);
    expect((await api.graphql(viewerQuery, { token: forged })).status).toBe(401);
    expectRateLimited(await api.graphql(viewerQuery, { token: forged }), 2, 60);
  });

  it("lets everything through with RATE_LIMIT=off", async () => {
    api = await startTestApi({ issuer, database: "pglite", env: { RATE_LIMIT: "off", RATE_LIMIT_PER_IP: "1" } });
    for (let request = 0; request < 5; request += 1) {
      expect((await api.graphql(`{ __typename }`)).status).toBe(200);
    }
  });

  it("lets requests through while Redis is down", async () => {
    // Port 1 on loopback refuses connections, like a Redis that is not running.
    api = await startTestApi({
      issuer,
      database: "pglite",
      env: { RATE_LIMIT: "on", RATE_LIMIT_PER_IP: "1", REDIS_URL: "redis://127.0.0.1:1" },
    });
    expect((await api.graphql(`{ __typename }`)).status).toBe(200);
    expect((await api.graphql(`{ __typename }`)).status).toBe(200);
    expect(api.logs.some((line) => line["event"] === "rate_limit_store_unavailable")).toBe(true);
    expect(api.logs.filter((line) => line["event"] === "rate_limit_check_failed")).toHaveLength(1);
  });
});

describe("rate limits in Redis", () => {
  const keyPrefix = `noticeboard-test:${randomBytes(6).toString("hex")}:`;
  let issuer: TestIssuer;
  const apis: TestApi[] = [];

  afterAll(async () => {
    for (const api of apis) await api.close();
    await issuer?.close();
    if (!redisAvailable) return;
    const cleanup = new Redis(redisUrl);
    const keys = await cleanup.keys(`${keyPrefix}*`);
    if (keys.length > 0) await cleanup.del(...keys);
    await cleanup.quit();
  });

  it.skipIf(!redisAvailable)(
    `shares counts between two instances${redisAvailable ? "" : " (skipped: Redis at 127.0.0.1:6379 did not answer)"}`,
    async () => {
      issuer = await startTestIssuer();
      const env = { RATE_LIMIT: "on", RATE_LIMIT_PER_PRINCIPAL: "3", REDIS_URL: redisUrl, RATE_LIMIT_KEY_PREFIX: keyPrefix };
      apis.push(await startTestApi({ issuer, database: "pglite", env }));
      apis.push(await startTestApi({ issuer, database: "pglite", env }));
      const [first, second] = apis as [TestApi, TestApi];
      const token = await issuer.sign({ sub: "auth0|carol" });

      expect((await first.graphql(viewerQuery, { token })).status).toBe(200);
      expect((await second.graphql(viewerQuery, { token })).status).toBe(200);
      expect((await first.graphql(viewerQuery, { token })).status).toBe(200);
      expectRateLimited(await second.graphql(viewerQuery, { token }), 3, 60);
      expectRateLimited(await first.graphql(viewerQuery, { token }), 3, 60);

      const redis = new Redis(redisUrl);
      try {
        expect(await redis.get(`${keyPrefix}principal:auth0|carol`)).toBe("5");
        const ttl = await redis.pttl(`${keyPrefix}principal:auth0|carol`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(60_000);
      } finally {
        await redis.quit();
      }
    },
  );
});
