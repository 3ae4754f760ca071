import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import type { webcrypto } from "node:crypto";

type Mode = "up" | "down" | "hang" | "garbage";

interface SigningKey {
  readonly kid: string;
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicJwk: JWK;
}

/**
 * A JWKS endpoint on loopback that a test controls: it can rotate keys, fail
 * with 503, hang past the API's timeout or serve something that is not a key
 * set. It counts fetches, so tests can assert how often the API asked.
 */
export interface TestIssuer {
  /** The issuer URL with its trailing slash, as tokens carry it. */
  readonly issuer: string;
  readonly audience: string;
  readonly fetchCount: () => number;
  setMode(mode: Mode): void;
  /** Adds a new key and makes it the one `sign` uses; the old keys stay published. */
  rotate(): Promise<string>;
  /** Removes every key but the current one from the published set. */
  retireOldKeys(): void;
  currentKid(): string;
  /**
   * Returns the settings an API under test needs to trust this issuer on
   * 127.0.0.1 with an ephemeral port. NODE_ENV is "test" because production
   * rejects http:// issuers, and this JWKS is served over http on loopback.
   */
  apiEnvironment(): Record<string, string>;
  /** Signs an access token with the current key; `claims` override the defaults. */
  sign(claims?: JWTPayload, options?: { kid?: string; expiresIn?: number }): Promise<string>;
  /**
   * Signs the exact header and payload text with the current key (RS256),
   * for tokens jose would not build, such as JSON with repeated members.
   */
  signRaw(header: string, payload: string): Promise<string>;
  close(): Promise<void>;
}

export const testAudience = "https://noticeboard.example/api";

async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicJwk };
}

export async function startTestIssuer(): Promise<TestIssuer> {
  let keys: SigningKey[] = [await createSigningKey("key-1")];
  let mode: Mode = "up";
  let fetches = 0;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    if (req.url !== "/.well-known/jwks.json") {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    switch (mode) {
      case "up":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
        return;
      case "down":
        res.writeHead(503, { "content-type": "text/plain" }).end("unavailable");
        return;
      case "garbage":
        res.writeHead(200, { "content-type": "application/json" }).end('{"not":"a key set"}');
        return;
      case "hang":
        hanging.add(res);
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}/`;

  const current = () => keys.at(-1)!;

  return {
    issuer,
    audience: testAudience,
    fetchCount: () => fetches,
    setMode(next) {
      mode = next;
      if (next !== "hang") {
        for (const res of hanging) res.destroy();
        hanging.clear();
      }
    },
    async rotate() {
      const key = await createSigningKey(`key-${keys.length + 1}`);
      keys = [...keys, key];
      return key.kid;
    },
    retireOldKeys() {
      keys = [current()];
    },
    currentKid: () => current().kid,
    apiEnvironment: () => ({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      AUTH0_ISSUER: issuer,
      AUTH0_AUDIENCE: testAudience,
    }),
    async sign(claims = {}, options = {}) {
      const key = options.kid === undefined ? current() : keys.find((candidate) => candidate.kid === options.kid);
      if (key === undefined) throw new Error(`No key with kid ${options.kid}`);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: issuer,
        aud: [testAudience, `${issuer}userinfo`],
        sub: "auth0|alice",
        iat: now,
        exp: now + (options.expiresIn ?? 3600),
        scope: "openid profile email",
        permissions: [],
        ...claims,
      })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid })
        .sign(key.privateKey);
    },
    async signRaw(header, payload) {
      const signingInput = `${Buffer.from(header).toString("base64url")}.${Buffer.from(payload).toString("base64url")}`;
      const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", current().privateKey, new TextEncoder().encode(signingInput));
      return `${signingInput}.${Buffer.from(signature).toString("base64url")}`;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
