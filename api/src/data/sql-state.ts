/** SQLSTATE codes the resolvers turn into caller errors. */
export const SqlState = {
  UniqueViolation: "23505",
  ForeignKeyViolation: "23503",
} as const;

/** Reads the SQLSTATE of a node-postgres or PGlite error; both expose it as `code`. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
