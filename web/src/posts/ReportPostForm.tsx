import { useMutation } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";

import { graphql } from "../gql";
import { ErrorNotice } from "../ui/ErrorNotice";

// The API trims the reason and takes 1 to 500 characters.
const REASON_MAX = 500;

const ReportPostFormMutation = graphql(`
  mutation ReportPostFormMutation($id: ID!, $reason: String!) {
    reportPost(id: $id, reason: $reason) {
      id
      reason
      createdAt
    }
  }
`);

/** Lets a signed-in reader report a post to the moderators, once per post. */
export function ReportPostForm({ postId }: { postId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [reportPost, { loading, error, data }] = useMutation(ReportPostFormMutation);

  if (data) {
    return (
      <p className="notice notice--success" role="status">
        Thank you. The moderators will review this post.
      </p>
    );
  }

  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        Report
      </button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length === 0 || trimmed.length > REASON_MAX) {
      setInvalid(true);
      return;
    }
    void reportPost({ variables: { id: postId, reason: trimmed } }).catch(() => {
      // `error` from useMutation renders the failure.
    });
  };

  return (
    <form className="form report-form" onSubmit={submit} noValidate aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} className="report-form__title">
        Report this post
      </p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why should a moderator look at it?</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          value={reason}
          maxLength={REASON_MAX}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={`${id}-reason-hint`}
          autoFocus
        />
        <p id={`${id}-reason-hint`} className={invalid ? "field__error" : "field__hint"}>
          {invalid ? `Give a reason of 1 to ${REASON_MAX} characters.` : `Up to ${REASON_MAX} characters.`}
        </p>
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={loading}>
          {loading ? "Sending…" : "Send report"}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
