import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

// Production refuses http:// issuers; these tests send no tokens, so this
// issuer is never contacted.
const production = { NODE_ENV: "production", AUTH0_ISSUER: "https://localhost:1/" };

describe("landing page and introspection", () => {
  let issuer: TestIssuer | undefined;
  let api: TestApi | undefined;
  let tokenServer: http.Server | undefined;

  afterEach(async () => {
    await api?.close();
    await issuer?.close();
    await new Promise<void>((resolve) => (tokenServer ? tokenServer.close(() => resolve()) : resolve()));
    api = undefined;
    issuer = undefined;
    tokenServer = undefined;
  });

  async function start(env: Record<string, string>) {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database: "pglite", env });
    return api;
  }

  async function openInBrowser(target: TestApi) {
    const response = await fetch(`${target.api.url}/graphql`, { headers: { accept: "text/html" } });
    return { status: response.status, html: await response.text() };
  }

  const introspection = `{ __schema { queryType { name } } }`;

  it("opens Sandbox in development", async () => {
    const target = await start({ NODE_ENV: "development" });
    const page = await openInBrowser(target);
    expect(page.status).toBe(200);
    expect(page.html).toContain("embeddable-sandbox");
    expect(page.html).not.toContain("Authorization");
  });

  it("fills Sandbox's Authorization header from the token endpoint", async () => {
    let requests = 0;
    tokenServer = http.createServer((req, res) => {
      requests += 1;
      expect(req.method).toBe("POST");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: `dev-token-${requests}` }));
    });
    await new Promise<void>((resolve) => tokenServer!.listen(0, "127.0.0.1", resolve));
    const { port } = tokenServer.address() as AddressInfo;

    const target = await start({ NODE_ENV: "development", SANDBOX_TOKEN_URL: `http://127.0.0.1:${port}/dev/token` });
    const first = await openInBrowser(target);
    expect(first.html).toContain('"Authorization":"Bearer dev-token-1"');
    const second = await openInBrowser(target);
    expect(second.html).toContain('"Authorization":"Bearer dev-token-2"');
  });

  it("opens Sandbox without a header when the token endpoint is down", async () => {
    const target = await start({ NODE_ENV: "development", SANDBOX_TOKEN_URL: "http://127.0.0.1:9/dev/token" });
    const page = await openInBrowser(target);
    expect(page.status).toBe(200);
    expect(page.html).toContain("embeddable-sandbox");
    expect(target.logs.some((line) => line["event"] === "sandbox_token_unavailable")).toBe(true);
  });

  it("allows anonymous introspection in development", async () => {
    const target = await start({ NODE_ENV: "development" });
    const response = await target.graphql(introspection);
    expect(response.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("serves no landing page and no introspection in production", async () => {
    const target = await start(production);
    const page = await openInBrowser(target);
    expect(page.html).not.toContain("sandbox");
    expect(page.html).not.toContain("<html");
    const response = await target.graphql(introspection);
    expect(response.body.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("follows INTROSPECTION and LANDING_PAGE in production", async () => {
    const target = await start({ ...production, INTROSPECTION: "true", LANDING_PAGE: "true" });
    const response = await target.graphql(introspection);
    expect(response.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const page = await openInBrowser(target);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<html");
  });
});
