// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startStaticServer } from "./static-server.mjs";

describe("static server", () => {
  let distDir: string;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), "noticeboard-static-"));
    await mkdir(join(distDir, "assets"));
    await writeFile(join(distDir, "index.html"), "<!doctype html><title>Noticeboard</title>");
    await writeFile(join(distDir, "assets", "index-abc123.js"), `console.log(${JSON.stringify("x".repeat(4000))});`);
    await writeFile(join(distDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    server = await startStaticServer({
      distDir,
      port: 0,
      host: "127.0.0.1",
      env: {
        AUTH0_ISSUER: "http://localhost:4001/",
        AUTH0_CLIENT_ID: "noticeboard-dev",
        AUTH0_AUDIENCE: "https://noticeboard.example/api",
        API_URL: "http://localhost:4000/graphql",
      },
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await server.close();
    await rm(distDir, { recursive: true, force: true });
  });

  it("serves config.json from the environment", async () => {
    const response = await fetch(`${server.url}/config.json`);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      auth0: { domain: "http://localhost:4001", clientId: "noticeboard-dev", audience: "https://noticeboard.example/api" },
      apiUrl: "http://localhost:4000/graphql",
      problems: [],
    });
  });

  it("falls back to index.html for app routes", async () => {
    const response = await fetch(`${server.url}/posts/42`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain("<title>Noticeboard</title>");
  });

  it("caches hashed assets for a year", async () => {
    const response = await fetch(`${server.url}/assets/index-abc123.js`);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("answers 404 for missing assets", async () => {
    const missingAsset = await fetch(`${server.url}/assets/index-gone.js`);
    const missingFile = await fetch(`${server.url}/robots.txt`);

    expect(missingAsset.status).toBe(404);
    expect(missingFile.status).toBe(404);
  });

  it("sends security headers", async () => {
    const response = await fetch(`${server.url}/`);
    const policy = response.headers.get("content-security-policy") ?? "";

    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' http://localhost:4001 http://localhost:4000");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("keeps requests inside the build folder", async () => {
    // Encoded slashes survive URL normalization and reach the server as "..".
    const page = await rawGet(server.url, "/..%2f..%2f..%2f..%2fetc%2fpasswd");
    const file = await rawGet(server.url, "/..%2f..%2f..%2f..%2fetc%2fhost.conf");

    expect(page.status).toBe(200);
    expect(page.body).toBe("<!doctype html><title>Noticeboard</title>");
    expect(file.status).toBe(404);
    expect(file.body).toBe("Not found\n");
  });

  it("rejects methods other than GET and HEAD", async () => {
    const response = await fetch(`${server.url}/`, { method: "POST" });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

/** Sends the path exactly as given; fetch() would normalize dot segments first. */
function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${baseUrl}${path}`, { method: "GET" }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}
