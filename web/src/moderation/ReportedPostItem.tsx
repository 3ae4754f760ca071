import type { FragmentType } from "@apollo/client";
import { useFragment } from "@apollo/client/react";
import { Link } from "react-router";

import { graphql } from "../gql";
import { DeletePostButton } from "../posts/DeletePostButton";
import { DismissReportsButton } from "./DismissReportsButton";
import { PostByline } from "../posts/PostByline";
import { Timestamp } from "../ui/Timestamp";

export const ReportedPostItem_post = graphql(`
  fragment ReportedPostItem_post on Post {
    id
    title
    body
    createdAt
    reportCount
    author {
      id
      displayName
    }
    reports {
      id
      reason
      createdAt
      reporter {
        id
        displayName
      }
    }
  }
`);

export function ReportedPostItem({ post }: { post: FragmentType<typeof ReportedPostItem_post> }) {
  const { data, complete } = useFragment({ fragment: ReportedPostItem_post, from: post });
  if (!complete) {
    return null;
  }

  return (
    <article className="post-card post-card--reported" aria-labelledby={`reported-${data.id}`}>
      <h2 className="post-card__title" id={`reported-${data.id}`}>
        <Link to={`/posts/${data.id}`}>{data.title}</Link>
      </h2>
      <PostByline
        author={data.author.displayName}
        createdAt={data.createdAt}
        extras={[
          <span className="badge">
            {data.reportCount === null ? "reports hidden" : `${data.reportCount} ${data.reportCount === 1 ? "report" : "reports"}`}
          </span>,
        ]}
      />
      <p className="post-card__body">{data.body}</p>
      {data.reports && data.reports.length > 0 ? (
        <ul className="report-list" aria-label={`Reports of "${data.title}"`}>
          {data.reports.map((report) => (
            <li key={report.id}>
              <q>{report.reason}</q> <span className="muted">— {report.reporter.displayName}, <Timestamp value={report.createdAt} /></span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="post-actions__row">
        <DismissReportsButton postId={data.id} />
        <DeletePostButton postId={data.id} postTitle={data.title} />
      </div>
    </article>
  );
}
