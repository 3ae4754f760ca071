import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { parse, type GraphQLSchema } from "graphql";
import { applyAccessRules } from "../auth/auth-directive.js";
import { resolvers } from "../resolvers/index.js";

/** The contract shared with the web app, at the repository root (and beside `api/` in images). */
export const schemaFile = new URL("../../../schema.graphql", import.meta.url);

/**
 * Builds the executable Federation 2 subgraph schema with the access rules
 * applied. Throws AccessRuleError, naming each field, when a rule is missing.
 */
export function buildApiSchema(typeDefs: string = readFileSync(schemaFile, "utf8")): GraphQLSchema {
  const subgraph = buildSubgraphSchema({
    typeDefs: parse(typeDefs),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
  return applyAccessRules(subgraph);
}
