import { getDirective } from "@graphql-tools/utils";
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/** The access a field requires. */
export type AccessRule =
  | { readonly kind: "public" }
  | { readonly kind: "authenticated"; readonly permissions: readonly string[] };

type Element = GraphQLObjectType | GraphQLInterfaceType | GraphQLField<unknown, unknown>;

// Fields that @apollo/subgraph adds. `_service` must stay readable for
// composition. `_entities` is guarded by the type-level rule that every entity
// type must carry, because that rule applies to each field resolved through it.
const federationPublicFields = new Set(["Query._service", "Query._entities", "_Service.sdl"]);

/** Reads the @auth or @public directive written on a type or field, if any. */
export function ownRule(schema: GraphQLSchema, element: Element, coordinate: string): AccessRule | undefined {
  const auth = getDirective(schema, element, "auth")?.[0];
  const open = getDirective(schema, element, "public")?.[0];
  if (auth !== undefined && open !== undefined) {
    throw new AccessRuleError([`${coordinate} has both @auth and @public; keep one.`]);
  }
  if (open !== undefined) return { kind: "public" };
  if (auth !== undefined) {
    const requires: unknown = auth["requires"];
    const permissions = Array.isArray(requires) ? [...new Set(requires as string[])].sort() : [];
    return { kind: "authenticated", permissions };
  }
  return undefined;
}

/**
 * Resolves the rule of a field. On the type itself, the field's own directive
 * beats the type's. Each interface that declares the field contributes its
 * rule the same way, and the strictest of all applies, so an implementing
 * type can never loosen what an interface guards. With no rule anywhere, an
 * @auth (never a @public) on the returned type applies: a @public return type
 * opens nothing, so a mutation that forgot its rule is refused at start-up.
 */
export function resolveFieldRule(
  schema: GraphQLSchema,
  type: GraphQLObjectType | GraphQLInterfaceType,
  field: GraphQLField<unknown, unknown>,
): AccessRule | undefined {
  const coordinate = `${type.name}.${field.name}`;
  if (federationPublicFields.has(coordinate)) return { kind: "public" };

  const rules: Array<AccessRule | undefined> = [ownRule(schema, field, coordinate) ?? ownRule(schema, type, type.name)];
  for (const iface of type.getInterfaces()) {
    const declared = iface.getFields()[field.name];
    if (declared === undefined) continue;
    rules.push(ownRule(schema, declared, `${iface.name}.${field.name}`) ?? ownRule(schema, iface, iface.name));
  }
  const rule = strictest(rules);
  if (rule !== undefined) return rule;

  const returned = getNamedType(field.type);
  if (isObjectType(returned) || isInterfaceType(returned)) {
    const returnedRule = ownRule(schema, returned, returned.name);
    if (returnedRule?.kind === "authenticated") return returnedRule;
  }
  return undefined;
}

/** Combines rules: authenticated beats public, and permissions add up. */
function strictest(rules: ReadonlyArray<AccessRule | undefined>): AccessRule | undefined {
  let result: AccessRule | undefined;
  for (const rule of rules) {
    if (rule === undefined) continue;
    if (result === undefined || result.kind === "public") {
      result = rule;
    } else if (rule.kind === "authenticated") {
      result = { kind: "authenticated", permissions: [...new Set([...result.permissions, ...rule.permissions])].sort() };
    }
  }
  return result;
}

/** Raised at start-up when the schema leaves a field without a rule or states one twice. */
export class AccessRuleError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The schema's access rules are incomplete:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "AccessRuleError";
    this.problems = problems;
  }
}

/**
 * Lists every problem that must stop the server. A field of an object type
 * with no rule is one (default deny, so a forgotten directive never opens a
 * field). An entity type without a type-level rule is another, because
 * `_entities` reaches it without passing any Query field.
 */
export function findAccessRuleProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      try {
        if (resolveFieldRule(schema, type, field) === undefined) {
          problems.push(
            `${type.name}.${field.name} has no access rule. Add @auth or @public to the field or to type ${type.name}.`,
          );
        }
      } catch (error) {
        if (!(error instanceof AccessRuleError)) throw error;
        problems.push(...error.problems);
      }
    }
  }

  const entityUnion = schema.getType("_Entity");
  if (entityUnion !== undefined && "getTypes" in entityUnion) {
    for (const entity of entityUnion.getTypes()) {
      if (ownRule(schema, entity, entity.name) === undefined) {
        problems.push(
          `Entity type ${entity.name} needs a type-level @auth or @public, because _entities resolves it directly.`,
        );
      }
    }
  }
  return [...new Set(problems)];
}
