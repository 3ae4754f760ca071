import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import express, { type ErrorRequestHandler } from "express";
import { pino, type Logger } from "pino";
import { createAuthorizeRouter } from "./authorize.js";
import { createClientRegistry } from "./clients.js";
import { createCodeStore } from "./codes.js";
import {
  assertNotProduction,
  checkOrigin,
  checkUrl,
  DEFAULT_AUDIENCE,
  DEFAULT_CLIENT_ID,
  DEFAULT_DATA_DIR,
  DEFAULT_NAME_CLAIM,
  DEFAULT_TOKEN_TTL_SECONDS,
  DEFAULT_WEB_PORT,
} from "./config.js";
import { allowWebOrigins } from "./cors.js";
import { createDiscoveryRouter } from "./discovery.js";
import { createExpiringStore } from "./expiring-store.js";
import type { AuthorizationRequest, IssuerContext } from "./issuer-context.js";
import { loadOrCreateSigningKey } from "./keys.js";
import { createLogoutRouter } from "./logout.js";
import { sendTokenError } from "./oauth-errors.js";
import { sendErrorPage } from "./pages.js";
import { createRefreshTokenStore } from "./refresh-tokens.js";
import { createSessionStore } from "./sessions.js";
import { createTokenMinter, type TokenMinter } from "./test-tokens.js";
import { createDevelopmentTokenRouter } from "./development-token.js";
import { createTokenRouter } from "./token-endpoint.js";
import type { TokenContext } from "./tokens.js";
import { createUserinfoRouter } from "./userinfo.js";
import { SEEDED_USERS, type DevUser } from "./users.js";

/** Options of startDevIssuer. Every field has a default suited to `npm run dev`. */
export interface DevIssuerOptions {
  /** TCP port on 127.0.0.1, where 0 picks a free one. Default 0. */
  port?: number;
  /** Folder for the signing key. Default `<repo>/.data/dev-issuer`. */
  dataDir?: string;
  clientId?: string;
  /** API identifier used when /authorize names no audience. Default https://noticeboard.example/api. */
  audience?: string;
  /** Claim carrying the display name in access tokens. Default https://noticeboard.example/name. */
  nameClaim?: string;
  /** Access and ID token lifetime in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Authorization code lifetime in seconds. Default 60. */
  codeTtlSeconds?: number;
  /** Refresh token lifetime in seconds, counted from its issue. Default 30 days. */
  refreshTokenTtlSeconds?: number;
  /** Default http://localhost:5173. */
  webOrigins?: readonly string[];
  /** Default http://localhost:5173 and http://localhost:5173/. */
  redirectUris?: readonly string[];
  /** Default http://localhost:5173 and http://localhost:5173/. */
  logoutUrls?: readonly string[];
  /** Current time in milliseconds, which tests replace with a fake clock. Default Date.now. */
  now?: () => number;
  /** Default: a silent logger. */
  logger?: Logger;
  /** Checked for NODE_ENV=production. Default process.env. */
  environment?: NodeJS.ProcessEnv;
}

