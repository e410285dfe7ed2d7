/**
 * The editor's own words in the web app, in headless Chromium: its context
 * menu, command palette and find widget in bokmål by default, and in English
 * when English was chosen (at the next load: monaco words its menus as it
 * loads). Bokmål is the default everywhere; monaco ships no Norwegian
 * (web/src/monacoNls.ts).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MONACO_BOKMAL } from "../../web/src/monacoBokmal.js";
import { chromiumAvailable } from "../extension/browser.js";
import { screenshotPath } from "../extension/screenshots.js";
import { goTo, openApp, openFile, type OpenedApp } from "./app.js";

const run = chromiumAvailable();
const BOKMAL = new Set(Object.values(MONACO_BOKMAL));

/** What the page functions use of a shadow root host (the tests compile without the DOM library). */
interface ShadowHost {
  readonly shadowRoot: { querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null }> } | null;
}

/** The labels of the editor's context menu (monaco draws it in a shadow root). */
async function contextMenu(page: Page, screenshot?: string): Promise<string[]> {
  await page.keyboard.press("Escape");
  await page.locator(".monaco-editor .view-lines").first().click({ button: "right", position: { x: 120, y: 60 } });
  const labels = () =>
    page.locator(".shadow-root-host").evaluateAll((hosts) =>
      hosts.flatMap((host) => Array.from((host as unknown as ShadowHost).shadowRoot?.querySelectorAll(".action-item .action-label") ?? [], (label) => label.textContent ?? "").filter((text) => text !== "")),
    );
  await expect.poll(async () => (await labels()).length).toBeGreaterThan(0);
  const shown = await labels();
  if (screenshot) await page.screenshot({ path: screenshotPath(screenshot) });
  await page.keyboard.press("Escape");
  return shown;
}

/** The command palette's rows as shown (F1): the first screenful. */
async function paletteRows(page: Page): Promise<string[]> {
  await page.locator(".monaco-editor textarea").focus();
  await page.keyboard.press("F1");
  const rows = page.locator(".quick-input-widget .quick-input-list .monaco-list-row .label-name");
  await rows.first().waitFor();
  const labels = await rows.allTextContents();
  await page.keyboard.press("Escape");
  return labels;
}

describe.runIf(run)("the editor's own words in the web app", () => {
  let app: OpenedApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp();
    page = app.page;
    await openFile(page, "feil/andeler-ikke-100.hfa");
    await goTo(page, 8, 12);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it("has its context menu in bokmål", async () => {
    const menu = await contextMenu(page, "web-context-menu-bokmal.png");
    expect(menu).toEqual(expect.arrayContaining(["Gå til definisjon", "Gå til referanser", "Gi symbolet nytt navn", "Formater dokumentet", "Klipp ut", "Kopier", "Lim inn", "Kommandopalett"]));
    expect(menu.filter((label) => !BOKMAL.has(label))).toEqual([]);
  });

  it("lists the command palette's commands in bokmål", async () => {
    const rows = await paletteRows(page);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((label) => !BOKMAL.has(label))).toEqual([]);
  });

  it("words the find widget in bokmål", async () => {
    await page.locator(".monaco-editor textarea").focus();
    await page.keyboard.press("Control+F");
    const widget = page.locator(".find-widget");
    await page.locator(".find-widget.visible").waitFor();
    await widget.locator("textarea").first().waitFor();
    expect(await widget.locator("textarea").first().getAttribute("placeholder")).toBe("Søk");
    const titles = await widget.locator("[aria-label]").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label") ?? ""));
    expect(titles).toEqual(expect.arrayContaining(["Skill mellom store og små bokstaver (Alt+C)", "Bare hele ord (Alt+W)", "Neste treff (Enter)", "Lukk (Escape)"]));
    await page.screenshot({ path: screenshotPath("web-find-bokmal.png") });
    await page.keyboard.press("Escape");
  });

  it("is in English at the next load once English is chosen", async () => {
    await page.locator("#locale-toggle").click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem("hfa.web.locale"))).toBe("en");
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await openFile(page, "feil/andeler-ikke-100.hfa");
    await goTo(page, 8, 12);
    const menu = await contextMenu(page);
    expect(menu).toEqual(expect.arrayContaining(["Go to Definition", "Cut", "Command Palette"]));
    expect(menu.filter((label) => BOKMAL.has(label))).toEqual([]);
    // Back to the default for whoever opens the app next in this profile.
    await page.locator("#locale-toggle").click();
  });
});
