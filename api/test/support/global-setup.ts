import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { wrapPglite } from "../../src/data/database.js";
import { migrate } from "../../src/data/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** Creates one migrated PGlite data folder and dumps it, so each test opens a copy in about a second. */
export default async function setup(project: TestProject) {
  const folder = await mkdtemp(path.join(os.tmpdir(), "noticeboard-pglite-"));
  const database = await PGlite.create();
  await migrate(wrapPglite(database));
  const dump = await database.dumpDataDir("none");
  await database.close();
  const file = path.join(folder, "template.tar");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);

  return async () => {
    await rm(folder, { recursive: true, force: true });
  };
}