/** A running issuer. */
export interface DevIssuer extends TokenMinter {
  /** `http://localhost:<port>`, the value for the SDK's `domain`. */
  readonly url: string;
  /** `http://localhost:<port>/`, the `iss` of every token. */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly port: number;
  readonly clientId: string;
  readonly audience: string;
  readonly seededUsers: readonly DevUser[];
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/**
 * Starts an issuer on 127.0.0.1. Its URLs use the host name `localhost`
 * because browsers treat http://localhost as a secure context, which the
 * SDK needs for Web Crypto, while http://127.0.0.1 would be a different origin.
 *
 * @throws Error when NODE_ENV is production, an option is invalid, the key file is unusable or the port is taken.
 */
export async function startDevIssuer(options: DevIssuerOptions = {}): Promise<DevIssuer> {
  assertNotProduction(options.environment ?? process.env);

  const webOrigin = `http://localhost:${DEFAULT_WEB_PORT}`;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const client = {
    clientId,
    webOrigins: [...(options.webOrigins ?? [webOrigin])],
    redirectUris: [...(options.redirectUris ?? [webOrigin, `${webOrigin}/`])],
    logoutUrls: [...(options.logoutUrls ?? [webOrigin, `${webOrigin}/`])],
  };
  validateOptions(options, client);

  const logger = options.logger ?? pino({ level: "silent" });
  const now = options.now ?? Date.now;
  const key = await loadOrCreateSigningKey(options.dataDir ?? DEFAULT_DATA_DIR);

  const server = await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  const issuer = `${url}/`;

  const tokens: TokenContext = {
    key,
    issuer,
    nameClaim: options.nameClaim ?? DEFAULT_NAME_CLAIM,
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    now,
  };
  const context: IssuerContext = {
    tokens,
    clients: createClientRegistry([client]),
    audiences: [audience],
    codes: createCodeStore((options.codeTtlSeconds ?? 60) * 1000, now),
    refreshTokens: createRefreshTokenStore((options.refreshTokenTtlSeconds ?? 30 * 86_400) * 1000, now),
    sessions: createSessionStore(port, now),
    // Ten minutes to pick a user on the login page.
    loginTransactions: createExpiringStore<AuthorizationRequest>(10 * 60_000, now),
    users: new Map(SEEDED_USERS.map((user) => [user.sub, user])),
    logger,
  };

  // The app is attached after listen() because the issuer URL needs the real port when port 0 was requested.
  const minter = createTokenMinter(tokens, { clientId, audience });
  server.on("request", createApp(context, url, minter));
  logger.info({ url, kid: key.kid, clientId, audience }, "development issuer listening");

  return {
    url,
    issuer,
    jwksUrl: `${url}/.well-known/jwks.json`,
    port,
    clientId,
    audience,
    seededUsers: SEEDED_USERS,
    ...minter,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

function createApp(context: IssuerContext, url: string, minter: TokenMinter): express.Express {
  const app = express();
  app.disable("x-powered-by");

  app.use((request, response, next) => {
    const started = performance.now();
    // same-origin keeps the /authorize query (state, nonce, challenge) out of Referer headers sent
    // to other origins. no-referrer would go too far: Chrome then sends "Origin: null" on the
    // login form's POST, which the login CSRF check rejects.
    response.set({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
    response.on("finish", () => {
      // Only the path is logged: query strings and bodies carry codes, verifiers and tokens.
      context.logger.debug(
        { method: request.method, path: request.path, status: response.statusCode, ms: Math.round(performance.now() - started) },
        "request",
      );
    });
    next();
  });

  app.use(["/oauth", "/userinfo", "/.well-known"], allowWebOrigins(context.clients));
  app.use(createDiscoveryRouter(context.tokens.key, context.tokens.issuer));
  app.use(createAuthorizeRouter(context, url));
  app.use(createTokenRouter(context));
  app.use(createUserinfoRouter(context));
  app.use(createLogoutRouter(context));
  app.use(createDevelopmentTokenRouter(minter, context.tokens.tokenTtlSeconds));

  app.get("/", (_request, response) => {
    response.type("text/plain").send(`Noticeboard development issuer. Discovery: ${url}/.well-known/openid-configuration\n`);
  });

  const handleError: ErrorRequestHandler = (error, request, response, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      context.logger.error({ err: error, method: request.method, path: request.path }, "request failed");
    } else {
      // Only the parser's error type is logged: body-parser attaches the raw body, which can hold a code or token.
      context.logger.warn({ type: error?.type, status, method: request.method, path: request.path }, "request body rejected");
    }
    if (response.headersSent) {
      return;
    }
    const message = status === 500 ? "The issuer failed to handle the request. See its log for the error." : `The request could not be read: ${error.message}`;
    if (request.path.startsWith("/oauth/")) {
      if (status === 500) {
        response.status(500).json({ error: "server_error", error_description: message });
        return;
      }
      sendTokenError(response, "invalid_request", message);
      return;
    }
    sendErrorPage(response, status, status === 500 ? "Issuer error" : "Bad request", message);
  };
  app.use(handleError);
  return app;
}

function validateOptions(options: DevIssuerOptions, client: { webOrigins: string[]; redirectUris: string[]; logoutUrls: string[] }): void {
  const problems: string[] = [];
  for (const origin of client.webOrigins) {
    const problem = checkOrigin(origin);
    if (problem !== undefined) problems.push(`webOrigins contains ${problem}`);
  }
  for (const [name, urls] of [["redirectUris", client.redirectUris], ["logoutUrls", client.logoutUrls]] as const) {
    for (const url of urls) {
      const problem = checkUrl(url);
      if (problem !== undefined) problems.push(`${name} contains ${problem}`);
    }
  }
  for (const [name, value] of [["tokenTtlSeconds", options.tokenTtlSeconds], ["codeTtlSeconds", options.codeTtlSeconds], ["refreshTokenTtlSeconds", options.refreshTokenTtlSeconds]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      problems.push(`${name} is ${value}: use a whole number of seconds, at least 1`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid dev-issuer options:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** Listens on 127.0.0.1 only, so the issuer is unreachable from other machines. */
function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(port, "127.0.0.1");
    server.once("listening", () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new Error(`Port ${port} on 127.0.0.1 is already in use: stop the other process or set DEV_ISSUER_PORT to a free port`, { cause: error }));
        return;
      }
      reject(error);
    });
  });
}
