import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Page } from "playwright-core";

import { openBrowserSession, saveScreenshot, signInAs, type BrowserSession } from "./browser";
import { startStack, type Stack } from "./stack";

const POST_TITLE = `Bike found near the station ${Date.now()}`;
const POST_BODY = "A blue city bike was left at the north entrance.\n\nAsk at the kiosk to collect it.";
function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

const ONLY_AUTHOR_NOTE = "Only the author or a moderator can edit or delete this post.";

// The flows build on each other (Alice's post is judged by Bob, then deleted
// by Maya), so they run in order and share the stack and Alice's browser.
describe("Noticeboard in Chromium", () => {
  let stack: Stack;
  let alice: BrowserSession;
  let postUrl = "";

  beforeAll(async () => {
    stack = await startStack();
    alice = await openBrowserSession();
  });

  afterAll(async () => {
    await alice?.close();
    await stack?.stop();
  });

  it("shows the feed to anonymous readers without compose", async () => {
    const { page } = alice;
    await page.goto(stack.appUrl);

    await page.getByRole("heading", { level: 1, name: "Latest posts" }).waitFor();
    expect(await mainNav(page).getByRole("link", { name: "Write" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Sign in to write a post" }).isVisible()).toBe(true);
    await saveScreenshot(page, "01-anonymous-feed");

    // Opening the compose page directly leads to sign-in, not to the form.
    await page.goto(`${stack.appUrl}/compose`);
    await page.waitForURL((url) => url.origin === new URL(stack.issuer.url).origin);
    expect(await page.getByRole("button", { name: /^Sign in as Alice Example/ }).isVisible()).toBe(true);
    await saveScreenshot(page, "01-anonymous-compose-redirect");
  });

  it("signs in as Alice through the issuer's login page", async () => {
    const { page } = alice;
    await signInAs(page, stack.appUrl, "Alice Example");

    expect(await mainNav(page).getByRole("link", { name: "Write" }).isVisible()).toBe(true);
    expect(await mainNav(page).getByRole("link", { name: "Reported" }).count()).toBe(0);
    await saveScreenshot(page, "02-signed-in-alice");
  });

  it("publishes a post with the author's name", async () => {
    const { page } = alice;
    await mainNav(page).getByRole("link", { name: "Write" }).click();
    await page.getByLabel("Title").fill(POST_TITLE);
    await page.getByLabel("Text").fill(POST_BODY);
    await page.getByRole("button", { name: "Publish" }).click();

    await page.getByRole("heading", { level: 1, name: POST_TITLE }).waitFor();
    postUrl = page.url();
    expect(postUrl).toMatch(/\/posts\/[^/]+$/);
    expect(await page.locator(".post-detail .post-meta__author").textContent()).toBe("Alice Example");
    expect(await page.getByRole("link", { name: "Edit", exact: true }).isVisible()).toBe(true);

    await page.getByRole("link", { name: "← All posts" }).click();
    const card = page.getByRole("article").filter({ hasText: POST_TITLE });
    await card.waitFor();
    expect(await card.locator(".post-meta__author").textContent()).toBe("Alice Example");
    await saveScreenshot(page, "03-post-in-feed");
  });

  it("keeps the session across a reload", async () => {
    const { page } = alice;
    await page.goto(postUrl);
    await page.reload();

    await page.getByTestId("signed-in-as").filter({ hasText: "Alice Example" }).waitFor();
    expect(await page.getByRole("link", { name: "Edit", exact: true }).isVisible()).toBe(true);
    await saveScreenshot(page, "04-reload-keeps-session");
  });

  it("tells another user why they cannot edit", async () => {
    const bob = await openBrowserSession({ width: 390 });
    try {
      const { page } = bob;
      await signInAs(page, stack.appUrl, "Bob Example");
      await page.goto(postUrl);

      await page.getByRole("heading", { level: 1, name: POST_TITLE }).waitFor();
      expect(await page.getByText(ONLY_AUTHOR_NOTE).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Delete" }).count()).toBe(0);

      // Bob reports the post, which puts it in the moderators' queue.
      await page.getByRole("button", { name: "Report" }).click();
      await page.getByLabel("Why should a moderator look at it?").fill("Looks like an advert.");
      await page.getByRole("button", { name: "Send report" }).click();
      await page.getByText("Thank you. The moderators will review this post.").waitFor();
      await saveScreenshot(page, "05-other-user-cannot-edit");
    } finally {
      await bob.close();
    }
  });

  it("lets a moderator delete the post", async () => {
    const maya = await openBrowserSession();
    try {
      const { page } = maya;
      await signInAs(page, stack.appUrl, "Maya Moderator");
      await mainNav(page).getByRole("link", { name: "Reported" }).click();
      // React Router navigates in a transition, so the feed (which lists the
      // same post) stays on screen until the lazily loaded queue is ready.
      await page.getByRole("heading", { level: 1, name: "Reported posts" }).waitFor();

      const item = page.getByRole("list", { name: "Reported posts" }).getByRole("article").filter({ hasText: POST_TITLE });
      await item.waitFor();
      expect(await item.getByText("1 report").isVisible()).toBe(true);
      await saveScreenshot(page, "06-moderation-queue");

      await item.getByRole("button", { name: "Delete" }).click();
      await item.getByRole("button", { name: "Yes, delete" }).click();
      await item.waitFor({ state: "detached" });

      await page.goto(postUrl);
      await page.getByRole("heading", { level: 1, name: "Post not found" }).waitFor();
      await saveScreenshot(page, "06-moderator-deleted");
    } finally {
      await maya.close();
    }
  });

  it("signs out every tab and leaves no private data", async () => {
    const { context, page } = alice;
    await page.goto(`${stack.appUrl}/profile`);
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();

    const otherTab = await context.newPage();
    await otherTab.goto(`${stack.appUrl}/profile`);
    await otherTab.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.origin === new URL(stack.appUrl).origin && url.pathname === "/");
    await page.getByRole("banner").getByRole("button", { name: "Sign in" }).waitFor();

    // The other tab got the broadcast: it left the profile for the feed and is signed out.
    await otherTab.getByText("You signed out in another tab.").waitFor();
    expect(new URL(otherTab.url()).pathname).toBe("/");
    expect(await otherTab.getByRole("banner").getByRole("button", { name: "Sign in" }).isVisible()).toBe(true);
    for (const tab of [page, otherTab]) {
      const text = (await tab.locator("body").textContent()) ?? "";
      expect(text).not.toContain("Alice Example");
      expect(text).not.toContain("dev|alice");
      const storedKeys = await tab.evaluate(() => Object.keys(window.localStorage));
      expect(storedKeys.filter((key) => key.startsWith("@@auth0spajs@@"))).toEqual([]);
    }
    await saveScreenshot(page, "07-signed-out");
    await saveScreenshot(otherTab, "07-signed-out-other-tab");

    // Nothing cached for Alice can be shown: the profile page requires a new sign-in.
    await otherTab.goto(`${stack.appUrl}/profile`);
    await otherTab.waitForURL((url) => url.origin === new URL(stack.issuer.url).origin);
  });
});
