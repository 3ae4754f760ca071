import type { TypePolicies } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

/**
 * Cursor pagination for every PostConnection field. Pages fetched with
 * `after: endCursor` are appended to the cached list, so "Load more" keeps
 * what is already on screen. `first` and `after` are not cache keys: there is
 * one list per field and parent object.
 */
export const postPaginationPolicies: TypePolicies = {
  Query: {
    fields: {
      posts: relayStylePagination([]),
      reportedPosts: relayStylePagination([]),
    },
  },
  User: {
    fields: {
      posts: relayStylePagination([]),
    },
  },
};
