/**
 * Throughput of the API with and without tokens, on loopback.
 *
 * Starts the API as a child process on an ephemeral port with PGlite in a
 * temporary folder (or Postgres from BENCH_DATABASE_URL), a local JWKS endpoint, and runs autocannon against four
 * operations. Prints requests/s and latency percentiles, the ratios the
 * token-verification cache is meant to keep near 1, and the JWKS fetch count.
 *
 * Settings: BENCH_SECONDS (default 5 per run), BENCH_ROUNDS (default 3),
 * BENCH_CONNECTIONS (default 10).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startTestIssuer } from "../test/support/jwks-server.js";

const seconds = Number(process.env["BENCH_SECONDS"] ?? 5);
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 10);
const roundCount = Number(process.env["BENCH_ROUNDS"] ?? 3);

function median(figures: Figures[]): Figures {
  const sorted = [...figures].sort((left, right) => left.requestsPerSecond - right.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Figures {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function run(name: string, url: string, query: string, token?: string): Promise<Figures> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers["authorization"] = `Bearer ${token}`;
  const body = JSON.stringify({ query });
  // A short warm-up lets V8 optimize and fills the verified-token cache.
  await autocannon({ url, method: "POST", headers, body, connections, duration: 1 });
  const result = await autocannon({ url, method: "POST", headers, body, connections, duration: seconds });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Runs the API as a child process, so autocannon does not share its event loop. */
async function startApiProcess(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the API did not start within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`the API exited with code ${code} before it started`)));
    lines.on("line", (line) => {
      const event = JSON.parse(line) as { event?: string; url?: string };
      if (event.event === "api_started" && event.url !== undefined) {
        clearTimeout(timer);
        resolve(event.url);
      }
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function main(): Promise<void> {
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "noticeboard-bench-"));
  const databaseUrl = process.env["BENCH_DATABASE_URL"];
  const api = await startApiProcess({
    ...issuer.apiEnvironment(),
    // The benchmark measures throughput from one address and one caller,
    // thousands of requests a second, far above any per-caller limit.
    RATE_LIMIT: "off",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: dataDir }),
  });
  const url = api.url;

  const token = await issuer.sign({ sub: "auth0|bench", permissions: [] });
  for (let index = 0; index < 40; index += 1) {
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`,
        variables: { input: { title: `Post ${index}`, body: "Benchmark body text." } },
      }),
    });
  }
  const fetchesBefore = issuer.fetchCount();

  const postsQuery = `{ posts(first: 20) { edges { node { id title author { displayName } } } } }`;
  const trivialQuery = `{ __typename }`;
  const scenarios: Array<[string, string, string | undefined]> = [
    ["a. posts(first: 20), anonymous", postsQuery, undefined],
    ["b. posts(first: 20), with token", postsQuery, token],
    ["c. { __typename }, with token", trivialQuery, token],
    ["d. { __typename }, anonymous", trivialQuery, undefined],
  ];
  // Throughput drifts as V8 optimizes and the machine's load changes, so the
  // scenarios run in alternating rounds and each reports its median round.
  const rounds: Figures[][] = scenarios.map(() => []);
  for (let round = 0; round < roundCount; round += 1) {
    const order = round % 2 === 0 ? [0, 1, 2, 3] : [3, 2, 1, 0];
    for (const index of order) {
      const [name, query, bearer] = scenarios[index]!;
      rounds[index]!.push(await run(name, url, query, bearer));
    }
  }
  const results = rounds.map(median);
  const jwksFetches = issuer.fetchCount();

  await api.stop();
  await issuer.close();
  await rm(dataDir, { recursive: true, force: true });

  const [a, b, c, d] = results as [Figures, Figures, Figures, Figures];
  process.stdout.write(`API throughput: median of ${roundCount} rounds of ${seconds} s, ${connections} connections, ${databaseUrl ? "postgres" : "pglite"}, Node ${process.version}\n\n`);
  process.stdout.write("| run | requests/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|\n");
  for (const figures of results) {
    process.stdout.write(
      `| ${figures.name} | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} | ${figures.p99} | ${figures.non2xx} | ${figures.errors} |\n`,
    );
  }
  process.stdout.write(`\nratio b/a (token cost on a database read): ${(b.requestsPerSecond / a.requestsPerSecond).toFixed(3)} (target >= 0.95)\n`);
  process.stdout.write(`ratio c/d (token cost on a trivial query):  ${(c.requestsPerSecond / d.requestsPerSecond).toFixed(3)} (target >= 0.95)\n`);
  process.stdout.write(`JWKS fetches over the whole run: ${jwksFetches} (during the measured runs: ${jwksFetches - fetchesBefore}; target 1 in all)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${String(error)}\n`);
  process.exitCode = 1;
});
