import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";

import { useAuth } from "../auth/auth-context";
import { useSession } from "../auth/session-context";
import { graphql } from "../gql";
import { PostCard } from "../posts/PostCard";
import { EmptyState } from "../ui/EmptyState";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { PageHeading } from "../ui/PageHeading";

export const PAGE_SIZE = 10;

const FeedQuery = graphql(`
  query FeedQuery($first: Int!, $after: String) {
    posts(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...PostCard_post
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Renders the public feed, newest first, with cursor-based "Load more". */
export function Feed() {
  const { isAuthenticated } = useAuth();
  const { signIn } = useSession();
  const { data, error, loading, fetchMore, refetch } = useQuery(FeedQuery, {
    variables: { first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const [loadMoreError, setLoadMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const connection = data?.posts;
  const edges = connection?.edges ?? [];

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) {
      return;
    }
    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } catch (caught) {
      setLoadMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-labelledby="feed-heading" className="page">
      <div className="page__header">
        <PageHeading title="Latest posts" id="feed-heading" />
        {isAuthenticated ? (
          <Link className="button" to="/compose">
            Write a post
          </Link>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => void signIn("/compose")}>
            Sign in to write a post
          </button>
        )}
      </div>

      {error && !connection ? (
        <ErrorNotice title="Could not load the feed." error={error} onRetry={() => void refetch()} />
      ) : null}

      {loading && !connection ? <LoadingState label="Loading posts…" /> : null}

      {connection && edges.length === 0 ? (
        <EmptyState title="No posts yet.">
          <p>{isAuthenticated ? "Be the first to write one." : "Sign in to write the first one."}</p>
        </EmptyState>
      ) : null}

      {edges.length > 0 ? (
        <ol className="post-list" aria-label="Posts">
          {edges.map((edge) => (
            <li key={edge.node.id}>
              <PostCard post={edge.node} />
            </li>
          ))}
        </ol>
      ) : null}

      {loadMoreError ? (
        <ErrorNotice title="Could not load more posts." error={loadMoreError} onRetry={() => void loadMore()} />
      ) : null}

      {connection?.pageInfo.hasNextPage ? (
        <div className="load-more">
          <button type="button" className="button button--secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
