import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeUrl, createPkcePair, signIn, startTestIssuer, WEB_ORIGIN, type TestIssuer } from "./support/oauth-client.js";

let running: TestIssuer;

beforeAll(async () => {
  running = await startTestIssuer();
});

afterAll(async () => {
  await running.stop();
});

function logoutUrl(returnTo: string | undefined, clientId = running.issuer.clientId): string {
  const url = new URL("/v2/logout", running.issuer.url);
  url.searchParams.set("client_id", clientId);
  if (returnTo !== undefined) {
    url.searchParams.set("returnTo", returnTo);
  }
  return url.href;
}

describe("logout", () => {
  it("ends the session and redirects to an allowed returnTo", async () => {
    const { jar } = await signIn(running.issuer);
    const response = await jar.fetch(logoutUrl(WEB_ORIGIN));
    const silent = await jar.fetch(authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none" }));

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(WEB_ORIGIN);
    expect(jar.size).toBe(0);
    expect(new URL(silent.headers.get("location") ?? "http://missing.invalid/").searchParams.get("error")).toBe("login_required");
  });

  it("refuses a foreign returnTo and keeps the session", async () => {
    const { jar } = await signIn(running.issuer);
    const response = await jar.fetch(logoutUrl("https://evil.example/"));
    const html = await response.text();
    const silent = await jar.fetch(authorizeUrl(running.issuer, createPkcePair().challenge, { prompt: "none" }));

    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(html).toContain("Logout URL not allowed");
    expect(new URL(silent.headers.get("location") ?? "http://missing.invalid/").searchParams.get("code")).toBeTruthy();
  });

  it("refuses an unknown client", async () => {
    const response = await fetch(logoutUrl(WEB_ORIGIN, "unknown-client"), { redirect: "manual" });

    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("shows a page without returnTo", async () => {
    const { jar } = await signIn(running.issuer, "dev|bob");
    const response = await jar.fetch(logoutUrl(undefined));
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain("Signed out");
    expect(html).toContain("Bob Example");
    expect(jar.size).toBe(0);
  });
});
