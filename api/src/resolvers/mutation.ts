import type { Principal } from "../auth/principal.js";
import { isUuid } from "../data/cursor.js";
import { deletePost, insertPost, updatePost } from "../data/posts.js";
import { deleteReportsOfPost, insertReport } from "../data/reports.js";
import type { PostRow } from "../data/rows.js";
import { SqlState, sqlStateOf } from "../data/sql-state.js";
import { setChosenDisplayName, upsertUser } from "../data/users.js";
import type { RequestContext } from "../context.js";
import { badUserInputError, forbiddenError, notFoundError, unauthenticatedError } from "../errors.js";
import type { MutationResolvers } from "../generated/resolvers-types.js";
import { checkText, textLimits } from "../validation/text-input.js";
import { mayEditPost, moderatePermission } from "./types.js";

type SignedIn = Extract<Principal, { kind: "user" }>;

/** @auth runs first; this only narrows the type for the compiler, and guards a schema edit that drops it. */
function signedIn(principal: Principal, coordinate: string): SignedIn {
  if (principal.kind !== "user") throw unauthenticatedError(coordinate);
  return principal;
}

function postNotFound(id: string) {
  return notFoundError(`No post has the id ${JSON.stringify(id)}. It may have been deleted; reload the list of posts.`);
}

/** Loads a post the caller wants to change and checks that they may. */
async function loadEditablePost(context: RequestContext, id: string, action: "update" | "delete"): Promise<PostRow> {
  const post = isUuid(id) ? await context.loaders.postById.load(id.toLowerCase()) : null;
  if (post === null) throw postNotFound(id);
  if (!mayEditPost(context.principal, post.authorId)) {
    throw forbiddenError(
      `Only the author of post ${post.id} or a caller with the permission ${moderatePermission} may ${action} it.`,
    );
  }
  return post;
}

export const Mutation: MutationResolvers = {
  async createPost(_parent, { input }, { db, principal }) {
    const caller = signedIn(principal, "Mutation.createPost");
    const title = checkText(input.title, "input.title", textLimits.title);
    const body = checkText(input.body, "input.body", textLimits.body);

    return db.transaction(async (tx) => {
      await upsertUser(tx, caller);
      return insertPost(tx, caller.sub, title, body);
    });
  },

  async updatePost(_parent, { id, input }, context) {
    const caller = signedIn(context.principal, "Mutation.updatePost");
    const title = input.title == null ? undefined : checkText(input.title, "input.title", textLimits.title);
    const body = input.body == null ? undefined : checkText(input.body, "input.body", textLimits.body);
    if (title === undefined && body === undefined) {
      throw badUserInputError("input", "input must change the title, the body or both.");
    }

    const post = await loadEditablePost(context, id, "update");
    const updated = await context.db.transaction(async (tx) => {
      await upsertUser(tx, caller);
      return updatePost(tx, post.id, { title, body });
    });
    if (updated === undefined) throw postNotFound(id);
    return updated;
  },

  async deletePost(_parent, { id }, context) {
    signedIn(context.principal, "Mutation.deletePost");
    const post = await loadEditablePost(context, id, "delete");
    const deleted = await deletePost(context.db, post.id);
    if (!deleted) throw postNotFound(id);
    context.logger.info({ event: "post_deleted", postId: post.id, authorId: post.authorId }, "deleted a post");
    return post.id;
  },

  async reportPost(_parent, { id, reason }, { db, loaders, principal }) {
    const caller = signedIn(principal, "Mutation.reportPost");
    const text = checkText(reason, "reason", textLimits.reason);
    const post = isUuid(id) ? await loaders.postById.load(id.toLowerCase()) : null;
    if (post === null) throw postNotFound(id);

    try {
      return await db.transaction(async (tx) => {
        await upsertUser(tx, caller);
        return insertReport(tx, post.id, caller.sub, text);
      });
    } catch (error) {
      const state = sqlStateOf(error);
      if (state === SqlState.UniqueViolation) {
        throw badUserInputError("id", "You have already reported this post. Each caller may report a post once; moderators will review it.");
      }
      if (state === SqlState.ForeignKeyViolation) throw postNotFound(id);
      throw error;
    }
  },

  async dismissReports(_parent, { id }, context) {
    const post = isUuid(id) ? await context.loaders.postById.load(id.toLowerCase()) : null;
    if (post === null) throw postNotFound(id);
    const dismissed = await deleteReportsOfPost(context.db, post.id);
    context.logger.info({ event: "reports_dismissed", postId: post.id, dismissed }, "dismissed the reports of a post");
    context.loaders.reportCountByPostId.clear(post.id).prime(post.id, 0);
    context.loaders.recentReportsByPostId.clear(post.id).prime(post.id, []);
    return post;
  },

  async setDisplayName(_parent, { displayName }, { db, principal }) {
    const caller = signedIn(principal, "Mutation.setDisplayName");
    const name = displayName == null ? null : checkText(displayName, "displayName", textLimits.displayName);
    return setChosenDisplayName(db, caller, name);
  },
};
