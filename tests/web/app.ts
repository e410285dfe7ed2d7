/**
 * Driving the built web app (dist/web/) in headless Chromium: opened from
 * file://, every request recorded (a page request that is not one of the
 * app's own files, or any request a route sees — anything not file: — is a
 * failure), and the editor used through the keyboard as a user would.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium, type LaunchedBrowser } from "../extension/browser.js";
import { ROOT } from "../extension/screenshots.js";

export const WEB_DIR = join(ROOT, "dist", "web");
export const APP_URL = pathToFileURL(join(WEB_DIR, "index.html")).href;

export interface OpenedApp {
  readonly chromium: LaunchedBrowser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made (URLs). */
  readonly requests: string[];
  /** Requests that are neither the app's own files nor its Blob workers. */
  readonly foreign: string[];
  readonly errors: string[];
  close(): Promise<void>;
}

/** The app's own files: what dist/web/ holds. */
function ownFiles(): Set<string> {
  if (!existsSync(WEB_DIR)) throw new Error("dist/web/ is missing: run `node scripts/build.mjs`");
  return new Set(readdirSync(WEB_DIR).map((name) => pathToFileURL(join(WEB_DIR, name)).href));
}

export async function openApp(options: { acceptDownloads?: boolean } = {}): Promise<OpenedApp> {
  const own = ownFiles();
  const chromium = await launchChromium();
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: options.acceptDownloads ?? true, locale: "nb-NO" });
  const requests: string[] = [];
  const foreign: string[] = [];
  const errors: string[] = [];
  const isOwn = (url: string) => own.has(url.split(/[?#]/)[0]!) || url.startsWith("blob:");
  // Every request a route sees that is not the app's own file is refused and counted.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isOwn(url)) return route.continue();
    foreign.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = request.url();
    requests.push(url);
    if (!isOwn(url) && !foreign.includes(url)) foreign.push(url);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(APP_URL);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { chromium, context, page, requests, foreign, errors, close: () => chromium.close() };
}

/** What the page functions use of the DOM (the tests compile without the DOM library). */
export interface PageWindow {
  readonly document: {
    getElementById(id: string): { textContent: string | null } | null;
    readonly documentElement: { readonly scrollWidth: number; readonly scrollHeight: number };
  };
}

/** Puts the cursor at 1-based `line:column` with monaco's "Go to line" (Ctrl+G), keyboard only. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.locator(".monaco-editor textarea").focus();
  await page.keyboard.press("Control+G");
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

/** Opens a file from the file list (a button per file). */
export async function openFile(page: Page, path: string): Promise<void> {
  await page.locator(`#file-list button[data-path="${path}"]`).click();
  await page.waitForFunction((p) => (globalThis as unknown as PageWindow).document.getElementById("current-file")?.textContent === p, path);
}

/** The problems panel's rows of one file: `{ line, code, message }`. */
export async function problemsOf(page: Page, path: string): Promise<{ line: number; code: string; message: string }[]> {
  return page.locator("#problems-list li.problem").evaluateAll((items, file) => {
    const out: { line: number; code: string; message: string }[] = [];
    for (const item of items) {
      const text = item.querySelector(".problem-go")?.textContent ?? "";
      const match = /^(.*):(\d+) — ([\s\S]*)$/.exec(text);
      if (!match || match[1] !== file) continue;
      out.push({ line: Number(match[2]), code: item.querySelector(".problem-rule")?.textContent ?? "", message: match[3]! });
    }
    return out;
  }, path);
}

/** The text of the editor's model as monaco shows it (its view lines, visible part). */
export async function editorText(page: Page): Promise<string> {
  // monaco draws spaces as no-break spaces.
  return (await page.locator(".monaco-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
}
