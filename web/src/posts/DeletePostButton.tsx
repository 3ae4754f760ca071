import { useMutation } from "@apollo/client/react";
import { useState } from "react";

import { graphql } from "../gql";
import { ErrorNotice } from "../ui/ErrorNotice";

const DeletePostButtonMutation = graphql(`
  mutation DeletePostButtonMutation($id: ID!) {
    deletePost(id: $id)
  }
`);

interface DeletePostButtonProps {
  postId: string;
  postTitle: string;
  onDeleted?: () => void;
}

/** Deletes a post after a confirmation step and removes it from every cached list. */
export function DeletePostButton({ postId, postTitle, onDeleted }: DeletePostButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [deletePost, { loading, error }] = useMutation(DeletePostButtonMutation, {
    variables: { id: postId },
    update(cache, result) {
      const deletedId = result.data?.deletePost;
      if (deletedId) {
        cache.evict({ id: cache.identify({ __typename: "Post", id: deletedId }) });
        cache.gc();
      }
    },
  });

  if (!confirming) {
    return (
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }

  return (
    <div className="confirm" role="group" aria-label={`Confirm deleting "${postTitle}"`}>
      <p>Delete “{postTitle}” for everyone? This cannot be undone.</p>
      <div className="confirm__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={loading}
          onClick={() => {
            void deletePost()
              .then(() => onDeleted?.())
              .catch(() => {
                // `error` from useMutation renders the failure.
              });
          }}
        >
          {loading ? "Deleting…" : "Yes, delete"}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)} disabled={loading}>
          Cancel
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
