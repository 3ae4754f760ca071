/**
 * Soak test: a bounded, mixed load on loopback for a set time, to show that
 * the API stays correct (no 5xx, no unexpected 4xx) and its memory stays flat.
 *
 * Starts the API as a child process on an ephemeral port, with PGlite in a
 * temporary folder (or Postgres from BENCH_DATABASE_URL) and a local JWKS
 * endpoint, then runs four autocannon loads at once:
 *   - anonymous reads of the feed,
 *   - authenticated reads (viewer and feed),
 *   - authenticated writes (createPost), at a fixed rate,
 *   - bad tokens (expired, wrong audience, bad signature, not a JWT), at a fixed rate.
 * The API's rate limiter is turned off (RATE_LIMIT=off), because one client
 * on loopback would otherwise measure the limiter instead of the API.
 *
 * Memory (RSS and V8 heap) and counters come from the API's own /metrics.
 *
 * Settings: SOAK_SECONDS (default 60), SOAK_WARMUP_SECONDS (the same mix
 * before measuring, default 10), SOAK_CONNECTIONS (connections per read load,
 * default 3), SOAK_WRITES_PER_SECOND (default 20), SOAK_BAD_TOKENS_PER_SECOND
 * (default 50), BENCH_DATABASE_URL (default unset: PGlite).
 *
 * Exits with status 1 when any response was a 5xx, an unexpected 4xx or a
 * socket error; memory figures are printed, never enforced.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startApiProcess } from "../test/support/api-process.js";
import { startTestIssuer } from "../test/support/jwks-server.js";
import { scrape, sampleValue, type Sample } from "../test/support/prometheus-text.js";

function readSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min} (got "${raw}")`);
  }
  return value;
}

const seconds = readSetting("SOAK_SECONDS", 60, 5);
const warmupSeconds = readSetting("SOAK_WARMUP_SECONDS", 10, 0);
const connections = readSetting("SOAK_CONNECTIONS", 3, 1);
const writesPerSecond = readSetting("SOAK_WRITES_PER_SECOND", 20, 1);
const badTokensPerSecond = readSetting("SOAK_BAD_TOKENS_PER_SECOND", 50, 1);
/** How often memory is sampled during the run. */
const sampleEverySeconds = 5;

const feedQuery = `query SoakFeed { posts(first: 20) { edges { node { id title author { displayName } } } } }`;
const viewerQuery = `query SoakViewer { viewer { permissions user { id } } posts(first: 20) { edges { node { id viewerCanEdit } } } }`;
const createMutation = `mutation SoakCreate { createPost(input: { title: "Soak [<id>]", body: "Written by the soak benchmark." }) { id } }`;

interface Load {
  readonly name: string;
  /** Statuses that count as expected; anything else in 4xx is unexpected. */
  readonly expected: ReadonlySet<number>;
  readonly options: autocannon.Options;
}

