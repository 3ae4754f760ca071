import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { ApiConfig } from "../config.js";

/** Anything that runs parameterized SQL: the database itself or an open transaction. */
export interface Queryable {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * The one interface the API uses for Postgres, whether a node-postgres pool
 * or embedded PGlite. Both speak the same SQL and run the same migrations.
 */
export interface Database extends Queryable {
  readonly kind: "postgres" | "pglite";
  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Registers a listener called with each SQL statement, such as a counter in a test. */
  onStatement(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
}

/** Opens the database the configuration names: Postgres with DATABASE_URL, else PGlite in PGLITE_DIR. */
export async function openDatabase(config: ApiConfig["database"]): Promise<Database> {
  if (config.kind === "postgres") return openPostgres(config.url);
  return wrapPglite(await PGlite.create(config.dataDir));
}

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection emits "error" on the pool; without
  // a listener that would crash the process. The next query reports the outage.
  pool.on("error", () => {});
  const listeners = new Set<(sql: string) => void>();

  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    for (const listener of listeners) listener(sql);
    const result = await client.query(sql, params as unknown[] | undefined);
    return result.rows as Row[];
  };

  return {
    kind: "postgres",
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await run(client, "begin");
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await run(client, "commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    onStatement(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => pool.end(),
  };
}

/** Wraps an open PGlite instance, for the data folder or a test's in-memory copy of a template. */
export function wrapPglite(database: PGlite): Database {
  const listeners = new Set<(sql: string) => void>();
  const notify = (sql: string) => {
    for (const listener of listeners) listener(sql);
  };

  return {
    kind: "pglite",
    async query<Row>(sql: string, params?: readonly unknown[]) {
      notify(sql);
      const result = await database.query<Row>(sql, params as unknown[] | undefined);
      return result.rows;
    },
    transaction(work) {
      return database.transaction((tx) =>
        work({
          async query<Row>(sql: string, params?: readonly unknown[]) {
            notify(sql);
            const result = await tx.query<Row>(sql, params as unknown[] | undefined);
            return result.rows;
          },
        }),
      );
    },
    onStatement(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => database.close(),
  };
}
