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

  const scratch = await createScratchDatabase("noticeboard_test");
  const db = openPostgres(scratch.url);
  return { db, dispose: scratch.drop };
}

/** A Postgres database of its own for one test file, on the server TEST_DATABASE_URL names. */
export interface ScratchDatabase {
  readonly name: string;
  /** TEST_DATABASE_URL with this database's name. */
  readonly url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const adminUrl = process.env["TEST_DATABASE_URL"];
  if (adminUrl === undefined) throw new Error("TEST_DATABASE_URL must be set for a Postgres test");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await runAsAdmin(adminUrl, `create database ${name}`);

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => runAsAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
