import type { ReactNode } from "react";

import { Timestamp } from "../ui/Timestamp";

/**
 * Renders the line under a post's title: author and date, then any extra
 * items (an edit date, a report count), each after a separator.
 */
export function PostByline({ author, createdAt, extras = [] }: { author: string; createdAt: string; extras?: ReactNode[] }) {
  return (
    <p className="post-meta">
      <span className="post-meta__author">{author}</span>
      <span aria-hidden="true"> · </span>
      <Timestamp value={createdAt} />
      {extras.map((extra, index) => (
        <span key={index}>
          <span aria-hidden="true"> · </span>
          {extra}
        </span>
      ))}
    </p>
  );
}
