// Measures the production build: gzip size of the JavaScript the first page
// needs, and the time from navigation to the first post in the feed in
// headless Chromium against a local API with seeded posts.
//
//   npm run bench -w web        (BENCH_RUNS sets the number of page loads, default 5)
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";

import { openBrowserSession } from "../e2e/browser";
import { buildApp } from "../e2e/build-app";
import { startStack, type Stack } from "../e2e/stack";

const INITIAL_JS_BUDGET_BYTES = 170 * 1024;
const SEEDED_POSTS = 20;
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);

// Records performance.now() (milliseconds since navigation start) when the
// first post card appears.
const FIRST_ITEM_OBSERVER = `
  const observer = new MutationObserver(() => {
    if (document.querySelector(".post-list article")) {
      window.firstFeedItemAt = window.firstFeedItemAt ?? performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
`;

interface LoadSample {
  firstFeedItemMs: number;
  scriptsBeforeFirstItem: string[];
}

async function main(): Promise<void> {
  if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) {
    throw new Error(`BENCH_RUNS must be a whole number from 1 to 50 (got "${process.env["BENCH_RUNS"]}").`);
  }

  const workDir = await mkdtemp(join(tmpdir(), "noticeboard-bench-"));
  let stack: Stack | undefined;
  try {
    const distDir = join(workDir, "dist");
    await buildApp(distDir);
    const initial = await measureInitialJavaScript(distDir);

    stack = await startStack({ distDir });
    await seedPosts(stack);

    const samples: LoadSample[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      samples.push(await loadFeedOnce(stack.appUrl));
    }

    const scriptsBeforeFirstItem = new Set(samples.flatMap((sample) => sample.scriptsBeforeFirstItem));
    const jsBeforeFirstItem = await gzipSizes(distDir, [...scriptsBeforeFirstItem]);
    const times = samples.map((sample) => sample.firstFeedItemMs).sort((a, b) => a - b);

    report(initial, jsBeforeFirstItem, times);
  } finally {
    await stack?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Measures the entry script and the modules that index.html preloads, which run before any lazy import. */
async function measureInitialJavaScript(distDir: string): Promise<Map<string, number>> {
  const html = await readFile(join(distDir, "index.html"), "utf8");
  const paths = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1] ?? "");
  return gzipSizes(distDir, paths.filter(Boolean));
}

async function gzipSizes(distDir: string, urlPaths: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const urlPath of urlPaths) {
    const body = await readFile(join(distDir, urlPath.replace(/^\//, "")));
    // Level 6 is what node:zlib and most servers use by default.
    sizes.set(basename(urlPath), gzipSync(body, { level: 6 }).length);
  }
  return sizes;
}

async function seedPosts(stack: Stack): Promise<void> {
  const token = await stack.issuer.mintAccessToken({ sub: "dev|alice" });
  for (let index = 1; index <= SEEDED_POSTS; index += 1) {
    const response = await fetch(stack.api.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: "mutation BenchSeed($input: CreatePostInput!) { createPost(input: $input) { id } }",
        variables: { input: { title: `Benchmark post ${index}`, body: `Seeded post number ${index}.` } },
      }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (!response.ok || body.errors) {
      throw new Error(`Seeding post ${index} failed with HTTP ${response.status}: ${JSON.stringify(body)}`);
    }
  }
}

/** Loads the feed once in a fresh browser profile and times it in the page itself. */
async function loadFeedOnce(appUrl: string): Promise<LoadSample> {
  const session = await openBrowserSession();
  try {
    const { page } = session;
    // Page-side code is passed as text: tsx compiles functions with helpers
    // (such as __name) that do not exist inside the page.
    await page.addInitScript(FIRST_ITEM_OBSERVER);

    const scripts: Array<{ url: string; at: number }> = [];
    const started = Date.now();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") {
        scripts.push({ url: new URL(response.url()).pathname, at: Date.now() - started });
      }
    });

    await page.goto(appUrl);
    await page.locator(".post-list article").first().waitFor({ timeout: 30_000 });
    const firstFeedItemMs = Number(await page.evaluate("window.firstFeedItemAt"));
    const wallClockAtItem = Date.now() - started;

    return {
      firstFeedItemMs,
      scriptsBeforeFirstItem: scripts.filter((script) => script.at <= wallClockAtItem).map((script) => script.url),
    };
  } finally {
    await session.close();
  }
}

function report(initial: Map<string, number>, beforeFirstItem: Map<string, number>, times: number[]): void {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const initialTotal = total(initial);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;

  console.log("Noticeboard web benchmark");
  console.log(`  initial JavaScript (entry + modulepreload), gzip: ${kib(initialTotal)} (budget ${kib(INITIAL_JS_BUDGET_BYTES)}: ${initialTotal <= INITIAL_JS_BUDGET_BYTES ? "within" : "OVER"})`);
  for (const [file, size] of initial) {
    console.log(`    ${file}: ${kib(size)}`);
  }
  console.log(`  all JavaScript loaded before the first feed item, gzip: ${kib(total(beforeFirstItem))}`);
  for (const [file, size] of beforeFirstItem) {
    console.log(`    ${file}: ${kib(size)}`);
  }
  console.log(
    `  navigation to first feed item over ${times.length} cold loads: median ${median.toFixed(0)} ms, min ${(times[0] ?? Number.NaN).toFixed(0)} ms, max ${(times.at(-1) ?? Number.NaN).toFixed(0)} ms`,
  );
  console.log(
    JSON.stringify({
      initialJsGzipBytes: initialTotal,
      initialJsBudgetBytes: INITIAL_JS_BUDGET_BYTES,
      jsBeforeFirstFeedItemGzipBytes: total(beforeFirstItem),
      firstFeedItemMs: { median, samples: times },
    }),
  );
}

await main();
