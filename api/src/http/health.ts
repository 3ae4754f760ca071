import { Router } from "express";
import type { KeySet } from "../auth/key-set.js";
import type { Database } from "../data/database.js";

const readinessTimeoutMs = 2000;

/**
 * Serves `GET /healthz`, which succeeds while the process is alive, and
 * `GET /readyz`, which succeeds when the database responds and the signing
 * keys are cached or can be fetched now, so requests with tokens can be
 * verified. Both return JSON with a status per check.
 */
export function healthRouter(db: Database, keySet: KeySet): Router {
  const router = Router();

  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  router.get("/readyz", async (_req, res) => {
    const [database, keys] = await Promise.all([
      check(() => db.query("select 1")),
      keySet.hasKeys() ? Promise.resolve("ok") : check(() => keySet.reload()),
    ]);
    const ready = database === "ok" && keys === "ok";
    res.status(ready ? 200 : 503).json({ status: ready ? "ok" : "unavailable", checks: { database, keys } });
  });

  return router;
}

async function check(probe: () => Promise<unknown>): Promise<"ok" | "failed" | "timed out"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), readinessTimeoutMs);
  });
  try {
    return await Promise.race([probe().then(() => "ok" as const), timeout]);
  } catch {
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}
