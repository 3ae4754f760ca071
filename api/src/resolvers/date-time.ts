import { GraphQLScalarType, Kind } from "graphql";

function parse(value: unknown): Date {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) {
    throw new TypeError(`DateTime must be an ISO 8601 string in UTC such as 2026-12-04T21:00:00.000Z (got ${JSON.stringify(value)}).`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime ${value} is not a real date.`);
  return date;
}

/** ISO 8601 date-times in UTC, as Dates inside the API. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  serialize(value) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new TypeError("DateTime can only serialize valid Date values.");
    }
    return value.toISOString();
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError("DateTime literals must be strings.");
    return parse(ast.value);
  },
});