interface Memory {
  readonly atSecond: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

function memoryOf(samples: readonly Sample[], atSecond: number): Memory {
  return {
    atSecond,
    rssBytes: sampleValue(samples, "process_resident_memory_bytes"),
    heapUsedBytes: sampleValue(samples, "nodejs_heap_size_used_bytes"),
  };
}

const mebibytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "noticeboard-soak-"));
  const databaseUrl = process.env["BENCH_DATABASE_URL"];
  const api = await startApiProcess(
    {
      ...issuer.apiEnvironment(),
      RATE_LIMIT: "off",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: dataDir }),
    },
    { retainLogs: false },
  );
  const metricsUrl = `${api.url}/metrics`;

  try {
    const reader = await issuer.sign({ sub: "auth0|soak-reader" }, { expiresIn: seconds + 3600 });
    const writer = await issuer.sign({ sub: "auth0|soak-writer" }, { expiresIn: seconds + 3600 });
    const valid = await issuer.sign({ sub: "auth0|soak-bad" });
    const badTokens = [
      await issuer.sign({ sub: "auth0|soak-bad" }, { expiresIn: -600 }),
      await issuer.sign({ sub: "auth0|soak-bad", aud: "https://other.example/api" }),
      `${valid.slice(0, -6)}AAAAAA`,
      "not-a-jwt",
    ];

    const json = { "content-type": "application/json" };
    const loads: Load[] = [
      {
        name: "anonymous reads",
        expected: new Set([200]),
        options: { url: api.graphqlUrl, method: "POST", headers: json, body: JSON.stringify({ query: feedQuery }), connections },
      },
      {
        name: "authenticated reads",
        expected: new Set([200]),
        options: {
          url: api.graphqlUrl,
          method: "POST",
          headers: { ...json, authorization: `Bearer ${reader}` },
          body: JSON.stringify({ query: viewerQuery }),
          connections,
        },
      },
      {
        name: "authenticated writes",
        expected: new Set([200]),
        options: {
          url: api.graphqlUrl,
          method: "POST",
          headers: { ...json, authorization: `Bearer ${writer}` },
          body: JSON.stringify({ query: createMutation }),
          idReplacement: true,
          connections: 1,
          overallRate: writesPerSecond,
        },
      },
      {
        name: "bad tokens",
        expected: new Set([401]),
        options: {
          url: api.graphqlUrl,
          method: "POST",
          connections: 1,
          overallRate: badTokensPerSecond,
          requests: badTokens.map((token) => ({
            method: "POST" as const,
            headers: { ...json, authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: "query SoakBadToken { __typename }" }),
          })),
        },
      },
    ];

    // The warm-up runs the same mix, so V8 has optimized the code and grown
    // its heap to the working size before the first memory sample. Growth
    // after that is what a leak would show.
    if (warmupSeconds > 0) {
      await Promise.all(loads.map((load) => autocannon({ ...load.options, duration: warmupSeconds })));
    }

    const before = await scrape(metricsUrl);
    const memory: Memory[] = [memoryOf(before, 0)];
    const startedAt = Date.now();
    const sampler = setInterval(() => {
      scrape(metricsUrl).then(
        (samples) => memory.push(memoryOf(samples, Math.round((Date.now() - startedAt) / 1000))),
        (error: unknown) => process.stderr.write(`memory sample failed: ${String(error)}\n`),
      );
    }, sampleEverySeconds * 1000);
    const results = await Promise.all(loads.map((load) => autocannon({ ...load.options, duration: seconds })));
    clearInterval(sampler);
    const after = await scrape(metricsUrl);
    memory.push(memoryOf(after, Math.round((Date.now() - startedAt) / 1000)));

    report(loads, results, memory, before, after, databaseUrl ? "postgres" : "pglite");
  } finally {
    await api.stop();
    await issuer.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(
  loads: readonly Load[],
  results: readonly autocannon.Result[],
  memory: readonly Memory[],
  before: readonly Sample[],
  after: readonly Sample[],
  database: string,
): void {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  let serverErrors = 0;
  let unexpectedClientErrors = 0;
  let socketErrors = 0;
  let totalRequests = 0;

  out(`Soak: ${seconds} s after a ${warmupSeconds} s warm-up, ${database}, Node ${process.version}, ${os.cpus().length} CPUs`);
  out();
  out("| load | requests | requests/s | p50 ms | p99 ms | responses by status | socket errors |");
  out("|---|---:|---:|---:|---:|---|---:|");
  loads.forEach((load, index) => {
    const result = results[index]!;
    const statuses = Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [Number(status), Number(stats.count)] as const);
    for (const [status, count] of statuses) {
      if (status >= 500) serverErrors += count;
      else if (status >= 400 && !load.expected.has(status)) unexpectedClientErrors += count;
    }
    socketErrors += result.errors + result.timeouts;
    totalRequests += result.requests.total;
    const byStatus = statuses.map(([status, count]) => `${status}: ${count}`).join(", ");
    out(
      `| ${load.name} | ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${byStatus} | ${result.errors + result.timeouts} |`,
    );
  });
  out();
  out(`total: ${totalRequests} requests, ${(totalRequests / seconds).toFixed(0)} requests/s`);
  out(`5xx: ${serverErrors} (target 0); unexpected 4xx: ${unexpectedClientErrors} (target 0); socket errors and timeouts: ${socketErrors} (target 0)`);

  const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
  const operationsWithErrors = ["SoakFeed", "SoakViewer", "SoakCreate"]
    .map((operation) => delta("noticeboard_graphql_operations_total", { operation, result: "error" }))
    .reduce((sum, count) => sum + count, 0);
  out(`GraphQL errors inside 200 responses of the good loads: ${operationsWithErrors} (target 0)`);
  const refusals = ["expired", "audience", "signature", "malformed_token"]
    .map((reason) => `${reason} ${delta("noticeboard_token_refusals_total", { reason })}`)
    .join(", ");
  out(`token refusals counted by the API: ${refusals}`);
  out(`JWKS fetches during the run: ${delta("noticeboard_jwks_fetches_total", { outcome: "success" })}`);
  out();
  out("| second | RSS MiB | heap used MiB |");
  out("|---:|---:|---:|");
  for (const sample of [...memory].sort((left, right) => left.atSecond - right.atSecond)) {
    out(`| ${sample.atSecond} | ${mebibytes(sample.rssBytes)} | ${mebibytes(sample.heapUsedBytes)} |`);
  }
  const first = memory[0]!;
  const last = memory.at(-1)!;
  // Heap used swings with each collection, so its lowest sample in each half
  // of the run serves as the live heap. A leak raises the second floor.
  const half = seconds / 2;
  const floor = (samples: readonly Memory[]) => Math.min(...samples.map((sample) => sample.heapUsedBytes));
  const firstFloor = floor(memory.filter((sample) => sample.atSecond <= half));
  const secondFloor = floor(memory.filter((sample) => sample.atSecond > half));
  out();
  out(`memory: RSS ${mebibytes(first.rssBytes)} MiB at the start, ${mebibytes(last.rssBytes)} MiB at the end`);
  out(`heap used, lowest sample: ${mebibytes(firstFloor)} MiB in the first half, ${mebibytes(secondFloor)} MiB in the second half`);

  if (serverErrors + unexpectedClientErrors + socketErrors + operationsWithErrors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`soak benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
