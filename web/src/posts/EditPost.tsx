import { useMutation, useQuery } from "@apollo/client/react";
import { withAuthenticationRequired } from "@auth0/auth0-react";
import { Link, useNavigate, useParams } from "react-router";

import { AuthContext } from "../auth/auth-context";
import { graphql } from "../gql";
import { EmptyState } from "../ui/EmptyState";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { PageHeading } from "../ui/PageHeading";
import { PostForm } from "./PostForm";

const EditPostQuery = graphql(`
  query EditPostQuery($id: ID!) {
    post(id: $id) {
      id
      title
      body
      viewerCanEdit
    }
  }
`);

const EditPostUpdateMutation = graphql(`
  mutation EditPostUpdateMutation($id: ID!, $input: UpdatePostInput!) {
    updatePost(id: $id, input: $input) {
      id
      title
      body
      updatedAt
      viewerCanEdit
    }
  }
`);

function EditPost() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(EditPostQuery, { variables: { id } });
  const [updatePost, update] = useMutation(EditPostUpdateMutation);

  if (loading && !data) {
    return <LoadingState label="Loading the post…" />;
  }
  if (error && !data) {
    return <ErrorNotice title="Could not load the post." error={error} onRetry={() => void refetch()} />;
  }

  const post = data?.post;
  if (!post) {
    return (
      <section className="page page--narrow">
        <PageHeading title="Post not found" />
        <EmptyState title="This post does not exist or was deleted.">
          <Link to="/">Back to the feed</Link>
        </EmptyState>
      </section>
    );
  }

  if (!post.viewerCanEdit) {
    return (
      <section className="page page--narrow">
        <PageHeading title="You cannot edit this post" />
        <p className="notice">Only the author or a moderator can edit this post.</p>
        <Link to={`/posts/${post.id}`}>Back to the post</Link>
      </section>
    );
  }

  return (
    <section className="page page--narrow">
      <PageHeading title="Edit post" />
      {update.error ? <ErrorNotice title="The changes were not saved." error={update.error} /> : null}
      <PostForm
        initialValues={{ title: post.title, body: post.body }}
        submitLabel="Save changes"
        submitting={update.loading}
        onSubmit={(input) => {
          void updatePost({ variables: { id: post.id, input } })
            .then(() => navigate(`/posts/${post.id}`))
            .catch(() => {
              // `update.error` renders the failure.
            });
        }}
      />
    </section>
  );
}

const ProtectedEditPost = withAuthenticationRequired(EditPost, {
  context: AuthContext,
  onRedirecting: () => <LoadingState label="Redirecting to sign-in…" />,
});

export { ProtectedEditPost as EditPost };
