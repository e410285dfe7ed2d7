/**
 * The .vsix's web extension (package.json `browser`) in code-server's
 * browser-side extension host: the setting `remote.extensionKind` puts
 * hfa.hfa in the web worker extension host, so the client is
 * dist/browser/client.js and the language server dist/browser/server.js in
 * a worker of the page — no Node involved. It activates, shows the faulty
 * agreement's diagnostics and the balance view.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Worker } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type LaunchedBrowser } from "../extension/browser.js";
import { ROOT, screenshotPath } from "../extension/screenshots.js";
import { startCodeServer, type RunningCodeServer } from "./codeServer.js";

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);

let server: RunningCodeServer;
let chromium: LaunchedBrowser;
let page: Page;
const workers: Worker[] = [];
/** The page's console lines about HFA, workers and errors: shown when a step fails. */
const consoleLines: string[] = [];

async function palette(text: string, pick: string | RegExp): Promise<void> {
  await page.keyboard.press("F1");
  const widget = page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible" });
  await widget.locator("input").first().fill(text);
  const row = widget.locator(".monaco-list-row", { hasText: pick }).first();
  await row.waitFor({ state: "visible", timeout: 30_000 });
  await row.click();
}

describe("HFA as a web extension (code-server, browser-side extension host)", () => {
  beforeAll(async () => {
    server = await startCodeServer(VSIX, { settings: { "hfa.locale": "nb", "remote.extensionKind": { "hfa.hfa": ["web"] } } });
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    page.on("worker", (worker) => workers.push(worker));
    page.on("console", (message) => {
      if (/hfa|error|worker/i.test(message.text())) consoleLines.push(`${message.type()}: ${message.text().slice(0, 400)}`);
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 90_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "avtaler" }).first().waitFor({ state: "visible", timeout: 60_000 });
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return;
    const file = join(ROOT, ".e2e", "screenshots", `failed-web-${context.task.name.replace(/\W+/g, "-").slice(0, 50)}.png`);
    await page?.screenshot({ path: file }).catch(() => undefined);
    console.error(`screenshot: ${file}\nworkers: ${workers.map((w) => w.url()).join(", ")}\nconsole:\n${consoleLines.join("\n")}\ncode-server:\n${server?.log().slice(-4000)}`);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it("runs the language server in a worker of the page and shows the diagnostics", async () => {
    await palette("mangler-besparelse.hfa", "mangler-besparelse.hfa");
    await page.locator(".tab.active", { hasText: "mangler-besparelse.hfa" }).waitFor({ state: "visible" });
    await palette(">Problems: Focus on Problems View", /Problems|Problemer/);
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: "HFA401" }).first();
    await row.waitFor({ state: "visible", timeout: 90_000 });
    // The extension ran in the browser-side host: its client logged nothing amiss there.
    expect(consoleLines.filter((l) => /HFA|hfa\.hfa/.test(l) && l.startsWith("error"))).toEqual([]);
  });

  it("shows the balance view", async () => {
    await palette("eldreteam-romsdal.hfa", "eldreteam-romsdal.hfa");
    await page.locator(".tab.active", { hasText: "eldreteam-romsdal.hfa" }).waitFor({ state: "visible" });
    await page.locator(".monaco-editor .view-line", { hasText: "avtale" }).first().click();
    await palette(">HFA: Vis balanse", /Vis balanse|Show balance/);
    const frame = page.frameLocator('iframe.webview.ready[src*="extensionId=hfa.hfa"]').frameLocator("iframe#active-frame");
    await frame.locator("#heading").waitFor({ state: "visible", timeout: 60_000 });
    expect(await frame.locator("#heading").textContent()).toMatch(/Eldrehelseteam/);
    await page.screenshot({ path: screenshotPath("web-extension.png") });
  });
});
