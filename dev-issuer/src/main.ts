/**
 * Command-line entry: `npm start -w dev-issuer`. Reads the DEV_ISSUER_*,
 * AUTH0_* and WEB_PORT variables (see config.ts) and serves until SIGINT or SIGTERM.
 */
import { pino } from "pino";
import pretty from "pino-pretty";
import { assertNotProduction, ConfigError, loadEnvironmentSettings } from "./config.js";
import { startDevIssuer } from "./server.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

async function main(): Promise<void> {
  try {
    assertNotProduction();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  let settings;
  try {
    settings = loadEnvironmentSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const requestedLevel = process.env.DEV_ISSUER_LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(requestedLevel)) {
    console.error(`DEV_ISSUER_LOG_LEVEL is invalid ("${requestedLevel}"): use one of ${LOG_LEVELS.join(", ")}`);
    process.exit(1);
  }
  const logger = pino(
    { level: requestedLevel, base: undefined },
    pretty({ colorize: process.stdout.isTTY, ignore: "pid,hostname", translateTime: "HH:MM:ss", sync: true }),
  );

  const issuer = await startDevIssuer({ ...settings, logger });

  const users = issuer.seededUsers
    .map((user) => `    ${user.sub.padEnd(10)} ${user.name}${user.permissions.length > 0 ? ` (${user.permissions.join(", ")})` : ""}`)
    .join("\n");
  process.stdout.write(
    `\nDevelopment issuer at ${issuer.url}  (issuer ${issuer.issuer}, not for production)\n` +
      `  client id ${issuer.clientId}, audience ${issuer.audience}\n` +
      `  redirect URIs ${settings.redirectUris.join(", ")}\n` +
      `  signing key in ${settings.dataDir}\n` +
      `  development users (any other id can be typed on the login page):\n${users}\n\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, "stopping development issuer");
    issuer.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "failed to close the development issuer");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
