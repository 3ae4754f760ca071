import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";

import { graphql } from "../gql";
import { EmptyState } from "../ui/EmptyState";
import { ErrorNotice } from "../ui/ErrorNotice";
import { LoadingState } from "../ui/LoadingState";
import { PageHeading } from "../ui/PageHeading";
import { Timestamp } from "../ui/Timestamp";
import { PostByline } from "./PostByline";
import { PostActions } from "./PostActions";

const PostDetailQuery = graphql(`
  query PostDetailQuery($id: ID!) {
    post(id: $id) {
      id
      title
      body
      createdAt
      updatedAt
      author {
        id
        displayName
      }
      ...PostActions_post
    }
  }
`);

const EDIT_THRESHOLD_MS = 1000;

export function PostDetail() {
  const { id = "" } = useParams();
  const { data, error, loading, refetch } = useQuery(PostDetailQuery, { variables: { id } });
  const post = data?.post;

  if (loading && !data) {
    return <LoadingState label="Loading the post…" />;
  }
  if (error && !data) {
    return <ErrorNotice title="Could not load the post." error={error} onRetry={() => void refetch()} />;
  }
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

  // On create the API may set the two timestamps a few milliseconds apart.
  const edited = Date.parse(post.updatedAt) - Date.parse(post.createdAt) > EDIT_THRESHOLD_MS;

  return (
    <article className="page page--narrow post-detail" aria-labelledby="post-detail-title">
      <p className="back-link">
        <Link to="/">← All posts</Link>
      </p>
      <header>
        <PageHeading title={post.title} id="post-detail-title" />
        <PostByline
          author={post.author.displayName}
          createdAt={post.createdAt}
          extras={edited ? [<Timestamp value={post.updatedAt} prefix="edited" />] : []}
        />
      </header>
      <div className="post-detail__body">
        {post.body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <PostActions post={post} />
    </article>
  );
}
