import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, type TestIssuer } from "./support/jwks-server.js";

const allowedOrigin = "http://localhost:5173";

interface ErrorBody {
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

describe("HTTP hardening", () => {
  let issuer: TestIssuer;
  let api: TestApi;
  let graphqlUrl: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database: "pglite", env: { CORS_ORIGINS: allowedOrigin } });
    graphqlUrl = `${api.api.url}/graphql`;
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  describe("request body", () => {
    it("answers 413 with JSON over 100 kB", async () => {
      const body = JSON.stringify({ query: `{ __typename }`, variables: { padding: "x".repeat(110 * 1024) } });
      const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body });

      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const parsed = (await response.json()) as ErrorBody;
      expect(parsed.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
      expect(parsed.errors?.[0]?.message).toBe(
        "The request body is larger than the limit of 102400 bytes. Send a smaller operation, and pass large values in several requests.",
      );
    });

    it("answers 400 with JSON for broken JSON", async () => {
      const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": ' });

      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const parsed = (await response.json()) as ErrorBody;
      expect(parsed.errors?.[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
      expect(parsed.errors?.[0]?.message).toBe("The request body is not valid JSON. Send a JSON object with a `query` string.");
    });

    it("refuses a batched request with 400", async () => {
      const body = JSON.stringify([{ query: `{ __typename }` }, { query: `{ __typename }` }]);
      const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body });

      expect(response.status).toBe(400);
      const parsed = (await response.json()) as ErrorBody;
      expect(parsed.errors?.[0]?.extensions?.["code"]).toBe("BAD_REQUEST");
      expect(parsed.errors?.[0]?.message).toMatch(/batching/i);
    });
  });

  describe("CSRF prevention", () => {
    it("refuses a simple GET", async () => {
      const response = await fetch(`${graphqlUrl}?query=${encodeURIComponent("{ __typename }")}`);

      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    });

    it("refuses a text/plain POST", async () => {
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ query: `{ __typename }` }),
      });

      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    });

    it("allows a GET with apollo-require-preflight", async () => {
      const response = await fetch(`${graphqlUrl}?query=${encodeURIComponent("{ __typename }")}`, {
        headers: { "apollo-require-preflight": "true" },
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    });
  });

  describe("CORS", () => {
    const preflight = (origin: string) =>
      fetch(graphqlUrl, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });

    it("allows a preflight from an allowed origin", async () => {
      const response = await preflight(allowedOrigin);

      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
      expect(response.headers.get("access-control-allow-headers")?.split(",")).toEqual(
        expect.arrayContaining(["authorization", "content-type"]),
      );
      expect(response.headers.get("access-control-allow-methods")).toMatch(/POST/);
    });

    it("gives another origin no allow-origin", async () => {
      const response = await preflight("https://evil.example");

      // The cors package still lists the allowed headers; without an
      // allow-origin the browser refuses the request all the same.
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    });

    it("exposes Retry-After and WWW-Authenticate", async () => {
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { origin: allowedOrigin, "content-type": "application/json" },
        body: JSON.stringify({ query: `{ __typename }` }),
      });

      expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
      expect(response.headers.get("access-control-expose-headers")).toBe("www-authenticate,retry-after,x-request-id");
    });
  });

  describe("security headers", () => {
    it.each(["/healthz", "/readyz"])("sets them on %s", async (path) => {
      const response = await fetch(`${api.api.url}${path}`);

      expect(response.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
    });

    it("sets them on /metrics when it shares the port", async () => {
      const metricsUrl = api.api.metricsUrl;
      if (metricsUrl === null || !metricsUrl.startsWith(api.api.url)) return;
      const response = await fetch(metricsUrl);

      expect(response.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    });

    it("leaves the policy of /graphql to the landing page", async () => {
      const landing = await fetch(graphqlUrl, { headers: { accept: "text/html" } });
      const html = await landing.text();

      expect(landing.status).toBe(200);
      expect(landing.headers.get("content-security-policy")).toBeNull();
      expect(html).toMatch(/http-equiv="Content-Security-Policy"/i);
      expect(landing.headers.get("x-content-type-options")).toBe("nosniff");
      expect(landing.headers.get("cross-origin-opener-policy")).toBeNull();
    });
  });
});
