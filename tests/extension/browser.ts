/**
 * Debian's Chromium driven by playwright-core, as the extension tests use it
 * (no browser download: `apt-get install -y chromium`).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Locator } from "playwright-core";

export const CHROMIUM = process.env.HFA_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether the browser tests can run; in CI (CI=true) a missing browser is an error, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must run \`apt-get install -y chromium\``);
  console.warn(`skipping browser tests: ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return false;
}

export interface LaunchedBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/** A headless Chromium; playwright gives it a new empty profile (its own --user-data-dir in a temporary folder). */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}

/** What the page functions below use of the browser (the tests compile without the DOM library). */
interface PageGlobals {
  getComputedStyle(element: unknown): Record<string, string | undefined>;
}

/** A computed style property (`textAlign`, `stroke`, …) of the element a locator finds. */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => (globalThis as unknown as PageGlobals).getComputedStyle(element)[name] ?? "", property);
}
