import type { Principal } from "../auth/principal.js";
import { checkPageSize, decodePostCursor, encodePostCursor } from "../data/cursor.js";
import type { UserRow } from "../data/rows.js";
import { displayNameOf, userFromPrincipal } from "../data/users.js";
import type { PostResolvers, UserResolvers, ViewerResolvers } from "../generated/resolvers-types.js";
import { toPostConnection } from "./connection.js";

export const moderatePermission = "moderate:posts";

/** Returns whether the principal may change or delete a post by `authorId`. */
export function mayEditPost(principal: Principal, authorId: string): boolean {
  if (principal.kind !== "user") return false;
  return principal.sub === authorId || principal.permissions.has(moderatePermission);
}

export const Post: PostResolvers = {
  async __resolveReference(reference, { loaders }) {
    return loaders.postById.load(reference.id);
  },

  async author(post, _args, { loaders }) {
    // posts.author_id references users, so the row exists.
    const user = await loaders.userById.load(post.authorId);
    return user ?? { id: post.authorId, displayName: null, tokenName: null };
  },

  viewerCanEdit(post, _args, { principal }) {
    return mayEditPost(principal, post.authorId);
  },

  reportCount(post, _args, { loaders }) {
    return loaders.reportCountByPostId.load(post.id);
  },

  reports(post, _args, { loaders }) {
    return loaders.recentReportsByPostId.load(post.id);
  },

  async viewerHasReported(post, _args, { loaders, principal }) {
    if (principal.kind !== "user") return false;
    return loaders.hasReported(principal.sub, post.id);
  },
};

export const User: UserResolvers = {
  async __resolveReference(reference, { loaders }) {
    return loaders.userById.load(reference.id);
  },

  displayName: (user) => displayNameOf(user),

  async posts(user, { first, after }, { loaders }) {
    const limit = checkPageSize(first, "posts.first");
    const position = after == null ? undefined : decodePostCursor(after, "posts.after");
    const rows = await loaders.postsOfAuthor(user.id, limit + 1, position);
    return toPostConnection(rows, limit, encodePostCursor);
  },
};

export const Viewer: ViewerResolvers = {
  async user({ principal }, _args, { loaders }): Promise<UserRow> {
    return (await loaders.userById.load(principal.sub)) ?? userFromPrincipal(principal);
  },

  permissions: ({ principal }) => [...principal.permissions],
};
