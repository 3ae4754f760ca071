import { useSession } from "../auth/session-context";
import { classifyError } from "../errors/classify-error";

interface ErrorNoticeProps {
  error: unknown;
  /** Shown as a "Try again" button when the error may go away on a retry. */
  onRetry?: () => void;
  /** Prefix such as "Could not load the feed." */
  title?: string;
}

/** Explains an error in the user's terms and offers the action that can fix it. */
export function ErrorNotice({ error, onRetry, title }: ErrorNoticeProps) {
  const { signIn } = useSession();
  const classified = classifyError(error);
  const needsSignIn = classified.kind === "unauthenticated" || classified.kind === "session-expired";

  return (
    <div className="notice notice--error" role="alert">
      {title ? <p className="notice__title">{title}</p> : null}
      <p>{classified.message}</p>
      <div className="notice__actions">
        {classified.retryable && onRetry ? (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        ) : null}
        {needsSignIn ? (
          <button type="button" className="button" onClick={() => void signIn()}>
            Sign in
          </button>
        ) : null}
      </div>
    </div>
  );
}
