
import { useAuth } from "../auth/auth-context";
import { useSession } from "../auth/session-context";

/** Notices about the sign-in as a whole: an expired session, an unreachable issuer, a failed sign-in, a sign-out in another tab. */
export function SessionBanner() {
  const { problem, dismissProblem, signIn } = useSession();
  const { error: signInError } = useAuth();

  if (problem === "session-expired") {
    return (
      <div className="banner banner--warning" role="alert">
        <p>Your session has ended. Sign in again to continue.</p>
        <button type="button" className="button" onClick={() => void signIn()}>
          Sign in again
        </button>
      </div>
    );
  }

  if (problem === "auth-unavailable") {
    return (
      <div className="banner banner--warning" role="alert">
        <p>We cannot verify sign-ins right now. Try again in a moment.</p>
        <button type="button" className="button button--secondary" onClick={dismissProblem}>
          Dismiss
        </button>
      </div>
    );
  }

  if (problem === "signed-out-elsewhere") {
    return (
      <div className="banner" role="status">
        <p>You signed out in another tab.</p>
        <button type="button" className="button button--secondary" onClick={dismissProblem}>
          Dismiss
        </button>
      </div>
    );
  }

  if (signInError) {
    return (
      <div className="banner banner--error" role="alert">
        <p>Sign-in failed: {signInError.message}</p>
        <button type="button" className="button" onClick={() => void signIn("/")}>
          Try signing in again
        </button>
      </div>
    );
  }

  return null;
}
