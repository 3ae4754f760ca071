import { fileURLToPath } from "node:url";
import dotenv from "dotenv";
import { pino } from "pino";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./data/database.js";
import { AccessRuleError } from "./auth/access-rule.js";
import { createLogger } from "./logger.js";
import { startApi } from "./server.js";

// Variables already in the environment win over the file.
dotenv.config({ path: fileURLToPath(new URL("../../.env", import.meta.url)), quiet: true });

const bootLogger = createLogger(process.env["LOG_LEVEL"] ?? "info");

async function main(): Promise<void> {
  const config = loadConfig();
  // Asynchronous, as pino's default stdout destination, but kept here so
  // that shutdown can wait for it.
  const logDestination = pino.destination({ dest: 1, sync: false });
  const logger = createLogger(config.logLevel, logDestination);

  logger.info(
    config.database.kind === "postgres"
      ? { event: "database_selected", database: "postgres" }
      : { event: "database_selected", database: "pglite", dataDir: config.database.dataDir },
    config.database.kind === "postgres" ? "using Postgres from DATABASE_URL" : "DATABASE_URL is unset; using embedded PGlite",
  );
  const db = await openDatabase(config.database);
  const api = await startApi({ config, logger, db });

  // pino's flush at process exit writes the buffered lines at once, even
  // while an earlier write is still pending, so the last lines can land out of
  // order. end() writes them in order and then emits "close". The timer
  // bounds the wait when nothing reads stdout.
  const exitAfterFlush = (code: number) => {
    logDestination.once("close", () => process.exit(code));
    setTimeout(() => process.exit(code), 5000);
    logDestination.end();
  };
  let stopping = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: "shutdown_requested", signal }, "stopping: finishing in-flight operations");
    api.close().then(
      () => exitAfterFlush(0),
      (error: unknown) => {
        logger.error({ event: "shutdown_failed", err: error }, "shutdown failed");
        exitAfterFlush(1);
      },
    );
  };
  // `on`, not `once`: a second signal during shutdown must not fall through
  // to a default handler (tsx installs one) that ends the process at once.
  process.on("SIGTERM", shutDown);
  process.on("SIGINT", shutDown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof AccessRuleError) {
    bootLogger.fatal({ event: "startup_refused", problems: error.problems }, error.message);
  } else {
    bootLogger.fatal({ event: "startup_failed", err: error }, "the API could not start");
  }
  process.exitCode = 1;
});
