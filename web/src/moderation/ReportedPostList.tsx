import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { graphql } from "../gql";
import { EmptyState } from "../ui/EmptyState";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { ReportedPostItem } from "./ReportedPostItem";

const PAGE_SIZE = 20;

const ReportedPostListQuery = graphql(`
  query ReportedPostListQuery($first: Int!, $after: String) {
    reportedPosts(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...ReportedPostItem_post
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Posts with reports, most reported first. Only rendered for moderators. */
export function ReportedPostList() {
  const { data, error, loading, fetchMore, refetch } = useQuery(ReportedPostListQuery, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>(null);
  const connection = data?.reportedPosts;

  if (loading && !connection) {
    return <LoadingState label="Loading reported posts…" />;
  }
  if (error && !connection) {
    return <ErrorNotice title="Could not load the reported posts." error={error} onRetry={() => void refetch()} />;
  }
  if (!connection || connection.edges.length === 0) {
    return <EmptyState title="No reported posts. Nothing to review." />;
  }

  const loadMore = async () => {
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
    <>
      <ol className="post-list" aria-label="Reported posts">
        {connection.edges.map((edge) => (
          <li key={edge.node.id}>
            <ReportedPostItem post={edge.node} />
          </li>
        ))}
      </ol>
      {loadMoreError ? <ErrorNotice error={loadMoreError} onRetry={() => void loadMore()} /> : null}
      {connection.pageInfo.hasNextPage ? (
        <div className="load-more">
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </>
  );
}
