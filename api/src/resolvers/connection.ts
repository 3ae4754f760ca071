import type { PostConnectionParent, PostRow } from "../data/rows.js";

/**
 * Builds a page from rows read with `limit + 1`. The extra row only shows
 * whether another page follows, and it is not returned.
 */
export function toPostConnection<Row extends PostRow>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (row: Row) => string,
): PostConnectionParent {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: row }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
