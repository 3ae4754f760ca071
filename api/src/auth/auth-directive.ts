import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { defaultFieldResolver, isInterfaceType, isObjectType, type GraphQLSchema } from "graphql";
import type { RequestContext } from "../context.js";
import { missingPermissionError, unauthenticatedError } from "../errors.js";
import { AccessRuleError, findAccessRuleProblems, resolveFieldRule, type AccessRule } from "./access-rule.js";
import { missingPermissions, type Principal } from "./principal.js";

/**
 * Applies @auth and @public to an executable schema: every field with an
 * @auth rule gets a resolver that checks the principal before it runs the
 * original one. Reference resolvers and other type extensions survive,
 * because mapSchema keeps each type's extensions.
 *
 * @throws AccessRuleError naming each field that has no rule.
 */
export function applyAccessRules(schema: GraphQLSchema): GraphQLSchema {
  const problems = findAccessRuleProblems(schema);
  if (problems.length > 0) throw new AccessRuleError(problems);

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName, mappedSchema) => {
      const type = mappedSchema.getType(typeName);
      if (!isObjectType(type) && !isInterfaceType(type)) return fieldConfig;
      const field = type.getFields()[fieldName]!;
      const rule = resolveFieldRule(mappedSchema, type, field)!;
      if (rule.kind === "public") return fieldConfig;

      const coordinate = `${typeName}.${fieldName}`;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      return {
        ...fieldConfig,
        resolve(source, args, context: RequestContext, info) {
          enforceRule(rule, context.principal, coordinate);
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

/** @throws UNAUTHENTICATED for anonymous callers, FORBIDDEN naming the missing permissions. */
export function enforceRule(rule: AccessRule, principal: Principal, coordinate: string): void {
  if (rule.kind === "public") return;
  if (principal.kind === "anonymous") throw unauthenticatedError(coordinate);
  const missing = missingPermissions(principal, rule.permissions);
  if (missing.length > 0) throw missingPermissionError(coordinate, missing);
}
