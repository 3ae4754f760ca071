// A small production server for the built app: files from dist/, the
// runtime settings at /config.json, and index.html for every other page path
// so client-side routes survive a reload. Plain node:http keeps the container
// image free of a framework.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

import { externalOrigins, readRuntimeConfig } from "./runtime-config.mjs";

const CONTENT_TYPES = /** @type {Record<string, string>} */ ({
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
});

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt"]);

// Vite puts content-hashed files under assets/, so they never change under
// the same name and may be cached for a year.
const HASHED_PREFIX = "/assets/";

/**
 * @typedef {object} StaticServerOptions
 * @property {string} distDir   Directory with the built app (index.html, assets/).
 * @property {number} port      TCP port; 0 picks a free one.
 * @property {string} host      Interface to listen on.
 * @property {Record<string, string | undefined>} env  Source of the runtime settings.
 * @property {(entry: Record<string, unknown>) => void} [log]
 */

/**
 * Starts the server and resolves once it listens.
 *
 * @param {StaticServerOptions} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(options) {
  const distDir = resolve(options.distDir);
  const log = options.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const config = readRuntimeConfig(options.env);
  const configBody = JSON.stringify(config);
  const headers = securityHeaders(externalOrigins(config));
  const indexPath = join(distDir, "index.html");
  // Fails at start rather than on the first request when the app is not built.
  await stat(indexPath);

  /** @type {Map<string, { mtimeMs: number, body: Buffer, gzipped: Buffer | null }>} */
  const fileCache = new Map();

  /**
   * @param {string} path
   */
  async function loadFile(path) {
    const info = await stat(path);
    if (!info.isFile()) {
      return null;
    }
    const cached = fileCache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs) {
      return cached;
    }
    const body = await readFile(path);
    const gzipped = COMPRESSIBLE.has(extname(path)) && body.length > 1024 ? gzipSync(body) : null;
    const entry = { mtimeMs: info.mtimeMs, body, gzipped };
    fileCache.set(path, entry);
    return entry;
  }

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error) => {
      log({ level: "error", msg: "request failed", url: request.url, error: String(error) });
      if (!response.headersSent) {
        response.writeHead(500, { ...headers, "content-type": "text/plain; charset=utf-8" });
      }
      response.end("Internal server error\n");
    });
  });

  /**
   * @param {import("node:http").IncomingMessage} request
   * @param {import("node:http").ServerResponse} response
   */
  async function handleRequest(request, response) {
    const method = request.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      response.writeHead(405, { ...headers, allow: "GET, HEAD", "content-type": "text/plain" });
      response.end("Method not allowed\n");
      return;
    }

    const requestUrl = new URL(request.url ?? "/", "http://placeholder");
    let pathname;
    try {
      pathname = decodeURIComponent(requestUrl.pathname);
    } catch {
      response.writeHead(400, { ...headers, "content-type": "text/plain; charset=utf-8" });
      response.end("Invalid percent-encoding in the path\n");
      return;
    }

    if (pathname === "/config.json") {
      response.writeHead(200, {
        ...headers,
        "content-type": CONTENT_TYPES[".json"],
        "cache-control": "no-store",
      });
      response.end(method === "HEAD" ? undefined : configBody);
      return;
    }

    const filePath = resolve(distDir, "." + normalize(pathname));
    const insideDist = filePath === distDir || filePath.startsWith(distDir + sep);
    let file = null;
    if (insideDist && filePath !== distDir) {
      file = await loadFile(filePath).catch(() => null);
    }

    let servedPath = filePath;
    if (!file) {
      // Missing hashed assets and other files with an extension are real
      // 404s; answering them with index.html would hide a broken deploy.
      if (!insideDist || pathname.startsWith(HASHED_PREFIX) || extname(pathname) !== "") {
        response.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" });
        response.end("Not found\n");
        return;
      }
      file = await loadFile(indexPath);
      servedPath = indexPath;
    }
    if (!file) {
      response.writeHead(500, { ...headers, "content-type": "text/plain; charset=utf-8" });
      response.end("index.html is missing from the build\n");
      log({ level: "error", msg: "index.html is missing", distDir });
      return;
    }

    const extension = extname(servedPath);
    const acceptsGzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const useGzip = acceptsGzip && file.gzipped !== null;
    const body = useGzip && file.gzipped ? file.gzipped : file.body;

    response.writeHead(200, {
      ...headers,
      "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
      "content-length": String(body.length),
      "cache-control": cacheControlFor(pathname, servedPath === indexPath),
      vary: "accept-encoding",
      ...(useGzip ? { "content-encoding": "gzip" } : {}),
    });
    response.end(method === "HEAD" ? undefined : body);
  }

  server.on("clientError", (error, socket) => {
    log({ level: "warn", msg: "client error", error: error.message });
    socket.destroy();
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(options.port, options.host, () => resolveListen(undefined));
  });

  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}`;
  log({ level: "info", msg: "static server started", url, distDir });

  return {
    url,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => {
          log({ level: "info", msg: "static server stopped", url });
          resolveClose();
        });
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {string} pathname
 * @param {boolean} isIndex
 */
function cacheControlFor(pathname, isIndex) {
  if (isIndex) {
    // Every deploy must reach the browser at once, or it would load hashed
    // files that no longer exist.
    return "no-cache";
  }
  if (pathname.startsWith(HASHED_PREFIX)) {
    return "public, max-age=31536000, immutable";
  }
  return "public, max-age=3600";
}

/**
 * @param {string[]} origins  The API and the Auth0 domain, which the app calls.
 */
function securityHeaders(origins) {
  const external = origins.join(" ");
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    `connect-src 'self' ${external}`.trim(),
    // The Auth0 SDK falls back to a hidden iframe for silent sign-in.
    `frame-src ${external || "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  return {
    "content-security-policy": policy,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
  };
}
