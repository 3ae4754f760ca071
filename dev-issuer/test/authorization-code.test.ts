import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authorizeUrl,
  CookieJar,
  createPkcePair,
  exchangeCode,
  postToken,
  REDIRECT_URI,
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

describe("authorization code with PKCE", () => {
  it("issues tokens that verify against the JWKS", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer, "dev|maya", { scope: "openid profile email offline_access moderate:posts" });
    const { status, body, headers } = await exchangeCode(issuer, signedIn);

    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(3600);
    expect(body.scope).toBe("openid profile email offline_access moderate:posts");
    expect(typeof body.refresh_token).toBe("string");

    const jwks = createRemoteJWKSet(new URL(issuer.jwksUrl));
    const access = await jwtVerify(String(body.access_token), jwks, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ["RS256"],
    });
    expect(access.protectedHeader.typ).toBe("JWT");
    expect(access.protectedHeader.kid).toBeTruthy();
    expect(access.payload.iss).toBe(`http://localhost:${issuer.port}/`);
    expect(access.payload.sub).toBe("dev|maya");
    expect(access.payload.aud).toEqual([issuer.audience, `${issuer.issuer}userinfo`]);
    expect(access.payload.azp).toBe(issuer.clientId);
    expect(access.payload.permissions).toEqual(["moderate:posts"]);
    expect(access.payload["https://noticeboard.example/name"]).toBe("Maya Moderator");
    expect(access.payload.exp! - access.payload.iat!).toBe(3600);

    const id = await jwtVerify(String(body.id_token), jwks, { issuer: issuer.issuer, audience: issuer.clientId });
    expect(id.payload.sub).toBe("dev|maya");
    expect(id.payload.nonce).toBe(signedIn.nonce);
    expect(id.payload.name).toBe("Maya Moderator");
    expect(id.payload.nickname).toBe("maya");
    expect(id.payload.email).toBe("maya@example.com");
    expect(String(id.payload.picture)).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("echoes state on the redirect", async () => {
    const signedIn = await signIn(running.issuer, "dev|bob", { state: "state with spaces & symbols" });
    expect(signedIn.state).toBe("state with spaces & symbols");
  });

  it("grants only scopes the user has permissions for", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer, "dev|alice", { scope: "openid profile moderate:posts" });
    const { body } = await exchangeCode(issuer, signedIn);
    const claims = decodePayload(String(body.access_token));

    expect(body.scope).toBe("openid profile");
    expect(claims.permissions).toEqual([]);
    expect(body.refresh_token).toBeUndefined();
  });

  it("accepts a JSON body", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const response = await fetch(`${issuer.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: issuer.clientId,
        grant_type: "authorization_code",
        code: signedIn.code,
        code_verifier: signedIn.verifier,
        redirect_uri: REDIRECT_URI,
      }),
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(typeof body.access_token).toBe("string");
  });

  it("rejects a wrong code verifier", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const { status, body } = await exchangeCode(issuer, signedIn, { code_verifier: createPkcePair().verifier });

    expect(status).toBe(400);
    expect(body.error).toBe("invalid_grant");
    expect(body.error_description).toMatch(/code_verifier/);
  });

  it("burns the code after a failed exchange", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    await exchangeCode(issuer, signedIn, { code_verifier: createPkcePair().verifier });
    const retry = await exchangeCode(issuer, signedIn);

    expect(retry.status).toBe(400);
    expect(retry.body.error).toBe("invalid_grant");
  });

  it("rejects a reused code and revokes its refresh tokens", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const first = await exchangeCode(issuer, signedIn);
    const second = await exchangeCode(issuer, signedIn);

    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe("invalid_grant");
    expect(second.body.error_description).toMatch(/already used/);

    const refresh = await postToken(issuer, {
      client_id: issuer.clientId,
      grant_type: "refresh_token",
      refresh_token: String(first.body.refresh_token),
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("rejects a redirect_uri differing from /authorize", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const { status, body } = await exchangeCode(issuer, signedIn, { redirect_uri: WEB_ORIGIN });

    expect(status).toBe(400);
    expect(body.error).toBe("invalid_grant");
    expect(body.error_description).toMatch(/redirect_uri/);
  });

  it("rejects an unknown client at the token endpoint", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const { status, body } = await exchangeCode(issuer, signedIn, { client_id: "someone-else" });

    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
    expect(body.error_description).toContain("someone-else");
  });

  it("rejects an unsupported grant type", async () => {
    const { issuer } = running;
    const { status, body } = await postToken(issuer, { client_id: issuer.clientId, grant_type: "password" });

    expect(status).toBe(400);
    expect(body.error).toBe("unsupported_grant_type");
  });

  it("rejects a request without a code", async () => {
    const { issuer } = running;
    const { status, body } = await postToken(issuer, {
      client_id: issuer.clientId,
      grant_type: "authorization_code",
      code_verifier: createPkcePair().verifier,
      redirect_uri: REDIRECT_URI,
    });

    expect(status).toBe(400);
    expect(body.error).toBe("invalid_request");
    expect(body.error_description).toMatch(/no code/);
  });

  it("rejects a body that is neither form nor JSON", async () => {
    const { issuer } = running;
    const response = await fetch(`${issuer.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "grant_type=authorization_code",
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(400);
    expect(body.error).toBe("invalid_request");
  });

  it("rejects malformed JSON with an OAuth error", async () => {
    const { issuer } = running;
    const response = await fetch(`${issuer.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(400);
    expect(body.error).toBe("invalid_request");
  });
});

describe("authorize request validation", () => {
  it("shows a page for an unlisted redirect URI", async () => {
    const { issuer } = running;
    const response = await fetch(
      authorizeUrl(issuer, createPkcePair().challenge, { redirect_uri: "http://localhost:5173.evil.example/" }),
      { redirect: "manual" },
    );
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(html).toContain("Redirect URI not allowed");
    expect(html).toContain("http://localhost:5173.evil.example/");
  });

  it("shows a page for an unknown client", async () => {
    const { issuer } = running;
    const response = await fetch(authorizeUrl(issuer, createPkcePair().challenge, { client_id: "unknown-client" }), {
      redirect: "manual",
    });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(html).toContain("Unknown client");
  });

  it("escapes request values shown on the error page", async () => {
    const { issuer } = running;
    const response = await fetch(
      authorizeUrl(issuer, createPkcePair().challenge, { client_id: "<script>alert(1)</script>" }),
      { redirect: "manual" },
    );
    const html = await response.text();

    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each([
    [{ code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge: undefined }, "invalid_request"],
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ scope: "profile email" }, "invalid_scope"],
    [{ audience: "https://unknown-api.example/" }, "access_denied"],
    [{ prompt: "none login" }, "invalid_request"],
  ])("redirects %o with %s", async (overrides, error) => {
    const { issuer } = running;
    const response = await fetch(authorizeUrl(issuer, createPkcePair().challenge, { ...overrides, state: "s1" }), {
      redirect: "manual",
    });
    const location = new URL(response.headers.get("location") ?? "http://missing.invalid/");

    expect(response.status).toBe(302);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe(error);
    expect(location.searchParams.get("error_description")).toBeTruthy();
    expect(location.searchParams.get("state")).toBe("s1");
  });

  it("skips the login page with an existing session", async () => {
    const { issuer } = running;
    const first = await signIn(issuer, "dev|bob");
    const { challenge } = createPkcePair();
    const response = await first.jar.fetch(authorizeUrl(issuer, challenge));
    const location = new URL(response.headers.get("location") ?? "http://missing.invalid/");

    expect(response.status).toBe(302);
    expect(location.searchParams.get("code")).toBeTruthy();
  });

  it("shows the login page again with prompt=login", async () => {
    const { issuer } = running;
    const first = await signIn(issuer, "dev|bob");
    const response = await first.jar.fetch(authorizeUrl(issuer, createPkcePair().challenge, { prompt: "login" }));

    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Sign in as Alice Example");
  });
});

describe("login page", () => {
  it("offers one labelled button per seeded user", async () => {
    const { issuer } = running;
    const response = await fetch(authorizeUrl(issuer, createPkcePair().challenge));
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(html).toContain("Sign in as Alice Example");
    expect(html).toContain("Sign in as Bob Example");
    expect(html).toContain("Sign in as Maya Moderator");
    expect(html).toContain('<label for="custom-user-id">User id</label>');
  });

  it("preselects the login_hint user", async () => {
    const { issuer } = running;
    const response = await fetch(authorizeUrl(issuer, createPkcePair().challenge, { login_hint: "dev|bob" }));
    const html = await response.text();

    expect(html).toMatch(/value="dev\|bob" aria-label="Sign in as Bob Example" aria-describedby="seeded-user-1-detail" class="hinted" autofocus/);
  });

  it("prefills an unseeded login_hint in the user id field", async () => {
    const { issuer } = running;
    const response = await fetch(authorizeUrl(issuer, createPkcePair().challenge, { login_hint: 'dev|"carol"' }));
    const html = await response.text();

    expect(html).toContain('value="dev|&quot;carol&quot;"');
  });

  it("signs in a typed user id", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const { verifier, challenge } = createPkcePair();
    const page = await jar.fetch(authorizeUrl(issuer, challenge));
    const login = await submitLogin(jar, issuer, {
      transaction: transactionIdOf(await page.text()),
      user: "custom",
      custom_user_id: "dev|carol",
      custom_name: "Carol Example",
    });
    const code = new URL(login.headers.get("location") ?? "http://missing.invalid/").searchParams.get("code") ?? "";
    const { body } = await postToken(issuer, {
      client_id: issuer.clientId,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    });
    const claims = decodePayload(String(body.access_token));

    expect(claims.sub).toBe("dev|carol");
    expect(claims["https://noticeboard.example/name"]).toBe("Carol Example");
    expect(claims.permissions).toEqual([]);
  });

  it("keeps the form usable after an invalid user id", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const page = await jar.fetch(authorizeUrl(issuer, createPkcePair().challenge));
    const transaction = transactionIdOf(await page.text());
    const rejected = await submitLogin(jar, issuer, { transaction, user: "custom", custom_user_id: "not valid!" });
    const retried = await submitLogin(jar, issuer, { transaction, user: "dev|alice" });

    expect(rejected.status).toBe(400);
    expect(await rejected.text()).toContain("is invalid");
    expect(retried.status).toBe(303);
  });

  it("sets an HttpOnly SameSite=Lax session cookie", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const page = await jar.fetch(authorizeUrl(issuer, createPkcePair().challenge));
    const login = await submitLogin(jar, issuer, { transaction: transactionIdOf(await page.text()), user: "dev|alice" });
    const cookie = login.headers.getSetCookie()[0] ?? "";

    expect(cookie).toMatch(new RegExp(`^dev_issuer_session_${issuer.port}=`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("rejects a login form posted from another origin", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const page = await jar.fetch(authorizeUrl(issuer, createPkcePair().challenge));
    const response = await jar.fetch(`${issuer.url}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://attacker.example" },
      body: new URLSearchParams({ transaction: transactionIdOf(await page.text()), user: "dev|alice" }).toString(),
    });

    expect(response.status).toBe(403);
    expect(jar.size).toBe(0);
  });

  it("returns access_denied when the user cancels", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const page = await jar.fetch(authorizeUrl(issuer, createPkcePair().challenge, { state: "s2" }));
    const response = await submitLogin(jar, issuer, { transaction: transactionIdOf(await page.text()), action: "cancel" });
    const location = new URL(response.headers.get("location") ?? "http://missing.invalid/");

    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("s2");
  });

  it("rejects a reused login transaction", async () => {
    const { issuer } = running;
    const jar = new CookieJar();
    const page = await jar.fetch(authorizeUrl(issuer, createPkcePair().challenge));
    const transaction = transactionIdOf(await page.text());
    await submitLogin(jar, issuer, { transaction, user: "dev|alice" });
    const second = await submitLogin(jar, issuer, { transaction, user: "dev|bob" });

    expect(second.status).toBe(400);
    expect(await second.text()).toContain("expired or was already used");
  });
});

