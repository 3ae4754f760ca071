import type { FragmentType } from "@apollo/client";
import { useFragment } from "@apollo/client/react";
import { Link, useNavigate } from "react-router";

import { useAuth } from "../auth/auth-context";
import { useSession } from "../auth/session-context";
import { graphql } from "../gql";
import { DeletePostButton } from "./DeletePostButton";
import { ReportPostForm } from "./ReportPostForm";

export const PostActions_post = graphql(`
  fragment PostActions_post on Post {
    id
    title
    viewerCanEdit
    viewerHasReported
  }
`);

/**
 * Edit, delete and report controls. Readers who may not edit see why, so a
 * missing button is never a mystery.
 */
export function PostActions({ post }: { post: FragmentType<typeof PostActions_post> }) {
  const { isAuthenticated } = useAuth();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const { data, complete } = useFragment({ fragment: PostActions_post, from: post });
  if (!complete) {
    return null;
  }

  if (!isAuthenticated) {
    return (
      <div className="post-actions">
        <p className="post-actions__note">Sign in to report this post.</p>
        <button type="button" className="button button--secondary" onClick={() => void signIn()}>
          Sign in
        </button>
      </div>
    );
  }

  return (
    <div className="post-actions">
      {data.viewerCanEdit ? (
        <div className="post-actions__row">
          <Link className="button button--secondary" to={`/posts/${data.id}/edit`}>
            Edit
          </Link>
          <DeletePostButton postId={data.id} postTitle={data.title} onDeleted={() => navigate("/", { replace: true })} />
        </div>
      ) : (
        <p className="post-actions__note">Only the author or a moderator can edit or delete this post.</p>
      )}
      {data.viewerHasReported ? (
        <p className="post-actions__note">You reported this post. The moderators will review it.</p>
      ) : (
        <ReportPostForm postId={data.id} />
      )}
    </div>
  );
}
