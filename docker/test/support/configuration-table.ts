import { readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "./build-context.js";

/** One row of the configuration table in README.md. */
export interface DocumentedSetting {
  readonly name: string;
  /** The default cell as written, such as "`4000`" or "none". */
  readonly defaultCell: string;
  readonly meaning: string;
}

/**
 * Reads the table under the "## Configuration" heading of README.md: rows of
 * `| \`NAME\` | default | meaning |`.
 *
 * @throws when the section or its table is missing.
 */
export function readConfigurationTable(readme = path.join(repositoryRoot, "README.md")): Map<string, DocumentedSetting> {
  const text = readFileSync(readme, "utf8");
  const section = text.split(/^## /m).find((part) => part.startsWith("Configuration\n"));
  if (section === undefined) throw new Error(`${readme} has no "## Configuration" section`);

  const settings = new Map<string, DocumentedSetting>();
  for (const line of section.split("\n")) {
    const cells = line.match(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|(.*)\|(.*)\|\s*$/);
    if (cells === null) continue;
    const [, name, defaultCell, meaning] = cells;
    settings.set(name!, { name: name!, defaultCell: defaultCell!.trim(), meaning: meaning!.trim() });
  }
  if (settings.size === 0) throw new Error(`the Configuration section of ${readme} has no table rows`);
  return settings;
}

/** Returns the variable names that .env.example assigns, commented out or not (`# NAME=` or `NAME=`). */
export function readEnvExampleNames(file = path.join(repositoryRoot, ".env.example")): Set<string> {
  const names = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = line.match(/^#?\s*([A-Z][A-Z0-9_]*)=/);
    if (match !== null) names.add(match[1]!);
  }
  return names;
}
