import { fileURLToPath } from "node:url";
import dotenv from "dotenv";
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
  const logger = createLogger(config.logLevel);

  logger.info(
    config.database.kind === "postgres"
      ? { event: "database_selected", database: "postgres" }
      : { event: "database_selected", database: "pglite", dataDir: config.database.dataDir },
    config.database.kind === "postgres" ? "using Postgres from DATABASE_URL" : "DATABASE_URL is unset; using embedded PGlite",
  );
  const db = await openDatabase(config.database);
  const api = await startApi({ config, logger, db });

  const shutDown = (signal: NodeJS.Signals) => {
    logger.info({ event: "shutdown_requested", signal }, "stopping: finishing in-flight operations");
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ event: "shutdown_failed", err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutDown);
  process.once("SIGINT", shutDown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof AccessRuleError) {
    bootLogger.fatal({ event: "startup_refused", problems: error.problems }, error.message);
  } else {
    bootLogger.fatal({ event: "startup_failed", err: error }, "the API could not start");
  }
  process.exitCode = 1;
});
