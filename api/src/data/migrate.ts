import { readdir, readFile } from "node:fs/promises";
import type { Database } from "./database.js";

const migrationsDirectory = new URL("../../migrations/", import.meta.url);

// Any fixed number works; all replicas must use the same one.
const migrationLockId = 74_110_231;

/**
 * Applies every SQL file in api/migrations that is not yet recorded in
 * `schema_migrations`, in file-name order, in one transaction. A transaction
 * advisory lock makes replicas that start together apply each file once.
 *
 * @returns the names of the files applied by this call.
 */
export async function migrate(database: Database): Promise<string[]> {
  const files = (await readdir(migrationsDirectory)).filter((name) => name.endsWith(".sql")).sort();

  return database.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [migrationLockId]);
    await tx.query(
      `create table if not exists schema_migrations (
         name text primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const applied = new Set(
      (await tx.query<{ name: string }>("select name from schema_migrations")).map((row) => row.name),
    );

    const newlyApplied: string[] = [];
    for (const file of files) {
      if (applied.has(file)) continue;
      const sql = await readFile(new URL(file, migrationsDirectory), "utf8");
      for (const statement of splitStatements(sql)) {
        await tx.query(statement);
      }
      await tx.query("insert into schema_migrations (name) values ($1)", [file]);
      newlyApplied.push(file);
    }
    return newlyApplied;
  });
}

/**
 * Splits a migration on the semicolons that end its statements, because a
 * parameterized query (what both drivers run inside a transaction) takes one
 * statement. Migrations therefore must not put `;` inside strings or bodies.
 */
function splitStatements(sql: string): string[] {
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter((statement) => statement !== "");
}
