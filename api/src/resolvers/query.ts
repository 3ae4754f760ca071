import { checkPageSize, decodePostCursor, decodeReportedPostCursor, encodePostCursor, encodeReportedPostCursor, isUuid } from "../data/cursor.js";
import { selectMostReportedPosts, selectNewestPosts } from "../data/posts.js";
import type { QueryResolvers } from "../generated/resolvers-types.js";
import { toPostConnection } from "./connection.js";

export const Query: QueryResolvers = {
  async posts(_parent, { first, after }, { db }) {
    const limit = checkPageSize(first);
    const position = after == null ? undefined : decodePostCursor(after, "after");
    const rows = await selectNewestPosts(db, limit + 1, position);
    return toPostConnection(rows, limit, encodePostCursor);
  },

  async post(_parent, { id }, { loaders }) {
    if (!isUuid(id)) return null;
    return loaders.postById.load(id.toLowerCase());
  },

  async user(_parent, { id }, { loaders }) {
    return loaders.userById.load(id);
  },

  viewer(_parent, _args, { principal }) {
    // @auth on Viewer refuses anonymous callers before this runs.
    if (principal.kind !== "user") return null;
    return { principal };
  },

  async reportedPosts(_parent, { first, after }, { db }) {
    const limit = checkPageSize(first);
    const position = after == null ? undefined : decodeReportedPostCursor(after, "after");
    const rows = await selectMostReportedPosts(db, limit + 1, position);
    return toPostConnection(rows, limit, encodeReportedPostCursor);
  },
};
