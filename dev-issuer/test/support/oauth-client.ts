import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startDevIssuer, type DevIssuer, type DevIssuerOptions } from "../../src/index.js";

export const WEB_ORIGIN = "http://localhost:5173";
export const REDIRECT_URI = "http://localhost:5173/";

/** An issuer on an ephemeral port with its own temporary data folder; `stop` removes both. */
export interface TestIssuer {
  issuer: DevIssuer;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestIssuer(options: DevIssuerOptions = {}): Promise<TestIssuer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "dev-issuer-test-")));
  const issuer = await startDevIssuer({ port: 0, ...options, dataDir });
  return {
    issuer,
    dataDir,
    async stop() {
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a PKCE verifier and its S256 challenge, the way the SPA SDK does. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Cookies of one browser, as a minimal cookie jar: name to value, shared by all ports of localhost. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => attribute.trim().toLowerCase() === "max-age=0");
      if (expired) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get size(): number {
    return this.cookies.size;
  }

  /** Sends a request as a browser would, with the jar's cookies and without following redirects. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", this.header());
    }
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(response);
    return response;
  }
}

export interface AuthorizeParameters {
  client_id?: string;
  redirect_uri?: string;
  response_type?: string;
  response_mode?: string;
  scope?: string;
  audience?: string;
  state?: string;
  nonce?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  prompt?: string;
  login_hint?: string;
}

/** Builds an /authorize URL with the parameters the SDK sends; `overrides` set or, with undefined, remove them. */
export function authorizeUrl(issuer: DevIssuer, challenge: string, overrides: AuthorizeParameters = {}): string {
  const parameters: Record<string, string | undefined> = {
    client_id: issuer.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    response_mode: "query",
    scope: "openid profile email offline_access",
    audience: issuer.audience,
    state: randomBytes(16).toString("base64url"),
    nonce: randomBytes(16).toString("base64url"),
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  };
  const url = new URL("/authorize", issuer.url);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  url.searchParams.set("auth0Client", Buffer.from(JSON.stringify({ name: "auth0-spa-js", version: "2" })).toString("base64"));
  return url.href;
}

/** Returns the hidden transaction id from a login page. */
export function transactionIdOf(html: string): string {
  const match = /name="transaction" value="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) {
    throw new Error(`The page has no transaction field:\n${html.slice(0, 500)}`);
  }
  return match[1];
}

/** Posts the login form as a browser does after a click on a user's button. */
export function submitLogin(jar: CookieJar, issuer: DevIssuer, fields: Record<string, string>): Promise<Response> {
  return jar.fetch(`${issuer.url}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: issuer.url },
    body: new URLSearchParams(fields).toString(),
  });
}

export interface SignInResult {
  code: string;
  state: string | null;
  verifier: string;
  nonce: string;
  jar: CookieJar;
}

/**
 * Runs /authorize and the login form for one user, the way a browser does,
 * and returns the code from the redirect to the app.
 */
export async function signIn(
  issuer: DevIssuer,
  user = "dev|alice",
  overrides: AuthorizeParameters = {},
  jar = new CookieJar(),
): Promise<SignInResult> {
  const { verifier, challenge } = createPkcePair();
  const nonce = overrides.nonce ?? randomBytes(16).toString("base64url");
  const page = await jar.fetch(authorizeUrl(issuer, challenge, { ...overrides, nonce }));
  if (page.status !== 200) {
    throw new Error(`/authorize returned ${page.status}, expected the login page`);
  }
  const login = await submitLogin(jar, issuer, { transaction: transactionIdOf(await page.text()), user });
  const location = login.headers.get("location");
  if (login.status !== 303 || location === null) {
    throw new Error(`/login returned ${login.status}, expected a 303 redirect to the app`);
  }
  const redirect = new URL(location);
  const code = redirect.searchParams.get("code");
  if (code === null) {
    throw new Error(`The redirect has no code: ${redirect.search}`);
  }
  return { code, state: redirect.searchParams.get("state"), verifier, nonce, jar };
}

/** Posts to the token endpoint with a form body, as the SDK does by default. */
export async function postToken(
  issuer: DevIssuer,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${issuer.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** Exchanges a code with the parameters the SDK sends. */
export function exchangeCode(issuer: DevIssuer, signedIn: SignInResult, overrides: Record<string, string> = {}) {
  return postToken(issuer, {
    client_id: issuer.clientId,
    grant_type: "authorization_code",
    code: signedIn.code,
    code_verifier: signedIn.verifier,
    redirect_uri: REDIRECT_URI,
    ...overrides,
  });
}
