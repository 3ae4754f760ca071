import type { Response } from "express";
import { escapeHtml, sendPage } from "./pages.js";
import { SEEDED_USERS, USER_ID_PATTERN } from "./users.js";

export interface LoginPageOptions {
  /** Id of the pending authorization request that the forms post back. */
  transactionId: string;
  clientId: string;
  loginHint: string | undefined;
  /** The origin that the sign-in redirects to, which the form-action policy must allow. */
  redirectOrigin: string;
  /** A problem with the previous submission, shown above the forms. */
  problem?: string;
}

/**
 * Sends the login page. Each seeded user has its own button labelled
 * "Sign in as <name>", so people and browser tests find it by role and name.
 */
export function sendLoginPage(response: Response, options: LoginPageOptions): void {
  const hint = options.loginHint;
  const hintIsSeeded = SEEDED_USERS.some((user) => user.sub === hint);
  const transactionField = `<input type="hidden" name="transaction" value="${escapeHtml(options.transactionId)}">`;

  // aria-label keeps each button's accessible name exactly "Sign in as <name>",
  // and the id and permissions become its description instead.
  const userButtons = SEEDED_USERS.map((user, index) => {
    const hinted = user.sub === hint;
    const permissions = user.permissions.length > 0 ? `permissions: ${user.permissions.join(", ")}` : "no permissions";
    const label = `Sign in as ${user.name}`;
    const detailId = `seeded-user-${index}-detail`;
    return `<li><button type="submit" name="user" value="${escapeHtml(user.sub)}" aria-label="${escapeHtml(label)}" aria-describedby="${detailId}"${hinted ? ' class="hinted" autofocus' : ""}>
  <img src="${escapeHtml(user.picture)}" alt="">
  <span>${escapeHtml(label)}<span class="detail" id="${detailId}">${escapeHtml(user.sub)} · ${escapeHtml(permissions)}</span></span>
</button></li>`;
  }).join("\n");

  const customValue = hint !== undefined && !hintIsSeeded ? hint : "";
  const problem =
    options.problem === undefined ? "" : `<p class="notice" role="alert">${escapeHtml(options.problem)}</p>`;

  const body = `<h1>Sign in to Noticeboard</h1>
<p class="muted">Client <code>${escapeHtml(options.clientId)}</code></p>
<p class="notice">Local development issuer: there are no passwords, and anyone who opens this page can sign in as any user.</p>
${problem}
<h2 id="seeded-heading">Development users</h2>
<form method="post" action="/login" aria-labelledby="seeded-heading">
${transactionField}
<ul class="users">
${userButtons}
</ul>
</form>
<h2 id="custom-heading">Another user</h2>
<form method="post" action="/login" class="custom" aria-labelledby="custom-heading">
${transactionField}
<label for="custom-user-id">User id</label>
<input id="custom-user-id" name="custom_user_id" required pattern="${escapeHtml(USER_ID_PATTERN.source.slice(1, -1))}"
  placeholder="dev|carol" value="${escapeHtml(customValue)}" autocomplete="off"${customValue !== "" ? " autofocus" : ""}>
<label for="custom-name">Display name (optional)</label>
<input id="custom-name" name="custom_name" maxlength="80" placeholder="Carol Example" autocomplete="off">
<button type="submit" name="user" value="custom" class="primary">Sign in with this user id</button>
</form>
<form method="post" action="/login">
${transactionField}
<button type="submit" name="action" value="cancel" class="link">Cancel and return to the app</button>
</form>`;

  sendPage(response, {
    status: options.problem === undefined ? 200 : 400,
    title: "Sign in · Noticeboard development issuer",
    body,
    formTargets: [options.redirectOrigin],
  });
}
