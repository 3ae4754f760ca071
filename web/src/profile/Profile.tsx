import { useQuery } from "@apollo/client/react";
import { withAuthenticationRequired } from "@auth0/auth0-react";

import { AuthContext, useAuth } from "../auth/auth-context";
import { splitPermissions } from "../auth/permissions";
import { graphql } from "../gql";
import { PostCard } from "../posts/PostCard";
import { EmptyState } from "../ui/EmptyState";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { PageHeading } from "../ui/PageHeading";
import { DisplayNameForm } from "./DisplayNameForm";

const ProfileQuery = graphql(`
  query ProfileQuery {
    viewer {
      permissions
      user {
        id
        ...DisplayNameForm_user
        posts(first: 5) {
          edges {
            node {
              id
              ...PostCard_post
            }
          }
        }
      }
    }
  }
`);

/** Renders the signed-in user: display name, permissions and latest posts. */
function Profile() {
  const { user: idTokenUser } = useAuth();
  const { data, error, loading, refetch } = useQuery(ProfileQuery);

  let content;
  if (loading && !data) {
    content = <LoadingState label="Loading your profile…" />;
  } else if (error && !data) {
    content = <ErrorNotice title="Could not load your profile." error={error} onRetry={() => void refetch()} />;
  } else if (!data?.viewer) {
    content = <ErrorNotice title="Could not load your profile." error={error} onRetry={() => void refetch()} />;
  } else {
    const { viewer } = data;
    const granted = splitPermissions(viewer.permissions);
    content = (
      <>
        <section className="card" aria-labelledby="profile-account">
          <h2 id="profile-account">Account</h2>
          <dl className="details">
            <dt>User id</dt>
            <dd>
              <code>{viewer.user.id}</code>
            </dd>
            {idTokenUser?.email ? (
              <>
                <dt>Email</dt>
                <dd>{idTokenUser.email}</dd>
              </>
            ) : null}
          </dl>
          <DisplayNameForm user={viewer.user} />
        </section>

        <section className="card" aria-labelledby="profile-permissions">
          <h2 id="profile-permissions">Permissions</h2>
          {granted.permissions.length === 0 ? (
            <p>No special permissions. You can write, edit and delete your own posts and report others.</p>
          ) : (
            <ul className="tag-list">
              {granted.permissions.map((permission) => (
                <li key={permission}>
                  <code>{permission}</code>
                </li>
              ))}
            </ul>
          )}
          {granted.signInScopes.length > 0 ? (
            <p className="muted">
              Sign-in scopes in your token: {granted.signInScopes.join(", ")}.
            </p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="profile-posts">
          <h2 id="profile-posts">Your latest posts</h2>
          {viewer.user.posts.edges.length === 0 ? (
            <EmptyState title="You have not written any posts yet." />
          ) : (
            <ol className="post-list">
              {viewer.user.posts.edges.map((edge) => (
                <li key={edge.node.id}>
                  <PostCard post={edge.node} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </>
    );
  }

  return (
    <div className="page page--narrow">
      <PageHeading title="Your profile" />
      {content}
    </div>
  );
}

const ProtectedProfile = withAuthenticationRequired(Profile, {
  context: AuthContext,
  onRedirecting: () => <LoadingState label="Redirecting to sign-in…" />,
});

export { ProtectedProfile as Profile };
