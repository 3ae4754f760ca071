import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const base = { AUTH0_AUDIENCE: "https://noticeboard.example/api" };

function problemsOf(environment: Record<string, string>): readonly string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("config", () => {
  it("derives the issuer and JWKS from AUTH0_DOMAIN", () => {
    const config = loadConfig({ ...base, AUTH0_DOMAIN: "Tenant.eu.auth0.com" });
    expect(config.auth.issuer).toBe("https://tenant.eu.auth0.com/");
    expect(config.auth.jwksUrl.href).toBe("https://tenant.eu.auth0.com/.well-known/jwks.json");
  });

  it.each([
    ["http://localhost:4001", "http://localhost:4001/"],
    ["http://localhost:4001/", "http://localhost:4001/"],
    ["https://login.example.com//", "https://login.example.com/"],
    ["https://login.example.com/tenant", "https://login.example.com/tenant/"],
  ])("normalizes AUTH0_ISSUER %s", (issuer, expected) => {
    expect(loadConfig({ ...base, AUTH0_ISSUER: issuer }).auth.issuer).toBe(expected);
  });

  it("reports every problem at once", () => {
    expect(problemsOf({ PORT: "http", AUTH0_ISSUER: "ftp://x" })).toEqual([
      "PORT must be a whole number",
      "AUTH0_AUDIENCE is required: set it to the identifier of your Auth0 API",
      'AUTH0_ISSUER must use https:// (got "ftp:")',
    ]);
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      "AUTH0_AUDIENCE is required: set it to the identifier of your Auth0 API",
      "AUTH0_DOMAIN or AUTH0_ISSUER is required: set AUTH0_DOMAIN to your tenant domain, or AUTH0_ISSUER to the issuer URL",
    ]);
  });

  it("requires an issuer", () => {
    expect(problemsOf(base)).toEqual([
      "AUTH0_DOMAIN or AUTH0_ISSUER is required: set AUTH0_DOMAIN to your tenant domain, or AUTH0_ISSUER to the issuer URL",
    ]);
  });

  it("refuses http issuers in production", () => {
    expect(problemsOf({ ...base, NODE_ENV: "production", AUTH0_ISSUER: "http://localhost:4001/" })).toEqual([
      "AUTH0_ISSUER must use https:// when NODE_ENV=production; http:// is allowed only for the local development issuer",
    ]);
  });

  it("refuses http issuers on other hosts", () => {
    expect(problemsOf({ ...base, AUTH0_ISSUER: "http://127.0.0.1:4001/" })[0]).toContain("only with the host localhost");
  });

  it("refuses both AUTH0_DOMAIN and AUTH0_ISSUER", () => {
    expect(problemsOf({ ...base, AUTH0_DOMAIN: "a.auth0.com", AUTH0_ISSUER: "https://a.auth0.com/" })[0]).toContain("both set");
  });

  it("refuses a domain with a scheme", () => {
    expect(problemsOf({ ...base, AUTH0_DOMAIN: "https://a.auth0.com" })[0]).toContain("without scheme or path");
  });

  it("chooses PGlite without DATABASE_URL", () => {
    const config = loadConfig({ ...base, AUTH0_DOMAIN: "a.auth0.com", PGLITE_DIR: "/tmp/nb" });
    expect(config.database).toEqual({ kind: "pglite", dataDir: "/tmp/nb" });
  });

  it("chooses Postgres with DATABASE_URL", () => {
    const config = loadConfig({ ...base, AUTH0_DOMAIN: "a.auth0.com", DATABASE_URL: "postgres://u@h/db" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u@h/db", connectTimeoutMs: 5000, queryTimeoutMs: 10_000 });
  });

  it("reads the Postgres timeouts", () => {
    const config = loadConfig({
      ...base,
      AUTH0_DOMAIN: "a.auth0.com",
      DATABASE_URL: "postgres://u@h/db",
      DATABASE_CONNECT_TIMEOUT_MS: "1500",
      DATABASE_QUERY_TIMEOUT_MS: "30000",
    });
    expect(config.database).toMatchObject({ connectTimeoutMs: 1500, queryTimeoutMs: 30_000 });
    expect(() => loadConfig({ ...base, AUTH0_DOMAIN: "a.auth0.com", DATABASE_QUERY_TIMEOUT_MS: "50" })).toThrow(
      /DATABASE_QUERY_TIMEOUT_MS must be at least 100/,
    );
  });

  it("turns introspection and the landing page off in production", () => {
    const config = loadConfig({ ...base, AUTH0_DOMAIN: "a.auth0.com", NODE_ENV: "production" });
    expect(config.introspection).toBe(false);
    expect(config.landingPage).toBe(false);
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it("defaults the query and rate limits", () => {
    const config = loadConfig({ ...base, AUTH0_DOMAIN: "a.auth0.com" });
    expect(config.queryLimits).toEqual({ maxDepth: 12, maxAliases: 30, maxRootFields: 15, maxCost: 5000 });
    expect(config.rateLimit).toEqual({
      enabled: true,
      windowMs: 60_000,
      perPrincipal: 600,
      perIp: 300,
      redisUrl: null,
      keyPrefix: "noticeboard:rate-limit:",
    });
    expect(config.trustProxyHops).toBe(0);
  });

  it("checks the rate-limit settings", () => {
    expect(problemsOf({ ...base, AUTH0_DOMAIN: "a.auth0.com", RATE_LIMIT: "no", REDIS_URL: "http://127.0.0.1:6379" })).toEqual([
      "RATE_LIMIT must be on or off",
    ]);
    expect(problemsOf({ ...base, AUTH0_DOMAIN: "a.auth0.com", REDIS_URL: "http://127.0.0.1:6379" })).toEqual([
      "REDIS_URL must be a redis:// or rediss:// URL, or unset to count rate limits in memory",
    ]);
    expect(problemsOf({ ...base, AUTH0_DOMAIN: "a.auth0.com", QUERY_MAX_DEPTH: "0", RATE_LIMIT_PER_IP: "0" })).toEqual([
      "QUERY_MAX_DEPTH must be at least 1",
      "RATE_LIMIT_PER_IP must be at least 1",
    ]);
  });

  it("refuses a CORS entry with a path", () => {
    expect(problemsOf({ ...base, AUTH0_DOMAIN: "a.auth0.com", CORS_ORIGINS: "https://app.example.com/home" })[0]).toBe(
      'CORS_ORIGINS entry "https://app.example.com/home" must be an origin only (scheme, host and port), such as https://app.example.com',
    );
  });
});
