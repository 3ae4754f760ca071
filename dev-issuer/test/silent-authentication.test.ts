import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authorizeUrl,
  CookieJar,
  createPkcePair,
  exchangeCode,
  signIn,
  startTestIssuer,
  submitLogin,
  transactionIdOf,
  WEB_ORIGIN,
  type TestIssuer,
} from "./support/oauth-client.js";

let running: TestIssuer;

beforeAll(async () => {
  running = await startTestIssuer();
});

afterAll(async () => {
  await running.stop();
});

/** Extracts the target origin and message from the web_message page's inline script. */
function postedMessage(html: string): { targetOrigin: unknown; message: { type: string; response: Record<string, string> } } {
  const origin = /var targetOrigin = (.*);/.exec(html)?.[1];
  const message = /var message = (.*);/.exec(html)?.[1];
  expect(origin).toBeDefined();
  expect(message).toBeDefined();
  return { targetOrigin: JSON.parse(origin ?? "null"), message: JSON.parse(message ?? "null") };
}

describe("prompt=none", () => {
  it("redirects login_required without a session", async () => {
    const response = await fetch(
      authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none", state: "q1" }),
      { redirect: "manual" },
    );
    const location = new URL(response.headers.get("location") ?? "http://missing.invalid/");

    expect(response.status).toBe(302);
    expect(location.searchParams.get("error")).toBe("login_required");
    expect(location.searchParams.get("state")).toBe("q1");
    expect(location.searchParams.get("code")).toBeNull();
  });

  it("posts login_required by web_message without a session", async () => {
    const response = await fetch(
      authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none", response_mode: "web_message", state: "w1" }),
    );
    const html = await response.text();
    const { targetOrigin, message } = postedMessage(html);

    expect(response.status).toBe(200);
    expect(html).not.toContain("Sign in as");
    expect(targetOrigin).toBe(WEB_ORIGIN);
    expect(message.type).toBe("authorization_response");
    expect(message.response).toEqual({ error: "login_required", error_description: "Login required", state: "w1" });
  });

  it("posts a code by web_message with a session", async () => {
    const { issuer } = running;
    const first = await signIn(issuer, "dev|maya");
    const { verifier, challenge } = createPkcePair();
    const response = await first.jar.fetch(
      authorizeUrl(issuer, challenge, { prompt: "none", response_mode: "web_message", state: "w2", redirect_uri: WEB_ORIGIN }),
    );
    const html = await response.text();
    const { targetOrigin, message } = postedMessage(html);

    expect(targetOrigin).toBe(WEB_ORIGIN);
    expect(message.response.state).toBe("w2");
    expect(message.response.code).toBeTruthy();

    const { status, body } = await exchangeCode(
      issuer,
      { ...first, code: message.response.code ?? "", verifier },
      { redirect_uri: WEB_ORIGIN },
    );
    expect(status).toBe(200);
    expect(typeof body.access_token).toBe("string");
  });

  it("never posts to the wildcard origin", async () => {
    const response = await fetch(
      authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none", response_mode: "web_message" }),
    );
    const html = await response.text();

    expect(html).not.toMatch(/postMessage\([^)]*["']\*["']/);
    expect(html).toContain('target.postMessage(message, targetOrigin)');
  });

  it("lets only the app's origin frame the page", async () => {
    const response = await fetch(
      authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none", response_mode: "web_message" }),
    );
    const policy = response.headers.get("content-security-policy") ?? "";

    expect(policy).toContain(`frame-ancestors ${WEB_ORIGIN}`);
    expect(policy).toMatch(/script-src 'nonce-[^']+'/);
  });

  it("escapes a hostile state inside the script", async () => {
    const state = `</script><script>alert("x")</script>\u2028`;
    const response = await fetch(
      authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none", response_mode: "web_message", state }),
    );
    const html = await response.text();
    const { message } = postedMessage(html);

    expect(html).not.toContain("</script><script>");
    expect(html).not.toContain("\u2028");
    expect(message.response.state).toBe(state);
  });
});

describe("popup sign-in", () => {
  it("posts the code to the opener after the login form", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const page = await jar.fetch(authorizeUrl(issuer, createPkcePair().challenge, { response_mode: "web_message", state: "p1" }));
    const response = await submitLogin(jar, issuer, { transaction: transactionIdOf(await page.text()), user: "dev|bob" });
    const { targetOrigin, message } = postedMessage(await response.text());

    expect(response.status).toBe(200);
    expect(targetOrigin).toBe(WEB_ORIGIN);
    expect(message.response.state).toBe("p1");
    expect(message.response.code).toBeTruthy();
  });

  it("refuses web_message to an origin that is not a web origin", async () => {
    const other = await startTestIssuer({
      webOrigins: [WEB_ORIGIN],
      redirectUris: ["http://localhost:7777/callback"],
    });
    try {
      const response = await fetch(
        authorizeUrl(other.issuer, createPkcePair().challenge, {
          prompt: "none",
          response_mode: "web_message",
          redirect_uri: "http://localhost:7777/callback",
        }),
      );
      const html = await response.text();

      expect(response.status).toBe(400);
      expect(html).toContain("Origin not allowed");
      expect(html).not.toContain("postMessage");
    } finally {
      await other.stop();
    }
  });
});
