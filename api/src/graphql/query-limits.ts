import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { pageSize } from "../data/cursor.js";
import { queryTooComplexError, type QueryLimit } from "../errors.js";

/** Ceilings for one operation; see QUERY_MAX_* in config.ts. */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxCost: number;
}

/** Multiplier of a list field whose `first` argument is omitted and has no default in the schema. */
const defaultListSize = 20;

// The walk stops descending below this many levels, so a long chain of
// fragments cannot overflow the stack. Anything that deep is refused anyway,
// because the depth setting is at most 1000.
const minimumDescentCap = 1000;

interface Measures {
  /** Levels of nested fields below and including this selection set. */
  readonly depth: number;
  readonly aliases: number;
  readonly cost: number;
  /** Fields at the top of this selection set, counted through fragments. */
  readonly fields: number;
  /** Whether the walk stopped at the descent cap, so `depth` is a lower bound. */
  readonly truncated: boolean;
}

const nothing: Measures = { depth: 0, aliases: 0, cost: 0, fields: 0, truncated: false };

/**
 * Creates the validation rule that rejects operations over the query limits,
 * so Apollo responds with 400 before the context or any resolver touches the
 * database. Validated documents are cached by Apollo, so each distinct
 * document is measured once.
 *
 * Fragments are expanded where they are spread, each measured once, so
 * nested spreads cannot multiply the work of the check itself. The cost is
 * an estimate made before variables are known: a field costs 1, and a field
 * with a `first` argument multiplies the cost of its selection by `first`
 * (its schema default when omitted, the maximum page size when it is a
 * variable).
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  const descentCap = Math.max(minimumDescentCap, limits.maxDepth + 1);

  return (context: ValidationContext) => {
    const fragmentMeasures = new Map<string, Measures | "measuring">();

    const measureSelectionSet = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, level: number): Measures => {
      if (level > descentCap) return { ...nothing, truncated: true };

      let depth = 0;
      let aliases = 0;
      let cost = 0;
      let fields = 0;
      let truncated = false;
      const add = (child: Measures, extraDepth: number) => {
        depth = Math.max(depth, child.depth + extraDepth);
        aliases += child.aliases;
        truncated ||= child.truncated;
      };

      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const field = fieldDefinition(context, parentType, selection.name.value);
          const childType = field === undefined ? undefined : getNamedType(field.type);
          const child = selection.selectionSet === undefined ? nothing : measureSelectionSet(selection.selectionSet, childType, level + 1);
          add(child, countsAsLevel(parentType, selection) ? 1 : 0);
          fields += 1;
          if (selection.alias !== undefined) aliases += 1;
          cost += 1 + listSize(field, selection) * child.cost;
          continue;
        }

        const fragment = selection.kind === Kind.INLINE_FRAGMENT
          ? measureSelectionSet(selection.selectionSet, typeCondition(context, selection.typeCondition?.name.value) ?? parentType, level)
          : measureFragment(selection.name.value, level);
        add(fragment, 0);
        fields += fragment.fields;
        cost += fragment.cost;
      }
      return { depth, aliases, cost, fields, truncated };
    };

    const measureFragment = (name: string, level: number): Measures => {
      const known = fragmentMeasures.get(name);
      // A fragment that spreads itself is reported by NoFragmentCyclesRule;
      // here it only must not recurse forever.
      if (known === "measuring") return nothing;
      if (known !== undefined) return known;

      const definition = context.getFragment(name);
      if (!definition) return nothing;
      fragmentMeasures.set(name, "measuring");
      const measures = measureSelectionSet(definition.selectionSet, typeCondition(context, definition.typeCondition.name.value), level);
      fragmentMeasures.set(name, measures);
      return measures;
    };

    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const rootType = context.getSchema().getRootType(operation.operation) ?? undefined;
        const measures = measureSelectionSet(operation.selectionSet, rootType, 1);
        const checks: Array<[QueryLimit, number, number]> = [
          ["depth", limits.maxDepth, measures.depth],
          ["aliases", limits.maxAliases, measures.aliases],
          ["rootFields", limits.maxRootFields, measures.fields],
          ["cost", limits.maxCost, Math.min(measures.cost, Number.MAX_SAFE_INTEGER)],
        ];
        for (const [limit, max, measured] of checks) {
          if (measured <= max) continue;
          // Below the descent cap nothing was counted, so every measure of a
          // truncated walk is only a lower bound.
          context.reportError(queryTooComplexError(limit, max, measured, operation, measures.truncated));
        }
        return false;
      },
    };
  };
}

function fieldDefinition(
  context: ValidationContext,
  parentType: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType !== undefined && parentType === context.getSchema().getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (isObjectType(parentType) || isInterfaceType(parentType)) return parentType.getFields()[name];
  return undefined;
}

function typeCondition(context: ValidationContext, name: string | undefined): GraphQLNamedType | undefined {
  return name === undefined ? undefined : context.getSchema().getType(name) ?? undefined;
}

// `ofType` of an introspection type returns one type, and the chain ends
// with the schema's deepest wrapper (such as [[T!]!]!), so it cannot multiply
// work. Not counting it lets introspection queries from Sandbox and codegen,
// which nest `ofType` nine times or more, pass the depth limit.
function countsAsLevel(parentType: GraphQLNamedType | undefined, field: FieldNode): boolean {
  return !(parentType?.name === "__Type" && field.name.value === "ofType");
}

function listSize(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode): number {
  const definition = field?.args.find((argument) => argument.name === "first");
  if (definition === undefined) return 1;

  const argument = node.arguments?.find((candidate) => candidate.name.value === "first");
  if (argument === undefined) {
    return typeof definition.defaultValue === "number" ? clampListSize(definition.defaultValue) : defaultListSize;
  }
  // Validation runs before variables are known, and Apollo caches the
  // result per document, so a variable counts as the largest page.
  if (argument.value.kind === Kind.VARIABLE) return pageSize.max;
  if (argument.value.kind === Kind.INT) return clampListSize(Number.parseInt(argument.value.value, 10));
  return defaultListSize;
}

// Resolvers refuse `first` outside the page-size range with BAD_USER_INPUT;
// clamping here lets that clearer message reach the caller.
function clampListSize(value: number): number {
  return Math.min(Math.max(value, 0), pageSize.max);
}
