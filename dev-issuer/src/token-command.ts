/**
 * `npm run token -- --sub <id> --permissions <a,b>`: prints an access token
 * signed with the local issuer's key, for Apollo Sandbox, curl or scripts.
 * The issuer need not be running; the API accepts the token as long as it
 * trusts the local issuer (AUTH0_ISSUER=http://localhost:<DEV_ISSUER_PORT>/).
 *
 * Refuses to run against a production configuration: NODE_ENV=production,
 * or AUTH0_DOMAIN set (a real tenant, whose API would reject the token).
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import dotenv from "dotenv";
import { ConfigError, loadEnvironmentSettings } from "./config.js";
import { parsePermissions } from "./development-token.js";
import { loadOrCreateSigningKey } from "./keys.js";
import { createTokenMinter, type MintAccessTokenOptions } from "./test-tokens.js";
import { USER_ID_PATTERN } from "./users.js";

const usage = `Usage: npm run token -- [--sub <user id>] [--permissions <a,b>] [--expires-in <seconds>] [--name <display name>]

  --sub          subject of the token (default dev|alice); seeded users: dev|alice, dev|bob, dev|maya
  --permissions  comma-separated permissions, such as moderate:posts (default: the seeded user's)
  --expires-in   lifetime in seconds (default 3600)
  --name         display-name claim (default: the seeded user's name)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  // The same .env as npm run dev; variables already in the environment win.
  dotenv.config({ path: fileURLToPath(new URL("../../.env", import.meta.url)), quiet: true });

  if (process.env["NODE_ENV"] === "production") {
    fail("npm run token refuses to run with NODE_ENV=production: development tokens must never reach a production API.");
  }
  if (process.env["AUTH0_DOMAIN"]?.trim()) {
    fail(
      "npm run token refuses to run while AUTH0_DOMAIN is set: the API then trusts your Auth0 tenant, not the local issuer. " +
        "Get a token from the tenant instead (Auth0 dashboard, APIs, your API, Test tab), or unset AUTH0_DOMAIN.",
    );
  }

  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sub: { type: "string" },
        permissions: { type: "string" },
        "expires-in": { type: "string" },
        name: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }

  let settings;
  try {
    settings = loadEnvironmentSettings();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const options: MintAccessTokenOptions = { sub: values.sub ?? "dev|alice" };
  if (!USER_ID_PATTERN.test(options.sub!)) {
    fail(`--sub "${options.sub}" is invalid: use 1 to 64 letters, digits or the characters | . _ @ -, for example dev|carol`);
  }
  const permissions = parsePermissions(values.permissions);
  if (permissions === "invalid") fail("--permissions must be names such as moderate:posts, separated by commas");
  if (permissions !== undefined) options.permissions = permissions;
  if (values["expires-in"] !== undefined) {
    const seconds = Number(values["expires-in"]);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) fail("--expires-in must be a whole number of seconds from 1 to 86400");
    options.expiresIn = seconds;
  }
  if (values.name !== undefined) options.name = values.name;

  const key = await loadOrCreateSigningKey(settings.dataDir);
  const minter = createTokenMinter(
    {
      key,
      issuer: `http://localhost:${settings.port}/`,
      nameClaim: settings.nameClaim,
      tokenTtlSeconds: settings.tokenTtlSeconds,
      now: Date.now,
    },
    { clientId: settings.clientId, audience: settings.audience },
  );
  process.stdout.write(`${await minter.mintAccessToken(options)}\n`);
}

await main();
