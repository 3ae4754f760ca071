import type { ReportResolvers } from "../generated/resolvers-types.js";

export const Report: ReportResolvers = {
  async post(report, _args, { loaders }) {
    const post = await loaders.postById.load(report.postId);
    // reports.post_id cascades on delete, so a report never outlives its post.
    if (post === null) throw new Error(`Report ${report.id} points at missing post ${report.postId}`);
    return post;
  },

  async reporter(report, _args, { loaders }) {
    // reports.reporter_id references users, so the row exists.
    return (await loaders.userById.load(report.reporterId)) ?? { id: report.reporterId, displayName: null, tokenName: null };
  },
};
