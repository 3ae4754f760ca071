import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Creates a Postgres database of its own for one browser-test run on the
 * server TEST_DATABASE_URL names, so posts left by earlier runs or other
 * suites never show up in the feed. Returns its URL and a function that
 * drops it.
 */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `noticeboard_e2e_${randomBytes(6).toString("hex")}`;
  await runAsAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAsAdmin(adminUrl, `drop database if exists ${name} with (force)`) };
}

async function runAsAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
