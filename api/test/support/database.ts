import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { openPostgres, wrapPglite, type Database } from "../../src/data/database.js";

export type TestDatabaseKind = "pglite" | "postgres";

/** The databases every API test runs on: PGlite always, Postgres when TEST_DATABASE_URL is set. */
export const testDatabaseKinds: TestDatabaseKind[] = process.env["TEST_DATABASE_URL"] ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase {
  readonly db: Database;
  /** Drops what the test created: the PGlite copy closes with `db`; a Postgres database is dropped. */
  dispose(): Promise<void>;
}

/**
 * Opens a fresh, migrated database. PGlite starts from a template dumped once
 * by the global setup, because initdb takes seconds and a reopen does not.
 * Postgres gets a new database per call, dropped by `dispose`.
 */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const template = await readFile(inject("pgliteTemplate"));
    const database = await PGlite.create({ loadDataDir: new Blob([template]) });
    const db = wrapPglite(database);
    return { db, dispose: async () => {} };
  }

  const adminUrl = process.env["TEST_DATABASE_URL"]!;
  const name = `noticeboard_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  return {
    db,
    async dispose() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
