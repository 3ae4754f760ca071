import type { FragmentType } from "@apollo/client";
import { useFragment } from "@apollo/client/react";
import { Link } from "react-router";

import { graphql } from "../gql";
import { PostByline } from "./PostByline";

export const PostCard_post = graphql(`
  fragment PostCard_post on Post {
    id
    title
    body
    createdAt
    author {
      id
      displayName
    }
  }
`);

const EXCERPT_LENGTH = 280;

/** Renders one post in a list: title linking to the post, author, date and the start of the body. */
export function PostCard({ post }: { post: FragmentType<typeof PostCard_post> }) {
  const { data, complete } = useFragment({ fragment: PostCard_post, from: post });
  if (!complete) {
    return null;
  }

  const excerpt = data.body.length > EXCERPT_LENGTH ? `${data.body.slice(0, EXCERPT_LENGTH).trimEnd()}…` : data.body;

  return (
    <article className="post-card" aria-labelledby={`post-${data.id}-title`}>
      <h2 className="post-card__title" id={`post-${data.id}-title`}>
        <Link to={`/posts/${data.id}`}>{data.title}</Link>
      </h2>
      <PostByline author={data.author.displayName} createdAt={data.createdAt} />
      <p className="post-card__body">{excerpt}</p>
    </article>
  );
}
