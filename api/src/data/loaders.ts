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
  const postById = new DataLoader<string, PostRow | null>(async (ids) => {
    const rows = await selectPostsByIds(db, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const userById = new DataLoader<string, UserRow | null>(async (ids) => {
    const rows = await selectUsersByIds(db, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const reportCountByPostId = new DataLoader<string, number>(async (ids) => {
    const counts = await countReports(db, ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });

  const recentReportsByPostId = new DataLoader<string, ReportRow[]>(async (ids) => {
    const rows = await selectRecentReports(db, ids);
    const byPost = new Map<string, ReportRow[]>();
    for (const row of rows) {
      const list = byPost.get(row.postId) ?? [];
      list.push(row);
      byPost.set(row.postId, list);
    }
    return ids.map((id) => byPost.get(id) ?? []);
  });

  const reportedByLoaders = new Map<string, DataLoader<string, boolean>>();
  const hasReported = (reporterId: string, postId: string) => {
    let loader = reportedByLoaders.get(reporterId);
    if (loader === undefined) {
      loader = new DataLoader<string, boolean>(async (postIds) => {
        const reported = await selectReportedPostIds(db, reporterId, postIds);
        return postIds.map((id) => reported.has(id));
      });
      reportedByLoaders.set(reporterId, loader);
    }
    return loader.load(postId);
  };

  // One loader per distinct page (limit and cursor): the authors asked for the
  // same page are fetched together by one windowed statement.
  const authorPageLoaders = new Map<string, DataLoader<string, PostRow[]>>();
  const postsOfAuthor = (authorId: string, limit: number, after: PostPosition | undefined) => {
    const pageKey = `${limit}:${after?.createdAt.getTime() ?? ""}:${after?.id ?? ""}`;
    let loader = authorPageLoaders.get(pageKey);
    if (loader === undefined) {
      loader = new DataLoader<string, PostRow[]>(async (authorIds) => {
        const rows = await selectNewestPostsOfAuthors(db, authorIds, limit, after);
        const byAuthor = new Map<string, PostRow[]>();
        for (const row of rows) {
          const list = byAuthor.get(row.authorId) ?? [];
          list.push(row);
          byAuthor.set(row.authorId, list);
        }
        return authorIds.map((id) => byAuthor.get(id) ?? []);
      });
      authorPageLoaders.set(pageKey, loader);
    }
    return loader.load(authorId);
  };

  return { postById, userById, reportCountByPostId, recentReportsByPostId, hasReported, postsOfAuthor };
}
