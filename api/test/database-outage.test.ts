import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { createScratchDatabase, type ScratchDatabase } from "./support/database.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

// PGlite runs inside the API process, so it cannot go down on its own; only
// Postgres, across a network, can. These tests need TEST_DATABASE_URL.
const adminUrl = process.env["TEST_DATABASE_URL"];

const feed = `query Feed { posts(first: 5) { edges { node { title } } } }`;
const createPost = `mutation Create($title: String!) { createPost(input: { title: $title, body: "Outage test." }) { id } }`;

describe.skipIf(adminUrl === undefined)("database outage on postgres", () => {
  let issuer: TestIssuer;
  let proxy: TcpProxy;
  let api: TestApi;
  let token: string;
  let scratch: ScratchDatabase | undefined;

  const graphql = (query: string, variables: Record<string, unknown> = {}) => api.graphql(query, { variables, token });

  const readiness = async () => {
    const response = await fetch(`${api.api.url}/readyz`, { signal: AbortSignal.timeout(15_000) });
    return { status: response.status, body: (await response.json()) as { checks: { database: string } } };
  };

  /** Polls /readyz until it returns 200, for at most `timeoutMs`. */
  const waitUntilReady = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    let last = await readiness();
    while (last.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await readiness();
    }
    return last;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase("noticeboard_outage");

    const target = new URL(adminUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(adminUrl!);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    proxied.pathname = `/${scratch.name}`;

    issuer = await startTestIssuer();
    token = await issuer.sign({ sub: "auth0|outage" });
    api = await startTestApi({
      issuer,
      database: { postgresUrl: proxied.toString() },
      env: {
        // Above the 2 s readiness timeout, so a stalled network reads as "timed out" there.
        DATABASE_CONNECT_TIMEOUT_MS: "3000",
        DATABASE_QUERY_TIMEOUT_MS: "1000",
      },
    });
  });

  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await issuer?.close();
    await scratch?.drop();
  });

  it("answers 503 while Postgres refuses, then recovers", async () => {
    const before = await graphql(createPost, { title: "Before the outage" });
    expect(before.body.errors).toBeUndefined();
    expect((await readiness()).status).toBe(200);

    proxy.setMode("refuse");

    const notReady = await readiness();
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.database).toBe("failed");

    const read = await graphql(feed);
    expect(read.status).toBe(503);
    expect(read.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    expect(read.body.errors?.[0]?.message).toBe("The database is not answering right now. Try again shortly.");

    const write = await graphql(createPost, { title: "During the outage" });
    expect(write.status).toBe(503);
    expect(write.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");

    const alive = await fetch(`${api.api.url}/healthz`);
    expect(alive.status).toBe(200);
    expect(api.logs.some((line) => line["event"] === "database_unavailable")).toBe(true);

    proxy.setMode("forward");

    expect((await waitUntilReady(10_000)).status).toBe(200);
    const after = await graphql(feed);
    expect(after.status).toBe(200);
    const titles = (after.body.data?.["posts"] as { edges: Array<{ node: { title: string } }> }).edges.map((edge) => edge.node.title);
    expect(titles).toEqual(["Before the outage"]);
  });

  it("answers 503 while the network stalls, then recovers", async () => {
    expect((await waitUntilReady(10_000)).status).toBe(200);

    proxy.setMode("stall");

    // Connections that were open stall mid-query; the client-side query
    // timeout (1 s + 1 s here) ends the wait.
    const startedAt = Date.now();
    const read = await graphql(feed);
    expect(read.status).toBe(503);
    expect(read.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    expect(Date.now() - startedAt).toBeLessThan(8000);

    const notReady = await readiness();
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.database).toBe("timed out");

    proxy.setMode("forward");

    expect((await waitUntilReady(15_000)).status).toBe(200);
    const after = await graphql(feed);
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
  });
});
