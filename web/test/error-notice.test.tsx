import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { SessionContext, type Session } from "../src/auth/session-context";
import { ErrorNotice } from "../src/ui/ErrorNotice";

function renderNotice(error: unknown, onRetry?: () => void) {
  const session: Session = {
    problem: null,
    dismissProblem: vi.fn(),
    signIn: vi.fn().mockResolvedValue(undefined),
    signOut: vi.fn().mockResolvedValue(undefined),
  };
  render(
    <SessionContext.Provider value={session}>
      <ErrorNotice error={error} onRetry={onRetry} />
    </SessionContext.Provider>,
  );
  return session;
}

describe("ErrorNotice", () => {
  it("offers a retry after a network failure", async () => {
    const onRetry = vi.fn();
    renderNotice(new TypeError("Failed to fetch"), onRetry);

    expect(screen.getByRole("alert").textContent).toContain("Cannot reach the server");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("names the permission on FORBIDDEN", () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'Missing permission "moderate:posts".', extensions: { code: "FORBIDDEN" } }],
    });
    renderNotice(error, vi.fn());

    expect(screen.getByRole("alert").textContent).toContain('You need the "moderate:posts" permission');
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("offers sign-in on UNAUTHENTICATED", async () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: "Sign in first.", extensions: { code: "UNAUTHENTICATED" } }],
    });
    const session = renderNotice(error);

    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(session.signIn).toHaveBeenCalledTimes(1);
  });
});
