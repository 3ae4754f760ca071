import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";

export const SIGNING_ALGORITHM = "RS256";
const KEY_FILE_NAME = "signing-key.json";

/** The RS256 key pair that signs every token, identified by `kid` in token headers and the JWKS. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public half as a JWK with `kid`, `alg` and `use`, and no private members. */
  readonly publicJwk: JWK;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

/**
 * Loads the signing key from `dataDir`, creating it on first start. Keeping it
 * on disk lets the API's cached JWKS stay valid across issuer restarts.
 *
 * @throws Error naming the key file when it exists but cannot be used.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const keyPath = path.join(dataDir, KEY_FILE_NAME);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const existing = await readStoredKey(keyPath);
  if (existing !== undefined) {
    return importStoredKey(existing, keyPath);
  }

  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const stored: StoredKey = { kid: await calculateJwkThumbprint(privateJwk), privateJwk };

  // Write a temporary file, then hard-link it into place. Unlike rename, link
  // fails when the file already exists, so two issuers starting at once on the
  // same folder end up sharing whichever key was linked first.
  const temporaryPath = `${keyPath}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporaryPath, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporaryPath, keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw error;
    }
    const winner = await readStoredKey(keyPath);
    if (winner === undefined) {
      throw new Error(`The signing key file ${keyPath} disappeared while starting: start the issuer again`, { cause: error });
    }
    return importStoredKey(winner, keyPath);
  } finally {
    await unlink(temporaryPath);
  }
  return importStoredKey(stored, keyPath);
}

async function readStoredKey(keyPath: string): Promise<StoredKey | undefined> {
  let text: string;
  try {
    text = await readFile(keyPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
  const problem = `The signing key file ${keyPath} is not a valid key: delete it and a new key is created on the next start`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(problem, { cause: error });
  }
  if (!isStoredKey(parsed)) {
    throw new Error(problem);
  }
  return parsed;
}

function isStoredKey(value: unknown): value is StoredKey {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const candidate = value as Partial<StoredKey>;
  return (
    typeof candidate.kid === "string" &&
    typeof candidate.privateJwk === "object" &&
    candidate.privateJwk !== null &&
    candidate.privateJwk.kty === "RSA" &&
    typeof candidate.privateJwk.d === "string"
  );
}

async function importStoredKey(stored: StoredKey, keyPath: string): Promise<SigningKey> {
  let privateKey: CryptoKey;
  try {
    privateKey = (await importJWK(stored.privateJwk, SIGNING_ALGORITHM)) as CryptoKey;
  } catch (error) {
    throw new Error(
      `The signing key file ${keyPath} could not be imported: delete it and a new key is created on the next start`,
      { cause: error },
    );
  }
  return { kid: stored.kid, privateKey, publicJwk: toPublicJwk(stored.privateJwk, stored.kid) };
}

/** Copies only the public RSA members, so a private member can never reach the JWKS by accident. */
function toPublicJwk(jwk: JWK, kid: string): JWK {
  return { kty: "RSA", n: jwk.n, e: jwk.e, kid, alg: SIGNING_ALGORITHM, use: "sig" };
}
