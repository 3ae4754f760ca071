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
  if (config.kind === "postgres") return openPostgres(config.url, config);
  // PGlite's NodeFS writes straight into the data folder, and close() shuts
  // Postgres down cleanly (after queries in flight), so a process that awaits
  // close() before it exits leaves a consistent folder behind.
  return wrapPglite(await PGlite.create(config.dataDir));
}

export interface PostgresTimeouts {
  /** Time to wait for a connection, new or from the pool; default 5000. */
  readonly connectTimeoutMs: number;
  /** Time a statement may run on the server; default 10000. */
  readonly queryTimeoutMs: number;
}

const defaultPostgresTimeouts: PostgresTimeouts = { connectTimeoutMs: 5000, queryTimeoutMs: 10_000 };

export function openPostgres(url: string, timeouts: PostgresTimeouts = defaultPostgresTimeouts): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    // The server cancels a statement that runs too long and keeps the
    // connection. The client-side timeout, a second later, covers a server
    // that does not respond at all (a dropped network), where no cancel comes
    // back and the query would otherwise wait forever.
    statement_timeout: timeouts.queryTimeoutMs,
    query_timeout: timeouts.queryTimeoutMs + 1000,
    keepAlive: true,
  });
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
      let broken: Error | undefined;
      try {
        await run(client, "begin");
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await run(client, "commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        // A failed rollback means the connection is unusable; release(error)
        // closes it instead of handing it to the next request.
        client.release(broken);
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
