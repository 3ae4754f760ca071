import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeCode, postToken, REDIRECT_URI, signIn, startTestIssuer, type TestIssuer } from "./support/oauth-client.js";

let running: TestIssuer;

beforeAll(async () => {
  running = await startTestIssuer();
});

afterAll(async () => {
  await running.stop();
});

async function firstRefreshToken(user = "dev|alice"): Promise<string> {
  const signedIn = await signIn(running.issuer, user);
  const { body } = await exchangeCode(running.issuer, signedIn);
  expect(typeof body.refresh_token).toBe("string");
  return String(body.refresh_token);
}

function refresh(refreshToken: string, extra: Record<string, string> = {}) {
  return postToken(running.issuer, {
    client_id: running.issuer.clientId,
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    // The SDK sends redirect_uri on refresh too, and the issuer ignores it.
    redirect_uri: REDIRECT_URI,
    ...extra,
  });
}

describe("refresh token grant", () => {
  it("rotates the refresh token on every use", async () => {
    const first = await firstRefreshToken();
    const second = await refresh(first);
    const third = await refresh(String(second.body.refresh_token));

    expect(second.status).toBe(200);
    expect(third.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first);
    expect(third.body.refresh_token).not.toBe(second.body.refresh_token);
  });

  it("returns verifiable tokens without a nonce", async () => {
    const { issuer } = running;
    const { body } = await refresh(await firstRefreshToken("dev|bob"));
    const jwks = createRemoteJWKSet(new URL(issuer.jwksUrl));
    const id = await jwtVerify(String(body.id_token), jwks, { issuer: issuer.issuer, audience: issuer.clientId });
    const access = await jwtVerify(String(body.access_token), jwks, { issuer: issuer.issuer, audience: issuer.audience });

    expect(id.payload.sub).toBe("dev|bob");
    expect(id.payload.nonce).toBeUndefined();
    expect(access.payload.sub).toBe("dev|bob");
    expect(body.expires_in).toBe(3600);
    expect(body.scope).toBe("openid profile email offline_access");
  });

  it("revokes the whole family when a used token returns", async () => {
    const first = await firstRefreshToken();
    const second = await refresh(first);
    const replay = await refresh(first);
    const afterReplay = await refresh(String(second.body.refresh_token));

    expect(second.status).toBe(200);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe("invalid_grant");
    expect(replay.body.error_description).toMatch(/already used/);
    expect(afterReplay.status).toBe(400);
    expect(afterReplay.body.error).toBe("invalid_grant");
  });

  it("leaves other families alone after reuse", async () => {
    const victim = await firstRefreshToken();
    const bystander = await firstRefreshToken();
    await refresh(victim);
    await refresh(victim);
    const result = await refresh(bystander);

    expect(result.status).toBe(200);
  });

  it("rejects an unknown refresh token", async () => {
    const { status, body } = await refresh("not-a-real-token");

    expect(status).toBe(400);
    expect(body.error).toBe("invalid_grant");
  });

  it("rejects a token presented by another client", async () => {
    const token = await firstRefreshToken();
    const { status, body } = await postToken(running.issuer, {
      client_id: "other-client",
      grant_type: "refresh_token",
      refresh_token: token,
    });

    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
  });

  it("narrows the scope on request", async () => {
    const { status, body } = await refresh(await firstRefreshToken(), { scope: "openid profile" });

    expect(status).toBe(200);
    expect(body.scope).toBe("openid profile");
  });

  it("rejects a wider scope and keeps the token usable", async () => {
    const token = await firstRefreshToken();
    const wider = await refresh(token, { scope: "openid moderate:posts" });
    const retry = await refresh(token);

    expect(wider.status).toBe(400);
    expect(wider.body.error).toBe("invalid_scope");
    expect(wider.body.error_description).toContain("moderate:posts");
    expect(retry.status).toBe(200);
  });

  it("issues no refresh token without offline_access", async () => {
    const signedIn = await signIn(running.issuer, "dev|alice", { scope: "openid profile email" });
    const { status, body } = await exchangeCode(running.issuer, signedIn);

    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
  });

  it("revokes a family through /oauth/revoke", async () => {
    const { issuer } = running;
    const token = await firstRefreshToken();
    const revoked = await fetch(`${issuer.url}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: issuer.clientId, token, token_type_hint: "refresh_token" }),
    });
    const after = await refresh(token);

    expect(revoked.status).toBe(200);
    expect(after.status).toBe(400);
    expect(after.body.error).toBe("invalid_grant");
  });
});
