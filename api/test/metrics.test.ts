import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { startTestApi, type TestApi } from "./support/api.js";
import { startTestIssuer, testAudience, type TestIssuer } from "./support/jwks-server.js";
import { scrape, sampleValue, type Sample } from "./support/prometheus-text.js";

// Metrics do not depend on the database, so these tests run on PGlite only.
const database = "pglite";

const subject = "auth0|metrics-subject-7f3a";

describe("metrics", () => {
  let issuer: TestIssuer;
  let api: TestApi;
  let token: string;
  let samples: Sample[];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    api = await startTestApi({ issuer, database });
    token = await issuer.sign({ sub: subject, "https://noticeboard.example/name": "Metrics Subject" });

    await api.graphql(`query Feed { posts(first: 1) { edges { node { id } } } }`);
    await api.graphql(`query Feed { posts(first: 1) { edges { node { id } } } }`);
    await api.graphql(`{ __typename }`);
    await api.graphql(`query Me { viewer { permissions } }`);
    await api.graphql(`mutation Create { createPost(input: { title: "Metrics", body: "Counted." }) { id } }`, { token });
    await api.graphql(`query Reported { reportedPosts { edges { node { id } } } }`, { token });
    await api.graphql(`{ __typename }`, { token: await issuer.sign({ sub: subject }, { expiresIn: -60 }) });
    await api.graphql(`{ __typename }`, { token: await issuer.sign({ sub: subject, aud: "https://other.example/api" }) });
    await api.graphql(`{ __typename }`, { token: "not-a-jwt" });

    samples = await scrape(api.api.metricsUrl!);
  });

  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  it("serves the text format on the main port", async () => {
    expect(api.api.metricsUrl).toBe(`${api.api.url}/metrics`);
    const response = await fetch(api.api.metricsUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("counts operations by name and result", () => {
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "Feed", result: "ok" })).toBe(2);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "__anonymous__", result: "ok" })).toBe(1);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "Me", result: "error" })).toBe(1);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "Create", result: "ok" })).toBe(1);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "Reported", result: "error" })).toBe(1);
  });

  it("records durations by operation name", () => {
    expect(sampleValue(samples, "noticeboard_graphql_operation_duration_seconds_count", { operation: "Feed" })).toBe(2);
    expect(sampleValue(samples, "noticeboard_graphql_operation_duration_seconds_sum", { operation: "Feed" })).toBeGreaterThan(0);
    expect(sampleValue(samples, "noticeboard_graphql_operation_duration_seconds_bucket", { operation: "Feed", le: "+Inf" })).toBe(2);
  });

  it("counts access refusals by code", () => {
    expect(sampleValue(samples, "noticeboard_access_refusals_total", { code: "UNAUTHENTICATED" })).toBe(1);
    expect(sampleValue(samples, "noticeboard_access_refusals_total", { code: "FORBIDDEN" })).toBe(1);
  });

  it("counts refused tokens by reason", () => {
    expect(sampleValue(samples, "noticeboard_token_refusals_total", { reason: "expired" })).toBe(1);
    expect(sampleValue(samples, "noticeboard_token_refusals_total", { reason: "audience" })).toBe(1);
    expect(sampleValue(samples, "noticeboard_token_refusals_total", { reason: "malformed_token" })).toBe(1);
  });

  it("counts JWKS fetches by outcome", () => {
    expect(sampleValue(samples, "noticeboard_jwks_fetches_total", { outcome: "success" })).toBe(issuer.fetchCount());
    expect(issuer.fetchCount()).toBeGreaterThanOrEqual(1);
  });

  it("counts HTTP responses by status", () => {
    expect(sampleValue(samples, "noticeboard_http_responses_total", { path: "/graphql", status: "200" })).toBe(6);
    expect(sampleValue(samples, "noticeboard_http_responses_total", { path: "/graphql", status: "401" })).toBe(3);
  });

  it("includes process memory metrics", () => {
    expect(sampleValue(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sampleValue(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });

  it("never puts a subject or token in a label", async () => {
    const text = await (await fetch(api.api.metricsUrl!)).text();
    expect(text).not.toContain(subject);
    expect(text).not.toContain("metrics-subject");
    expect(text).not.toContain(token.slice(0, 20));
    expect(text).not.toContain(testAudience);
    for (const sample of samples) {
      for (const value of Object.values(sample.labels)) expect(value).not.toMatch(/auth0\||eyJ/);
    }
  });
});

describe("metrics labels", () => {
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

  it("folds names past 50 into __other__", async () => {
    api = await startTestApi({ issuer, database });
    for (let index = 1; index <= 55; index += 1) {
      await api.graphql(`query Operation${index} { __typename }`);
    }
    await api.graphql(`query Operation1 { __typename }`);
    await api.graphql(`query Operation55 { __typename }`);
    await api.graphql(`query ${"Long".repeat(20)} { __typename }`);

    const samples = await scrape(api.api.metricsUrl!);
    const operations = samples.filter((sample) => sample.name === "noticeboard_graphql_operations_total");
    const labels = new Set(operations.map((sample) => sample.labels["operation"]));
    expect(labels.size).toBe(51);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "Operation1" })).toBe(2);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "Operation50" })).toBe(1);
    expect(labels.has("Operation51")).toBe(false);
    expect(sampleValue(samples, "noticeboard_graphql_operations_total", { operation: "__other__" })).toBe(7);
  });

  it("serves metrics on METRICS_PORT only", async () => {
    api = await startTestApi({ issuer, database, env: { METRICS_PORT: "0" } });
    expect(api.api.metricsUrl).not.toBe(`${api.api.url}/metrics`);

    const main = await fetch(`${api.api.url}/metrics`);
    expect(main.status).toBe(404);
    const separate = await fetch(api.api.metricsUrl!);
    expect(separate.status).toBe(200);
    expect(await separate.text()).toContain("noticeboard_http_responses_total");
    const elsewhere = await fetch(api.api.metricsUrl!.replace(/\/metrics$/, "/graphql"));
    expect(elsewhere.status).toBe(404);
  });

  it("serves nothing with METRICS=off", async () => {
    api = await startTestApi({ issuer, database, env: { METRICS: "off" } });
    expect(api.api.metricsUrl).toBeNull();
    const response = await fetch(`${api.api.url}/metrics`);
    expect(response.status).toBe(404);
  });
});

describe("metrics settings", () => {
  const base = { AUTH0_ISSUER: "https://issuer.example/", AUTH0_AUDIENCE: testAudience };

  it("defaults to on, on the main port", () => {
    expect(loadConfig(base).metrics).toEqual({ enabled: true, port: null });
  });

  it("reads METRICS_PORT", () => {
    expect(loadConfig({ ...base, METRICS_PORT: "9464" }).metrics).toEqual({ enabled: true, port: 9464 });
  });

  it("rejects METRICS_PORT with METRICS=off", () => {
    expect(() => loadConfig({ ...base, METRICS: "off", METRICS_PORT: "9464" })).toThrow(
      /METRICS_PORT is set but METRICS=off/,
    );
  });

  it("rejects METRICS_PORT equal to PORT", () => {
    expect(() => loadConfig({ ...base, PORT: "4000", METRICS_PORT: "4000" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: "4000", METRICS_PORT: "4000" })).toThrow(/METRICS_PORT must differ from PORT/);
  });

  it("rejects an unknown METRICS value", () => {
    expect(() => loadConfig({ ...base, METRICS: "yes" })).toThrow(/METRICS must be on or off/);
  });
});
