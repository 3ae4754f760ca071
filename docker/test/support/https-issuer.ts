import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

const execFileAsync = promisify(execFile);

/** A JWKS endpoint over HTTPS on 127.0.0.1, as a production API requires an https:// issuer. */
export interface HttpsIssuer {
  /** https://localhost:PORT/, with the trailing slash that tokens carry. */
  readonly issuer: string;
  /** PEM file of the self-signed certificate, for NODE_EXTRA_CA_CERTS. */
  readonly certificateFile: string;
  /** Signs an access token for `audience`; `claims` override the defaults. */
  sign(audience: string, claims?: JWTPayload): Promise<string>;
  /** Signs a token with a key the JWKS does not publish, under the published `kid`. */
  signWithUnknownKey(audience: string): Promise<string>;
  close(): Promise<void>;
}

const kid = "smoke-key-1";

/**
 * Creates a self-signed certificate for `localhost` with openssl in `folder`
 * and serves `/.well-known/jwks.json` with it.
 */
export async function startHttpsIssuer(folder: string): Promise<HttpsIssuer> {
  const certificateFile = path.join(folder, "issuer-cert.pem");
  const keyFile = path.join(folder, "issuer-key.pem");
  await execFileAsync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
    "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout", keyFile, "-out", certificateFile,
  ]);

  const signing = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const publicJwk = { ...(await exportJWK(signing.publicKey)), kid, alg: "RS256", use: "sig" };

  const server = https.createServer({ key: await readFile(keyFile), cert: await readFile(certificateFile) }, (request, response) => {
    if (request.url !== "/.well-known/jwks.json") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `https://localhost:${port}/`;

  const sign = (privateKey: PrivateKey, audience: string, claims: JWTPayload = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, aud: audience, sub: "auth0|smoke-alice", iat: now, exp: now + 600, permissions: [], ...claims })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
      .sign(privateKey);
  };

  return {
    issuer,
    certificateFile,
    sign: (audience, claims) => sign(signing.privateKey, audience, claims),
    signWithUnknownKey: (audience) => sign(stranger.privateKey, audience),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
