import type { Queryable } from "./database.js";
import type { ReportRow } from "./rows.js";

/**
 * Files a report. Throws the driver's unique violation (SQLSTATE 23505) when
 * the caller already reported the post, and a foreign key violation (23503)
 * when the post was deleted meanwhile; the resolver maps both.
 */
export async function insertReport(db: Queryable, postId: string, reporterId: string, reason: string): Promise<ReportRow> {
  const rows = await db.query<ReportRow>(
    `insert into reports (post_id, reporter_id, reason) values ($1, $2, $3)
     returning id, post_id as "postId", reporter_id as "reporterId", reason, created_at as "createdAt"`,
    [postId, reporterId, reason],
  );
  return rows[0]!;
}
