import type { FragmentType } from "@apollo/client";
import { useFragment, useMutation } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";

import { graphql } from "../gql";
import { ErrorNotice } from "../ui/ErrorNotice";

// The API trims the name and takes 1 to 60 characters; null resets it.
const NAME_MAX = 60;

export const DisplayNameForm_user = graphql(`
  fragment DisplayNameForm_user on User {
    id
    displayName
  }
`);

const DisplayNameFormMutation = graphql(`
  mutation DisplayNameFormMutation($displayName: String) {
    setDisplayName(displayName: $displayName) {
      id
      displayName
    }
  }
`);

/** Edits the name shown on the user's posts, or resets it to the sign-in name. */
export function DisplayNameForm({ user }: { user: FragmentType<typeof DisplayNameForm_user> }) {
  const id = useId();
  const { data, complete } = useFragment({ fragment: DisplayNameForm_user, from: user });
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const [setDisplayName, { loading, error }] = useMutation(DisplayNameFormMutation);

  if (!complete) {
    return null;
  }
  const value = draft ?? data.displayName;

  const save = (displayName: string | null) => {
    setSaved(false);
    void setDisplayName({ variables: { displayName } })
      .then(() => {
        setDraft(null);
        setSaved(true);
      })
      .catch(() => {
        // `error` from useMutation renders the failure.
      });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed.length === 0 || trimmed.length > NAME_MAX) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    save(trimmed);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Display name</label>
        <input
          id={`${id}-name`}
          value={value}
          maxLength={NAME_MAX}
          autoComplete="nickname"
          onChange={(event) => {
            setDraft(event.target.value);
            setSaved(false);
          }}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className={invalid ? "field__error" : "field__hint"}>
          {invalid ? `Use 1 to ${NAME_MAX} characters.` : "Shown on your posts."}
        </p>
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={loading}>
          {loading ? "Saving…" : "Save name"}
        </button>
        <button type="button" className="button button--secondary" disabled={loading} onClick={() => save(null)}>
          Use my sign-in name
        </button>
      </div>
      {saved ? (
        <p className="notice notice--success" role="status">
          Saved. Your posts now show “{data.displayName}”.
        </p>
      ) : null}
      {error ? <ErrorNotice title="The name was not saved." error={error} /> : null}
    </form>
  );
}
