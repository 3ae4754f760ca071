import type { Queryable } from "./database.js";
import type { PostPosition, ReportedPostPosition } from "./cursor.js";
import type { PostRow } from "./rows.js";

const postColumns = `p.id, p.author_id as "authorId", p.title, p.body, p.created_at as "createdAt", p.updated_at as "updatedAt"`;

/** Reads `limit` posts, newest first, after `after` when given. */
export function selectNewestPosts(db: Queryable, limit: number, after: PostPosition | undefined): Promise<PostRow[]> {
  return db.query<PostRow>(
    `select ${postColumns} from posts p
     where $1::timestamptz is null or (p.created_at, p.id) < ($1::timestamptz, $2::uuid)
     order by p.created_at desc, p.id desc
     limit $3`,
    [after?.createdAt ?? null, after?.id ?? null, limit],
  );
}

/**
 * Reads up to `limit` newest posts of each author in one statement, so a list
 * of posts that shows each author's latest posts costs one query in all.
 */
export function selectNewestPostsOfAuthors(
  db: Queryable,
  authorIds: readonly string[],
  limit: number,
  after: PostPosition | undefined,
): Promise<PostRow[]> {
  return db.query<PostRow>(
    `select "id", "authorId", "title", "body", "createdAt", "updatedAt" from (
       select ${postColumns},
              row_number() over (partition by p.author_id order by p.created_at desc, p.id desc) as position
       from posts p
       where p.author_id = any($1::text[])
         and ($2::timestamptz is null or (p.created_at, p.id) < ($2::timestamptz, $3::uuid))
     ) ranked
     where position <= $4
     order by "authorId", "createdAt" desc, "id" desc`,
    [authorIds, after?.createdAt ?? null, after?.id ?? null, limit],
  );
}

export function selectPostsByIds(db: Queryable, ids: readonly string[]): Promise<PostRow[]> {
  return db.query<PostRow>(`select ${postColumns} from posts p where p.id = any($1::uuid[])`, [ids]);
}

export interface ReportedPostRow extends PostRow {
  readonly reportCount: number;
}

/** Reads posts with at least one report, most reported first, then newest first. */
export function selectMostReportedPosts(
  db: Queryable,
  limit: number,
  after: ReportedPostPosition | undefined,
): Promise<ReportedPostRow[]> {
  return db.query<ReportedPostRow>(
    `select ${postColumns}, r.report_count as "reportCount"
     from posts p
     join (select post_id, count(*)::int as report_count from reports group by post_id) r on r.post_id = p.id
     where $1::int is null
        or (r.report_count, p.created_at, p.id) < ($1::int, $2::timestamptz, $3::uuid)
     order by r.report_count desc, p.created_at desc, p.id desc
     limit $4`,
    [after?.reportCount ?? null, after?.createdAt ?? null, after?.id ?? null, limit],
  );
}

export async function insertPost(db: Queryable, authorId: string, title: string, body: string): Promise<PostRow> {
  const rows = await db.query<PostRow>(
    `insert into posts as p (author_id, title, body) values ($1, $2, $3) returning ${postColumns}`,
    [authorId, title, body],
  );
  return rows[0]!;
}

/** Changes the given fields; returns undefined when the post no longer exists. */
export async function updatePost(
  db: Queryable,
  id: string,
  changes: { readonly title?: string | undefined; readonly body?: string | undefined },
): Promise<PostRow | undefined> {
  const rows = await db.query<PostRow>(
    `update posts as p
     set title = coalesce($2, p.title),
         body = coalesce($3, p.body),
         updated_at = date_trunc('milliseconds', clock_timestamp())
     where p.id = $1
     returning ${postColumns}`,
    [id, changes.title ?? null, changes.body ?? null],
  );
  return rows[0];
}

/** Deletes a post and, by cascade, its reports; returns whether it existed. */
export async function deletePost(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>("delete from posts where id = $1 returning id", [id]);
  return rows.length > 0;
}

export async function countReports(db: Queryable, postIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ postId: string; count: number }>(
    `select post_id as "postId", count(*)::int as count from reports where post_id = any($1::uuid[]) group by post_id`,
    [postIds],
  );
  return new Map(rows.map((row) => [row.postId, row.count]));
}
