import type { Principal } from "../auth/principal.js";

/** A row of `posts`, with camelCase names as the SQL selects them. */
export interface PostRow {
  readonly id: string;
  readonly authorId: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A row of `users`; a signed-in caller who never wrote has none, see `userFromPrincipal`. */
export interface UserRow {
  readonly id: string;
  readonly displayName: string | null;
  readonly tokenName: string | null;
}

export interface ReportRow {
  readonly id: string;
  readonly postId: string;
  readonly reporterId: string;
  readonly reason: string;
  readonly createdAt: Date;
}

/** Parent value of `Viewer`: the verified caller. */
export interface ViewerParent {
  readonly principal: Extract<Principal, { kind: "user" }>;
}

export interface PostEdgeParent {
  readonly cursor: string;
  readonly node: PostRow;
}

export interface PostConnectionParent {
  readonly edges: readonly PostEdgeParent[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}