describe("token endpoint CORS", () => {
  it("answers the SDK preflight for an allowed origin", async () => {
    const { issuer } = running;
    const response = await fetch(`${issuer.url}/oauth/token`, {
      method: "OPTIONS",
      headers: {
        origin: WEB_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "auth0-client,content-type",
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("auth0-client");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("refuses the preflight for another origin", async () => {
    const { issuer } = running;
    const response = await fetch(`${issuer.url}/oauth/token`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:6666", "access-control-request-method": "POST" },
    });

    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows the origin on the token response", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const response = await postToken(
      issuer,
      {
        client_id: issuer.clientId,
        grant_type: "authorization_code",
        code: signedIn.code,
        code_verifier: signedIn.verifier,
        redirect_uri: REDIRECT_URI,
      },
      { origin: WEB_ORIGIN, "auth0-client": Buffer.from('{"name":"auth0-spa-js"}').toString("base64") },
    );

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
  });

  it("rejects a token request from another origin without using the code", async () => {
    const { issuer } = running;
    const signedIn = await signIn(issuer);
    const fields = {
      client_id: issuer.clientId,
      grant_type: "authorization_code",
      code: signedIn.code,
      code_verifier: signedIn.verifier,
      redirect_uri: REDIRECT_URI,
    };
    const foreign = await postToken(issuer, fields, { origin: "http://localhost:6666" });
    const legitimate = await postToken(issuer, fields, { origin: WEB_ORIGIN });

    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toBe("invalid_request");
    expect(legitimate.status).toBe(200);
  });
});

describe("expired authorization code", () => {
  it("rejects a code older than its lifetime", async () => {
    let now = Date.now();
    const clocked = await startTestIssuer({ now: () => now, codeTtlSeconds: 60 });
    try {
      const signedIn = await signIn(clocked.issuer);
      now += 61_000;
      const { status, body } = await exchangeCode(clocked.issuer, signedIn);

      expect(status).toBe(400);
      expect(body.error).toBe("invalid_grant");
      expect(body.error_description).toMatch(/invalid or expired/);
    } finally {
      await clocked.stop();
    }
  });

  it("accepts a code within its lifetime", async () => {
    let now = Date.now();
    const clocked = await startTestIssuer({ now: () => now, codeTtlSeconds: 60 });
    try {
      const signedIn = await signIn(clocked.issuer);
      now += 59_000;
      const { status } = await exchangeCode(clocked.issuer, signedIn);

      expect(status).toBe(200);
    } finally {
      await clocked.stop();
    }
  });
});

function decodePayload(token: string): Record<string, unknown> {
  expect(decodeProtectedHeader(token).alg).toBe("RS256");
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}
