import { useQuery } from "@apollo/client/react";
import { withAuthenticationRequired } from "@auth0/auth0-react";

import { AuthContext } from "../auth/auth-context";
import { MODERATE_POSTS } from "../auth/permissions";
import { graphql } from "../gql";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { PageHeading } from "../ui/PageHeading";
import { ReportedPostList } from "./ReportedPostList";

const ModerationQuery = graphql(`
  query ModerationQuery {
    viewer {
      permissions
    }
  }
`);

/**
 * Renders the moderators' review queue. The navigation hides the entry from others.
 * Someone who opens the address anyway gets a message naming the missing
 * permission, and the app sends no request for the reported posts.
 */
function Moderation() {
  const { data, error, loading, refetch } = useQuery(ModerationQuery);

  let content;
  if (loading && !data) {
    content = <LoadingState label="Checking your permissions…" />;
  } else if (error && !data) {
    content = <ErrorNotice error={error} onRetry={() => void refetch()} />;
  } else if (!data?.viewer?.permissions.includes(MODERATE_POSTS)) {
    content = (
      <p className="notice notice--error" role="alert">
        You need the "{MODERATE_POSTS}" permission to review reported posts.
      </p>
    );
  } else {
    content = <ReportedPostList />;
  }

  return (
    <section className="page">
      <PageHeading title="Reported posts" />
      {content}
    </section>
  );
}

const ProtectedModeration = withAuthenticationRequired(Moderation, {
  context: AuthContext,
  onRedirecting: () => <LoadingState label="Redirecting to sign-in…" />,
});

export { ProtectedModeration as Moderation };
