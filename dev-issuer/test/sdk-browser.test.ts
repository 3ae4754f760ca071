/**
 * Drives the unmodified @auth0/auth0-spa-js SDK in headless Chromium against
 * the issuer: redirect login, silent iframe, refresh tokens, popup and logout.
 * Skipped when no Chromium is installed. Set CHROMIUM_PATH to point at one.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { pino } from "pino";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestIssuer, type TestIssuer } from "./support/oauth-client.js";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasBrowser = existsSync(chromiumPath);
if (!hasBrowser) {
  console.warn(`Skipping the SDK browser tests: no Chromium at ${chromiumPath}. Set CHROMIUM_PATH to run them.`);
}

const sdkPath = createRequire(import.meta.url).resolve("@auth0/auth0-spa-js/dist/auth0-spa-js.production.js");

let running: TestIssuer;
let app: Server;
let appOrigin: string;
let browser: Browser;
const issuedGrants: string[] = [];

/** Renders the test app, which loads the SDK and creates `window.client`. `?rt=1` turns on refresh tokens for the tab. */
function appPage(issuerUrl: string, clientId: string, audience: string): string {
  const settings = JSON.stringify({ issuerUrl, clientId, audience }).replaceAll("<", "\\u003c");
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>SDK test app</title></head>
<body>
<button id="popup">Log in with popup</button>
<script src="/sdk.js"></script>
<script>
  const settings = ${settings};
  // The choice survives the redirect back from the issuer, whose URL carries only code and state.
  const query = new URLSearchParams(location.search);
  if (query.has("rt")) sessionStorage.setItem("rt", query.get("rt"));
  window.client = new auth0.Auth0Client({
    domain: settings.issuerUrl,
    clientId: settings.clientId,
    useRefreshTokens: sessionStorage.getItem("rt") === "1",
    authorizationParams: {
      redirect_uri: location.origin + "/",
      audience: settings.audience,
      scope: "openid profile email offline_access",
    },
  });
  document.getElementById("popup").addEventListener("click", () => {
    window.popupResult = window.client.loginWithPopup().then(() => "done", (error) => "failed: " + error.message);
  });
</script>
</body></html>`;
}

function startApp(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      if (request.url === "/sdk.js") {
        readFile(sdkPath).then((body) => response.writeHead(200, { "content-type": "text/javascript" }).end(body));
        return;
      }
      response
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(appPage(running.issuer.url, running.issuer.clientId, running.issuer.audience));
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** Collects the grant type of every "tokens issued" log record, to see which grant the SDK used. */
function grantRecorder() {
  return pino(
    { level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter((text) => text !== "")) {
          const record = JSON.parse(line) as { msg?: string; grantType?: string };
          if (record.msg === "tokens issued" && record.grantType !== undefined) {
            issuedGrants.push(record.grantType);
          }
        }
        done();
      },
    }),
  );
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

type ClientMethod = "loginWithRedirect" | "handleRedirectCallback" | "getUser" | "getTokenSilently" | "logout";

/** Calls a method of the page's SDK client and returns its result, or `{ error }` when it rejects. */
function callClient<T>(page: Page, method: ClientMethod, argument?: unknown): Promise<T> {
  return page.evaluate(
    ([name, input]) => {
      const client = (globalThis as unknown as { client: Record<string, (value: unknown) => Promise<unknown>> }).client;
      return client[name]!(input).catch((error: { error?: string }) => ({ error: error.error ?? String(error) }));
    },
    [method, argument] as const,
  ) as Promise<T>;
}

/** Starts a method that navigates away (login or logout redirect), without waiting for its promise. */
function startNavigation(page: Page, method: ClientMethod, argument?: unknown): Promise<void> {
  return page.evaluate(
    ([name, input]) => {
      const client = (globalThis as unknown as { client: Record<string, (value: unknown) => Promise<unknown>> }).client;
      void client[name]!(input);
    },
    [method, argument] as const,
  );
}

async function signInWithRedirect(page: Page, userButton: string): Promise<void> {
  await page.goto(`${appOrigin}/?rt=1`);
  await startNavigation(page, "loginWithRedirect");
  await page.waitForURL(`${running.issuer.url}/authorize?**`);
  await page.getByRole("button", { name: userButton, exact: true }).click();
  await page.waitForURL(`${appOrigin}/?code=**`);
  await callClient(page, "handleRedirectCallback");
}

describe.skipIf(!hasBrowser)("unmodified auth0-spa-js in Chromium", () => {
  beforeAll(async () => {
    app = await startApp();
    appOrigin = `http://localhost:${(app.address() as AddressInfo).port}`;
    running = await startTestIssuer({
      webOrigins: [appOrigin],
      redirectUris: [`${appOrigin}/`, appOrigin],
      logoutUrls: [`${appOrigin}/`],
      logger: grantRecorder(),
    });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await new Promise((resolve) => app?.close(resolve));
  });

  it("redirect login, then refresh grant", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInWithRedirect(page, "Sign in as Maya Moderator");
      const user = await callClient<Record<string, unknown>>(page, "getUser");
      const token = await callClient<string>(page, "getTokenSilently");
      issuedGrants.length = 0;
      const refreshed = await callClient<string>(page, "getTokenSilently", { cacheMode: "off" });
      const again = await callClient<string>(page, "getTokenSilently", { cacheMode: "off" });

      expect(user.name).toBe("Maya Moderator");
      expect(user.sub).toBe("dev|maya");
      expect(decodePayload(token).permissions).toEqual(["moderate:posts"]);
      expect(decodePayload(refreshed).sub).toBe("dev|maya");
      expect(decodePayload(again).sub).toBe("dev|maya");
      expect(issuedGrants).toEqual(["refresh_token", "refresh_token"]);
    } finally {
      await context.close();
    }
  });

  it("silent token through the iframe", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInWithRedirect(page, "Sign in as Bob Example");
      // A fresh page without refresh tokens has an empty cache, so the SDK must use prompt=none in an iframe.
      await page.goto(`${appOrigin}/?rt=0`);
      issuedGrants.length = 0;
      const token = await callClient<string>(page, "getTokenSilently");

      expect(decodePayload(token).sub).toBe("dev|bob");
      expect(issuedGrants).toEqual(["authorization_code"]);
    } finally {
      await context.close();
    }
  });

  it("logout, then login_required", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await signInWithRedirect(page, "Sign in as Alice Example");
      await startNavigation(page, "logout", { logoutParams: { returnTo: `${appOrigin}/` } });
      await page.waitForURL(`${appOrigin}/`);
      await page.goto(`${appOrigin}/?rt=0`);
      const outcome = await callClient<unknown>(page, "getTokenSilently");

      expect(outcome).toEqual({ error: "login_required" });
    } finally {
      await context.close();
    }
  });

  it("popup login of a typed user", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${appOrigin}/?rt=0`);
      const popupOpened = page.waitForEvent("popup");
      await page.getByRole("button", { name: "Log in with popup" }).click();
      const popup = await popupOpened;
      await popup.getByLabel("User id").fill("dev|carol");
      await popup.getByLabel("Display name (optional)").fill("Carol Example");
      await popup.getByRole("button", { name: "Sign in with this user id" }).click();
      const result = await page.evaluate(() => (globalThis as unknown as { popupResult: Promise<string> }).popupResult);
      const user = await callClient<Record<string, unknown>>(page, "getUser");

      expect(result).toBe("done");
      expect(user.sub).toBe("dev|carol");
      expect(user.name).toBe("Carol Example");
    } finally {
      await context.close();
    }
  });
});
