import { useId, useState, type FormEvent } from "react";

// Limits from the API contract (schema.graphql), checked after trimming.
export const TITLE_MAX = 120;
export const BODY_MAX = 5000;

export interface PostFormValues {
  title: string;
  body: string;
}

interface PostFormProps {
  initialValues?: PostFormValues;
  submitLabel: string;
  submitting: boolean;
  onSubmit(values: PostFormValues): void;
}

/** Title and body fields with the API's length limits checked before sending. */
export function PostForm({ initialValues, submitLabel, submitting, onSubmit }: PostFormProps) {
  const id = useId();
  const [title, setTitle] = useState(initialValues?.title ?? "");
  const [body, setBody] = useState(initialValues?.body ?? "");
  const [showErrors, setShowErrors] = useState(false);

  const titleError = validateLength(title, TITLE_MAX, "Title");
  const bodyError = validateLength(body, BODY_MAX, "Text");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (titleError || bodyError) {
      setShowErrors(true);
      const firstInvalid = event.currentTarget.querySelector<HTMLElement>("[aria-invalid='true']");
      firstInvalid?.focus();
      return;
    }
    onSubmit({ title: title.trim(), body: body.trim() });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          name="title"
          value={title}
          maxLength={TITLE_MAX}
          onChange={(event) => setTitle(event.target.value)}
          aria-invalid={showErrors && titleError ? true : undefined}
          aria-describedby={`${id}-title-hint`}
          autoComplete="off"
        />
        <p id={`${id}-title-hint`} className={showErrors && titleError ? "field__error" : "field__hint"}>
          {showErrors && titleError ? titleError : `${title.trim().length} of ${TITLE_MAX} characters`}
        </p>
      </div>

      <div className="field">
        <label htmlFor={`${id}-body`}>Text</label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={8}
          value={body}
          maxLength={BODY_MAX}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={showErrors && bodyError ? true : undefined}
          aria-describedby={`${id}-body-hint`}
        />
        <p id={`${id}-body-hint`} className={showErrors && bodyError ? "field__error" : "field__hint"}>
          {showErrors && bodyError ? bodyError : `${body.trim().length} of ${BODY_MAX} characters`}
        </p>
      </div>

      <div className="form__actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}

function validateLength(value: string, max: number, label: string): string | null {
  const length = value.trim().length;
  if (length === 0) {
    return `${label} is required.`;
  }
  if (length > max) {
    return `${label} is ${length} characters long; the maximum is ${max}.`;
  }
  return null;
}
