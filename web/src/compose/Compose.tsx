import { useMutation } from "@apollo/client/react";
import { withAuthenticationRequired } from "@auth0/auth0-react";
import { useNavigate } from "react-router";

import { AuthContext } from "../auth/auth-context";
import { graphql } from "../gql";
import { PostForm } from "../posts/PostForm";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { PageHeading } from "../ui/PageHeading";

const ComposeCreatePostMutation = graphql(`
  mutation ComposeCreatePostMutation($input: CreatePostInput!) {
    createPost(input: $input) {
      id
      title
      body
      createdAt
      updatedAt
      viewerCanEdit
      author {
        id
        displayName
      }
    }
  }
`);

function Compose() {
  const navigate = useNavigate();
  const [createPost, { loading, error }] = useMutation(ComposeCreatePostMutation, {
    update(cache) {
      // The new post belongs at the top of every post list; dropping the
      // cached lists makes them load again, newest first, when shown.
      cache.evict({ id: "ROOT_QUERY", fieldName: "posts" });
      cache.gc();
    },
  });

  return (
    <section className="page page--narrow">
      <PageHeading title="Write a post" />
      {error ? <ErrorNotice title="The post was not published." error={error} /> : null}
      <PostForm
        submitLabel="Publish"
        submitting={loading}
        onSubmit={(input) => {
          void createPost({ variables: { input } })
            .then((result) => {
              const id = result.data?.createPost.id;
              if (id) {
                navigate(`/posts/${id}`);
              }
            })
            .catch(() => {
              // `error` from useMutation renders the failure.
            });
        }}
      />
    </section>
  );
}

const ProtectedCompose = withAuthenticationRequired(Compose, {
  context: AuthContext,
  onRedirecting: () => <LoadingState label="Redirecting to sign-in…" />,
});

export { ProtectedCompose as Compose };
