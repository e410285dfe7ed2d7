/**
 * The web app (issue 11) in headless Chromium, opened from file:// with
 * nothing installed and no network: the example workspace's diagnostics are
 * the CLI's, hover, completion, go to definition, outline, a quick fix,
 * formatting, the rule page, the balance view updating as one types, the
 * English toggle, files opened from a folder resolving names across files,
 * saving by download, and not one request beyond the app's own files.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../extension/browser.js";
import { ROOT, screenshotPath } from "../extension/screenshots.js";
import { editorText, goTo, openApp, openFile, problemsOf, type OpenedApp, type PageWindow } from "./app.js";

interface CliDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** `hfa check samples --format json`, the CLI's view of the same files. */
function cliDiagnostics(): CliDiagnostic[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(ROOT, "dist", "cli.js"), "check", "samples", "--format", "json"], { cwd: ROOT, encoding: "utf8" });
  } catch (error) {
    // Exit code 1: the samples under feil/ have errors, as they should.
    out = (error as { stdout?: string }).stdout ?? "";
  }
  return JSON.parse(out) as CliDiagnostic[];
}

const run = chromiumAvailable();

describe.runIf(run)("web app in Chromium from file://", () => {
  let app: OpenedApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp();
    page = app.page;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it("shows a faulty agreement's diagnostics, the same as the CLI's", async () => {
    await openFile(page, "feil/andeler-ikke-100.hfa");
    await page.waitForSelector("#problems-list .problem-rule");
    const shown = await problemsOf(page, "feil/andeler-ikke-100.hfa");
    const cli = cliDiagnostics().filter((d) => d.file.endsWith("feil/andeler-ikke-100.hfa"));
    expect(shown.map((d) => d.code)).toContain("HFA305");
    const key = (d: { line: number; code: string; message: string }) => `${d.line} ${d.code} ${d.message}`;
    expect(shown.map(key).sort()).toEqual(cli.map(key).sort());
    // And in the editor: the error is underlined.
    await expect.poll(() => page.locator(".monaco-editor .squiggly-error").count()).toBeGreaterThan(0);
  });

  it("opens a rule page from a problem's code", async () => {
    await page.locator("#problems-list .problem-rule", { hasText: "HFA305" }).first().click();
    const dialog = page.locator("#rule-dialog");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    expect(await dialog.locator(".rule-heading").textContent()).toBe("Regel HFA305");
    expect(await dialog.locator(".rule-body h1, .rule-body h2").count()).toBeGreaterThan(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
  });

  it("hovers the agreement's name with its balance (keyboard: Ctrl+K Ctrl+I)", async () => {
    await goTo(page, 8, 12);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    const hover = page.locator(".monaco-hover:not(.hidden)").first();
    await hover.waitFor({ timeout: 10_000 });
    // The problem's part comes at once, the server's hover when it answers.
    await expect.poll(() => hover.innerText(), { timeout: 10_000 }).toMatch(/Kombinerte jordmorstillinger/);
    expect(await hover.innerText()).toMatch(/balanse/i);
    await page.keyboard.press("Escape");
  });

  it("completes the parties of the agreement's health community", async () => {
    await goTo(page, 10, 10);
    await page.keyboard.press("Control+Space");
    const rows = page.locator(".suggest-widget .monaco-list-row");
    await rows.first().waitFor({ timeout: 10_000 });
    const labels = await rows.evaluateAll((items) => items.map((item) => item.getAttribute("aria-label") ?? ""));
    expect(labels.join("\n")).toMatch(/HMR/);
    await page.keyboard.press("Escape");
  });

  it("lists the file's declarations in the outline", async () => {
    const outline = await page.locator("#outline-list button").allInnerTexts();
    expect(outline.some((t) => t.startsWith("FeilJordmorRomsdal"))).toBe(true);
    expect(outline.some((t) => t.startsWith("tiltak Stillinger"))).toBe(true);
  });

  it("goes to a definition in another file (F12)", async () => {
    await goTo(page, 9, 21);
    await page.keyboard.press("F12");
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).document.getElementById("current-file")?.textContent === "felles/helsefellesskap-more-og-romsdal.hfa");
  });

  it("updates the balance view as one types", async () => {
    await openFile(page, "avtaler/eldreteam-romsdal.hfa");
    const frame = page.frameLocator("#balance-frame");
    await frame.locator("#heading").waitFor();
    const before = await frame.locator("#balance-table").innerText();
    const source = readFileSync(join(ROOT, "samples", "avtaler", "eldreteam-romsdal.hfa"), "utf8").split("\n");
    const index = source.findIndex((l) => /^\s*innsats \S+ \d/.test(l));
    expect(index).toBeGreaterThan(0);
    const line = source[index]!;
    const digit = line.search(/\d/);
    await goTo(page, index + 1, digit + 1);
    await page.keyboard.type("9");
    await expect.poll(() => frame.locator("#balance-table").innerText(), { timeout: 10_000 }).not.toBe(before);
    await page.keyboard.press("Control+Z");
    await expect.poll(() => frame.locator("#balance-table").innerText(), { timeout: 10_000 }).toBe(before);
  });

  it("applies a quick fix (Ctrl+.) and the diagnostic goes", async () => {
    await openFile(page, "feil/skrivefeil-nokkelord.hfa");
    await expect.poll(async () => (await problemsOf(page, "feil/skrivefeil-nokkelord.hfa")).map((d) => d.code)).toContain("HFA001");
    const line = readFileSync(join(ROOT, "samples", "feil", "skrivefeil-nokkelord.hfa"), "utf8").split("\n").findIndex((l) => /^\s+behanling /.test(l)) + 1;
    await goTo(page, line, 4);
    await page.keyboard.press("Control+.");
    const fix = page.locator(".action-widget .monaco-list-row", { hasText: "behandling" }).first();
    await fix.waitFor({ timeout: 10_000 });
    // The first (preferred) fix is selected: Enter applies it, keyboard only.
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await problemsOf(page, "feil/skrivefeil-nokkelord.hfa")).map((d) => d.code), { timeout: 10_000 }).not.toContain("HFA001");
    expect(await editorText(page)).toMatch(/behandling Smøla kommunestyre/);
  });

  it("formats the document with the server's formatter", async () => {
    await openFile(page, "avtaler/overgang-orkdal.hfa");
    await goTo(page, 1, 1);
    const before = await editorText(page);
    await goTo(page, 3, 1);
    // Damage the indentation of a line inside the agreement, then format.
    const lines = readFileSync(join(ROOT, "samples", "avtaler", "overgang-orkdal.hfa"), "utf8").split("\n");
    const inner = lines.findIndex((l) => /^\s+parter /.test(l)) + 1;
    await goTo(page, inner, 1);
    await page.keyboard.type("      ");
    await expect.poll(() => editorText(page)).not.toBe(before);
    await page.locator("#format").click();
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toBe(before);
  });

  it("saves by download when the file has no handle", async () => {
    await openFile(page, "avtaler/overgang-orkdal.hfa");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#save").click()]);
    expect(download.suggestedFilename()).toBe("overgang-orkdal.hfa");
    const path = await download.path();
    expect(readFileSync(path, "utf8")).toBe(readFileSync(join(ROOT, "samples", "avtaler", "overgang-orkdal.hfa"), "utf8"));
  });

  it("downloads the board memo as PDF, Word and HTML (rendered in the worker)", async () => {
    await openFile(page, "avtaler/eldreteam-romsdal.hfa");
    await goTo(page, 8, 5);
    const expected = { pdf: "%PDF-", docx: "PK", html: "<!DOCTYPE html>" } as const;
    for (const format of ["pdf", "docx", "html"] as const) {
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.locator(`#report-${format}`).click()]);
      expect(download.suggestedFilename()).toBe(`EldreteamRomsdal.${format}`);
      const bytes = readFileSync(await download.path());
      expect(bytes.subarray(0, expected[format].length).toString("latin1")).toBe(expected[format]);
      if (format === "html") expect(bytes.toString("utf8")).toMatch(/Eldrehelseteam og forsterket utskriving i Romsdal/);
      if (format === "pdf") {
        // Opened by a real consumer: poppler's pdftotext reads the agreement's title back.
        const text = execFileSync("pdftotext", [await download.path(), "-"], { encoding: "utf8" });
        expect(text).toMatch(/Eldrehelseteam/);
      }
    }
  }, 90_000);

  it("reads well at 1280×800 (screenshot for the README)", async () => {
    await openFile(page, "avtaler/eldreteam-romsdal.hfa");
    await goTo(page, 1, 1);
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath("web-app.png") });
    // Nothing is cut off: the page itself does not scroll.
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as PageWindow).document.documentElement;
      return { w: root.scrollWidth, h: root.scrollHeight };
    });
    expect(overflow.w).toBeLessThanOrEqual(1280);
    expect(overflow.h).toBeLessThanOrEqual(800);
  });

  it("switches to English and back (UI and the server's messages)", async () => {
    await openFile(page, "feil/andeler-ikke-100.hfa");
    await page.locator("#locale-toggle").click();
    await expect.poll(() => page.locator("#open-folder").textContent()).toBe("Open folder …");
    await expect.poll(async () => (await problemsOf(page, "feil/andeler-ikke-100.hfa")).map((d) => d.message).join("\n"), { timeout: 10_000 }).toMatch(/Balance|balance/);
    await page.locator("#locale-toggle").click();
    await expect.poll(() => page.locator("#open-folder").textContent()).toBe("Åpne mappe …");
  });

  it("opens a folder (file input fallback) and resolves names across its files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hfa-web-"));
    try {
      mkdirSync(join(dir, "mappe", "felles"), { recursive: true });
      mkdirSync(join(dir, "mappe", "avtaler"), { recursive: true });
      for (const f of ["helsefellesskap-more-og-romsdal.hfa", "satser.hfa", "tilskudd-hmn.hfa"]) writeFileSync(join(dir, "mappe", "felles", f), readFileSync(join(ROOT, "samples", "felles", f)));
      writeFileSync(join(dir, "mappe", "avtaler", "eldreteam.hfa"), readFileSync(join(ROOT, "samples", "avtaler", "eldreteam-romsdal.hfa")));
      await page.locator("#folder-input").setInputFiles(join(dir, "mappe"));
      await page.waitForSelector('#file-list button[data-path="avtaler/eldreteam.hfa"]');
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator("#file-list button").count()).toBe(4);
      const codes = (await problemsOf(page, "avtaler/eldreteam.hfa")).map((d) => d.code);
      expect(codes).not.toContain("HFA101");
      // The example comes back with one button.
      await page.locator("#open-example").click();
      await page.waitForSelector('#file-list button[data-path="feil/andeler-ikke-100.hfa"]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("adds single files to the workspace (Åpne filer): their names resolve against the open folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hfa-web-"));
    try {
      const text = readFileSync(join(ROOT, "samples", "avtaler", "overgang-orkdal.hfa"), "utf8").replace(/^avtale (\S+)/m, "avtale $1Kopi");
      writeFileSync(join(dir, "ny-avtale.hfa"), text);
      await page.locator("#files-input").setInputFiles(join(dir, "ny-avtale.hfa"));
      await page.waitForSelector('#file-list button[data-path="ny-avtale.hfa"]');
      await openFile(page, "ny-avtale.hfa");
      await expect.poll(async () => (await problemsOf(page, "ny-avtale.hfa")).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const codes = (await problemsOf(page, "ny-avtale.hfa")).map((d) => d.code);
      expect(codes).not.toContain("HFA101");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("made no request beyond its own files and had no errors", () => {
    expect(app.foreign).toEqual([]);
    expect(app.requests.length).toBeGreaterThan(0);
    // Exactly one thing is let through: monaco's word highlighter leaves the cancellation of its
    // own pending request unhandled when the editor switches files (web/src/main.ts).
    expect(app.errors.filter((e) => e !== "Canceled")).toEqual([]);
  });
});
