import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium, type BrowserContext, type Page } from "playwright-core";

import { OUTPUT_DIR } from "./stack";

const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh user data directory, so each session has its
 * own cookies and localStorage: one signed-in user per session.
 */
export async function openBrowserSession(options: { width?: number } = {}): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), "noticeboard-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1200, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the dev issuer's login page, starting from the app's "Sign in" button. */
export async function signInAs(page: Page, appUrl: string, userName: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole("banner").getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${escapeRegExp(userName)}`) }).click();
  await page.waitForURL((url) => url.origin === new URL(appUrl).origin && !url.searchParams.has("code"));
  await page.getByTestId("signed-in-as").filter({ hasText: userName }).waitFor();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
