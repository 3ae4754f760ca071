import { useMutation } from "@apollo/client/react";

import { graphql } from "../gql";
import { ErrorNotice } from "../ui/ErrorNotice";

const DismissReportsButtonMutation = graphql(`
  mutation DismissReportsButtonMutation($id: ID!) {
    dismissReports(id: $id) {
      id
      reportCount
    }
  }
`);

/** Clears a post's reports after review, keeping the post, and reloads the queue. */
export function DismissReportsButton({ postId }: { postId: string }) {
  const [dismissReports, { loading, error }] = useMutation(DismissReportsButtonMutation, {
    variables: { id: postId },
    refetchQueries: ["ReportedPostListQuery"],
    awaitRefetchQueries: true,
  });

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={loading}
        onClick={() => {
          void dismissReports().catch(() => {
            // `error` from useMutation renders the failure.
          });
        }}
      >
        {loading ? "Dismissing…" : "Keep post, dismiss reports"}
      </button>
      {error ? <ErrorNotice title="Could not dismiss the reports." error={error} /> : null}
    </>
  );
}
