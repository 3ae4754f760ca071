import { isObjectType, type GraphQLSchema } from "graphql";
import { resolveFieldRule, type AccessRule } from "./access-rule.js";

/** The rule that guards one field of an object type. */
export interface FieldAccess {
  readonly type: string;
  readonly field: string;
  /** Undefined only for a field the server would refuse to start with. */
  readonly rule: AccessRule | undefined;
}

/**
 * Lists every field of every object type with the rule the server enforces,
 * resolved by `resolveFieldRule` exactly as at start-up. Query and Mutation
 * come first, then the other types by name; fields keep schema order.
 */
export function listFieldAccess(schema: GraphQLSchema): FieldAccess[] {
  const rootNames = [schema.getQueryType()?.name, schema.getMutationType()?.name].filter((name) => name !== undefined);
  const types = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith("__"))
    .sort((left, right) => rank(left.name, rootNames) - rank(right.name, rootNames) || left.name.localeCompare(right.name));

  const rows: FieldAccess[] = [];
  for (const type of types) {
    for (const field of Object.values(type.getFields())) {
      rows.push({ type: type.name, field: field.name, rule: resolveFieldRule(schema, type, field) });
    }
  }
  return rows;
}

function rank(name: string, rootNames: readonly string[]): number {
  const index = rootNames.indexOf(name);
  return index === -1 ? rootNames.length : index;
}

/** Describes a rule in the words of the access map: public, signed-in, or signed-in with permissions. */
export function describeRule(rule: AccessRule | undefined): string {
  if (rule === undefined) return "**no rule: the server refuses to start**";
  if (rule.kind === "public") return "public";
  if (rule.permissions.length === 0) return "signed-in";
  return `signed-in + ${rule.permissions.map((permission) => `\`${permission}\``).join(", ")}`;
}

/** Renders the access map as Markdown: a heading and a table per type. */
export function renderAccessMap(rows: readonly FieldAccess[]): string {
  const lines = [
    "# Access map",
    "",
    "Generated from `schema.graphql` by `npm run auth:report -- --write`, with the",
    "rule resolution the API applies at start-up (`api/src/auth/access-rule.ts`).",
    "Do not edit it by hand: CI runs `npm run auth:report -- --check` and fails",
    "when this file is stale.",
    "",
    "- **public**: anyone, also a caller without a token.",
    "- **signed-in**: a verified access token; anonymous callers get `UNAUTHENTICATED`.",
    "- **signed-in + `permission`**: the token must also grant each permission",
    "  listed (in `permissions` or `scope`); others get `FORBIDDEN`.",
    "",
    "These are the schema rules only. Resolvers add checks per record, such as",
    "`updatePost` and `deletePost`, which only the author or a caller with",
    "`moderate:posts` may run on a given post. `Query._entities` and",
    "`Query._service` belong to Apollo Federation: a router may call `_entities`,",
    "and each field it resolves keeps the rule of its type listed here.",
  ];

  let currentType: string | undefined;
  for (const row of rows) {
    if (row.type !== currentType) {
      currentType = row.type;
      lines.push("", `## ${row.type}`, "", "| field | access |", "| --- | --- |");
    }
    lines.push(`| \`${row.field}\` | ${describeRule(row.rule)} |`);
  }
  lines.push("");
  return lines.join("\n");
}
