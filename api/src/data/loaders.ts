import DataLoader from "dataloader";
import type { Queryable } from "./database.js";
import type { PostPosition } from "./cursor.js";
import { countReports, selectNewestPostsOfAuthors, selectPostsByIds } from "./posts.js";
import { selectRecentReports, selectReportedPostIds } from "./reports.js";
import type { PostRow, ReportRow, UserRow } from "./rows.js";
import { selectUsersByIds } from "./users.js";

/**
 * Batching loaders for one request. They are created per request so that a
 * cached row never outlives the request or leaks into another caller's.
 */
export interface Loaders {
  readonly postById: DataLoader<string, PostRow | null>;
  readonly userById: DataLoader<string, UserRow | null>;
  readonly reportCountByPostId: DataLoader<string, number>;
  readonly recentReportsByPostId: DataLoader<string, ReportRow[]>;
  /** Whether `reporterId` reported the post; calls for the same reporter share one statement. */
  hasReported(reporterId: string, postId: string): Promise<boolean>;
  /** Loads up to `limit` newest posts of an author; calls with the same page share one statement. */
  postsOfAuthor(authorId: string, limit: number, after: PostPosition | undefined): Promise<PostRow[]>;
}

export function createLoaders(db: Queryable): Loaders {
  const postById = new DataLoader<string, PostRow | null>(async (ids) =>
    rowForEachKey(ids, await selectPostsByIds(db, ids), (row) => row.id),
  );

  const userById = new DataLoader<string, UserRow | null>(async (ids) =>
    rowForEachKey(ids, await selectUsersByIds(db, ids), (row) => row.id),
  );

  const reportCountByPostId = new DataLoader<string, number>(async (ids) => {
    const counts = await countReports(db, ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });

  const recentReportsByPostId = new DataLoader<string, ReportRow[]>(async (ids) =>
    rowsForEachKey(ids, await selectRecentReports(db, ids), (row) => row.postId),
  );

  const reportedByLoaders = new Map<string, DataLoader<string, boolean>>();
  const hasReported = (reporterId: string, postId: string) => {
    const loader = loaderFor(reportedByLoaders, reporterId, async (postIds) => {
      const reported = await selectReportedPostIds(db, reporterId, postIds);
      return postIds.map((id) => reported.has(id));
    });
    return loader.load(postId);
  };

  // One loader per distinct page (limit and cursor): the authors asked for the
  // same page are fetched together by one windowed statement.
  const authorPageLoaders = new Map<string, DataLoader<string, PostRow[]>>();
  const postsOfAuthor = (authorId: string, limit: number, after: PostPosition | undefined) => {
    const pageKey = `${limit}:${after?.createdAt.getTime() ?? ""}:${after?.id ?? ""}`;
    const loader = loaderFor(authorPageLoaders, pageKey, async (authorIds) =>
      rowsForEachKey(authorIds, await selectNewestPostsOfAuthors(db, authorIds, limit, after), (row) => row.authorId),
    );
    return loader.load(authorId);
  };

  return { postById, userById, reportCountByPostId, recentReportsByPostId, hasReported, postsOfAuthor };
}

/** Orders rows as DataLoader requires: the row of each key, or null where none came back. */
function rowForEachKey<Row>(keys: readonly string[], rows: readonly Row[], keyOf: (row: Row) => string): Array<Row | null> {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows by key, keeping their order, and returns one list per requested key. */
function rowsForEachKey<Row>(keys: readonly string[], rows: readonly Row[], keyOf: (row: Row) => string): Row[][] {
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list === undefined) byKey.set(keyOf(row), [row]);
    else list.push(row);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/** Returns the loader for one variant of a query (a reporter, a page), creating it on first use. */
function loaderFor<Value>(
  loaders: Map<string, DataLoader<string, Value>>,
  variant: string,
  load: DataLoader.BatchLoadFn<string, Value>,
): DataLoader<string, Value> {
  let loader = loaders.get(variant);
  if (loader === undefined) {
    loader = new DataLoader(load);
    loaders.set(variant, loader);
  }
  return loader;
}
