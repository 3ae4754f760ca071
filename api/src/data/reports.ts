import type { Queryable } from "./database.js";
import type { ReportRow } from "./rows.js";

/**
 * Files a report. Throws the driver's unique violation (SQLSTATE 23505) when
 * the caller already reported the post, and a foreign key violation (23503)
 * when the post was deleted meanwhile. The resolver maps both.
 */
export async function insertReport(db: Queryable, postId: string, reporterId: string, reason: string): Promise<ReportRow> {
  const rows = await db.query<ReportRow>(
    `insert into reports (post_id, reporter_id, reason) values ($1, $2, $3)
     returning id, post_id as "postId", reporter_id as "reporterId", reason, created_at as "createdAt"`,
    [postId, reporterId, reason],
  );
  return rows[0]!;
}

const reportsPerPost = 50;

/** Reads the newest reports of each post, at most 50 per post, in one statement. */
export function selectRecentReports(db: Queryable, postIds: readonly string[]): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `select "id", "postId", "reporterId", "reason", "createdAt" from (
       select r.id, r.post_id as "postId", r.reporter_id as "reporterId", r.reason, r.created_at as "createdAt",
              row_number() over (partition by r.post_id order by r.created_at desc, r.id desc) as position
       from reports r
       where r.post_id = any($1::uuid[])
     ) ranked
     where position <= $2
     order by "postId", "createdAt" desc, "id" desc`,
    [postIds, reportsPerPost],
  );
}

/** Returns the ids, among `postIds`, of the posts that `reporterId` has reported. */
export async function selectReportedPostIds(db: Queryable, reporterId: string, postIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ postId: string }>(
    `select post_id as "postId" from reports where reporter_id = $1 and post_id = any($2::uuid[])`,
    [reporterId, postIds],
  );
  return new Set(rows.map((row) => row.postId));
}

/** Deletes every report of a post; returns how many there were. */
export async function deleteReportsOfPost(db: Queryable, postId: string): Promise<number> {
  const rows = await db.query<{ id: string }>("delete from reports where post_id = $1 returning id", [postId]);
  return rows.length;
}
