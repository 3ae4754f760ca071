/**
 * Prints the access map: every field of the schema with the rule that guards
 * it. `--write` stores it in docs/access-map.md; `--check` exits with status 1
 * when that file differs from what the schema gives now.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { listFieldAccess, renderAccessMap } from "../src/auth/access-map.js";
import { buildApiSchema } from "../src/graphql/schema.js";

const mapFile = fileURLToPath(new URL("../../docs/access-map.md", import.meta.url));
const usage = "Usage: npm run auth:report [-- --write | --check]";

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== undefined && mode !== "--write" && mode !== "--check") {
    process.stderr.write(`Unknown option ${mode}. ${usage}\n`);
    process.exitCode = 2;
    return;
  }

  // buildApiSchema refuses a schema with a field that has no rule, as the server does.
  const report = renderAccessMap(listFieldAccess(buildApiSchema()));
  if (mode === undefined) {
    process.stdout.write(report);
    return;
  }
  if (mode === "--write") {
    await writeFile(mapFile, report);
    process.stdout.write(`Wrote ${mapFile}\n`);
    return;
  }

  const stored = await readFile(mapFile, "utf8").catch(() => undefined);
  if (stored !== report) {
    const problem = stored === undefined ? "is missing" : "is stale: the schema's access rules changed";
    process.stderr.write(`${mapFile} ${problem}. Run npm run auth:report -- --write and commit the result.\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write("docs/access-map.md matches the schema's access rules.\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`auth:report failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
