/**
 * End to end in a real VS Code (code-server 4.139 = VS Code 1.139 for the
 * browser) with the packaged extension installed from its .vsix, driven in
 * headless Chromium the way a secretariat uses it: open a faulty agreement
 * and read the Problems panel, click a rule code, open the light bulb, hover
 * a name, ask for completion, and open "HFA: Vis balanse" — and watch the
 * balance follow an edit.
 *
 * First as a secretariat gets it: VS Code's DEFAULT display language
 * (English: VS Code has no Norwegian one) and no `hfa.locale` setting —
 * everything HFA shows must be bokmål. Then with `hfa.locale: en`: English.
 * Screenshots go to docs/images/ with UPDATE_SCREENSHOTS=1 (else .e2e/screenshots/).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type LaunchedBrowser } from "../extension/browser.js";
import { ROOT, screenshotPath } from "../extension/screenshots.js";
import { startCodeServer, type RunningCodeServer } from "./codeServer.js";

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);

let server: RunningCodeServer | undefined;
let chromium: LaunchedBrowser;
let browser: Browser;
let page: Page;

/** Types into the open quick input and picks a row; `then: "opens"` when the pick opens another quick input. */
async function quickInput(text: string, pick: string | RegExp, then: "closes" | "opens" = "closes"): Promise<void> {
  const widget = page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible" });
  const input = widget.locator("input.input, .quick-input-box input").first();
  await input.fill(text);
  const row = widget.locator(".monaco-list-row", { hasText: pick }).first();
  await row.waitFor({ state: "visible", timeout: 20_000 });
  await row.click();
  if (then === "closes") await widget.waitFor({ state: "hidden" });
  else await row.waitFor({ state: "detached" });
}

/** The rows the command palette lists for `typed`. */
async function paletteRows(typed: string): Promise<string[]> {
  await page.keyboard.press("F1");
  const widget = page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible" });
  await widget.locator("input.input, .quick-input-box input").first().fill(`>${typed}`);
  const rows = () => widget.locator(".monaco-list-row .label-name").allTextContents();
  await expect.poll(async () => (await rows()).filter((r) => r.startsWith("HFA")).length, { timeout: 20_000 }).toBeGreaterThan(1);
  return rows();
}

async function closeQuickInput(): Promise<void> {
  await page.keyboard.press("Escape");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** F1 and a command from the palette, as a user runs it. */
async function runCommand(title: string | RegExp, typed: string, then: "closes" | "opens" = "closes"): Promise<void> {
  await page.keyboard.press("F1");
  await quickInput(`>${typed}`, title, then);
}

async function openFile(name: string): Promise<void> {
  await page.keyboard.press("F1");
  await quickInput(name, name);
  await page.locator(`.tab.active`, { hasText: name }).waitFor({ state: "visible" });
  await page.locator(".monaco-editor .view-lines").first().waitFor({ state: "visible" });
}

/** The editor line whose text contains `text`. */
function line(text: string) {
  return page.locator(".editor-group-container.active .monaco-editor .view-line", { hasText: text }).first();
}

/** Moves the cursor to the start of the (1-based) line of the workspace file's first line containing `text`, as Ctrl+G does. */
async function goToLineWith(file: string, text: string): Promise<void> {
  const lines = readFileSync(join(server!.workspace, file), "utf8").split("\n");
  const index = lines.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${file} has no line with ${text}`);
  await page.keyboard.press("Control+G");
  const widget = page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible" });
  await widget.locator("input").first().fill(`:${index + 1}`);
  await page.keyboard.press("Enter");
  await widget.waitFor({ state: "hidden" });
  await line(text).waitFor({ state: "visible" });
}

/** Puts the cursor at the end of the editor line containing `text`. */
async function cursorAtEndOf(text: string): Promise<void> {
  await line(text).click();
  await page.keyboard.press("End");
}

/** The content of the webview an extension opened (webviews nest the page in two frames). */
function webview(extensionId: string): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`).frameLocator("iframe#active-frame");
}

function balanceFrame(): FrameLocator {
  return webview("hfa.hfa");
}


/** Starts code-server with `settings`, opens the samples' workspace in Chromium. */
async function startEditor(settings: Record<string, unknown>): Promise<void> {
  server = await startCodeServer(VSIX, { settings });
  chromium = await launchChromium();
  browser = chromium.browser;
  page = await browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 90_000 });
  // the explorer shows the workspace once the window is ready
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "avtaler" }).first().waitFor({ state: "visible", timeout: 60_000 });
}

async function stopEditor(): Promise<void> {
  await chromium?.close();
  await server?.stop();
  server = undefined;
}

afterEach(async (context) => {
  // what the editor showed when a step failed, for the CI log's reader
  if (context.task.result?.state === "fail" && page) {
    const file = join(ROOT, ".e2e", "screenshots", `failed-${context.task.name.replace(/\W+/g, "-").slice(0, 60)}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.error(`screenshot of the failure: ${file}`);
  }
});

async function openProblems(): Promise<import("playwright-core").Locator> {
  await runCommand(/Problems/, "View: Focus Problems");
  const problems = page.locator(".markers-panel");
  await problems.waitFor({ state: "visible" });
  return problems;
}

describe("HFA in a default VS Code (code-server, English display language, no hfa.locale)", () => {
  beforeAll(() => startEditor({}));
  afterAll(stopEditor);

  it("shows the faulty agreement's diagnostics in bokmål in the Problems panel, good news not among them", async () => {
    await openFile("mangler-besparelse.hfa");
    const problems = await openProblems();
    const row = problems.locator(".monaco-list-row", { hasText: "HFA401" }).first();
    await row.waitFor({ state: "visible", timeout: 60_000 });
    expect(await row.textContent()).toMatch(/Avtalen FeilPalliasjonIndreNordmøre har ingen «besparelse»/);
    await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain("HFA606");
    expect(await problems.textContent()).toMatch(/Avtalen er et utkast/);
    // HFA503 ("er akuttsykehus") is good news: a hint, which the Problems panel does not list.
    expect(await problems.textContent()).not.toContain("HFA503");
    // the squiggle under the agreement's name in the editor
    await expect.poll(() => page.locator(".monaco-editor .squiggly-error").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("vscode-diagnostics.png") });
  });

  it("lists the commands in bokmål in the command palette", async () => {
    const rows = await paletteRows("HFA:");
    expect(rows).toEqual(expect.arrayContaining(["HFA: Ny avtale", "HFA: Start språktjeneren på nytt"]));
    expect(rows.some((r) => /New Agreement|Restart Language Server|Show Balance|Show Rule/.test(r)), rows.join(" | ")).toBe(false);
    await page.screenshot({ path: screenshotPath("vscode-palette.png") });
    await closeQuickInput();
  });

  it("opens the rendered rule page when the rule code in the Problems panel is clicked", async () => {
    const problems = page.locator(".markers-panel");
    const link = problems.locator(".monaco-list-row", { hasText: "HFA401" }).first().locator("a", { hasText: "HFA401" }).first();
    await link.waitFor({ state: "visible", timeout: 20_000 });
    await link.click();
    const preview = webview("vscode.markdown-language-features");
    await expect.poll(() => preview.locator("h1").first().textContent(), { timeout: 30_000 }).toContain("HFA401");
    // Rendered, not raw Markdown: headings and paragraphs, no "# " left.
    expect(await preview.locator("h2").count()).toBeGreaterThan(0);
    expect(await preview.locator("body").textContent()).not.toMatch(/^# /m);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath("vscode-rule.png") });
    await runCommand(/View: Close All Editor Groups/, "View: Close All Editor Groups");
  });

  it("offers fixes and «Vis regel» in the light bulb, and no «Unnta» for an error or information", async () => {
    await openFile("mangler-besparelse.hfa");
    await goToLineWith("feil/mangler-besparelse.hfa", "avtale FeilPalliasjonIndreNordmøre");
    // into the agreement's name, where HFA401 (error), HFA403 and HFA404 (information) sit
    await page.keyboard.press("Control+ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Control+.");
    const menu = page.locator(".action-widget").filter({ hasText: "Vis regel" }).first();
    try {
      await menu.waitFor({ state: "visible", timeout: 20_000 });
      await expect.poll(() => menu.textContent(), { timeout: 20_000 }).toContain("Vis regel HFA401");
      const text = (await menu.textContent()) ?? "";
      expect(text).toContain("Sett inn «besparelse»-klausul");
      expect(text.indexOf("Sett inn «besparelse»-klausul")).toBeLessThan(text.indexOf("Vis regel HFA401"));
      expect(text).not.toMatch(/Unnta|Suppress|Show rule/);
      await page.screenshot({ path: screenshotPath("vscode-lightbulb.png") });
    } finally {
      await page.keyboard.press("Escape");
    }
    await menu.waitFor({ state: "hidden" });
  });

  it("lists the fix before «Unnta» on a warning, and «Unnta» leaves the cursor on <begrunnelse> (snippet edit)", async () => {
    // «Sunndal styre»: a municipality's decision body is its kommunestyre (HFA607, a warning).
    await goToLineWith("feil/mangler-besparelse.hfa", "behandling Sunndal kommunestyre");
    await page.keyboard.press("End");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.type("behandling Sunndal styre 2025-03-20", { delay: 5 });
    await expect.poll(() => page.locator(".monaco-editor .squiggly-warning").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.keyboard.press("Home");
    await page.keyboard.press("Control+ArrowRight");
    await page.keyboard.press("Control+ArrowRight");
    await page.keyboard.press("Control+ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Control+.");
    const menu = page.locator(".action-widget").filter({ hasText: "Unnta" }).first();
    await menu.waitFor({ state: "visible", timeout: 20_000 });
    const text = (await menu.textContent()) ?? "";
    expect(text).toMatch(/Endre til «kommunestyre»/);
    expect(text.indexOf("Endre til «kommunestyre»")).toBeLessThan(text.indexOf("Unnta"));
    expect(text.match(/Unnta/g)).toHaveLength(1);
    await menu.locator(".action-widget-action, .monaco-list-row", { hasText: "Unnta" }).first().click();
    // The comment is inserted above the clause with the placeholder selected: typing replaces it.
    await line("// hfa-ignore HFA607").waitFor({ state: "visible", timeout: 20_000 });
    await page.keyboard.type("Kommunen har delegert avtalen til formannskapet", { delay: 5 });
    // (the editor draws spaces as no-break spaces)
    await expect.poll(async () => (await line("// hfa-ignore HFA607").textContent())?.replace(/\u00a0/g, " ")).toBe("  // hfa-ignore HFA607: Kommunen har delegert avtalen til formannskapet");
    await runCommand(/Revert File/, "File: Revert File");
    await expect.poll(() => page.locator(".monaco-editor .squiggly-warning").count(), { timeout: 20_000 }).toBe(0);
  });

  it("shows a hover for a party in bokmål", async () => {
    await goToLineWith("feil/mangler-besparelse.hfa", "parter HMR");
    const partyLine = line("parter HMR");
    await partyLine.waitFor({ state: "visible" });
    const name = partyLine.locator("span span", { hasText: /^Sunndal$/ }).first();
    await name.hover();
    const hover = page.locator(".monaco-hover:not(.hidden)").first();
    await hover.waitFor({ state: "visible", timeout: 20_000 });
    await expect.poll(() => hover.textContent(), { timeout: 20_000 }).toContain("Sunndal kommune");
    expect(await hover.textContent()).toMatch(/kommune i /);
    await page.screenshot({ path: screenshotPath("vscode-hover.png") });
    await page.keyboard.press("Escape");
    await page.mouse.move(5, 5);
  });

  it("completes the names of the parties", async () => {
    await cursorAtEndOf("innsats Surnadal");
    await page.keyboard.press("Enter");
    await page.keyboard.type("innsats ", { delay: 20 });
    await page.keyboard.press("Control+Space");
    const suggest = page.locator(".editor-widget.suggest-widget.visible");
    await suggest.waitFor({ state: "visible", timeout: 20_000 });
    const labels = () => suggest.locator(".monaco-list-row .label-name").allTextContents();
    await expect.poll(labels, { timeout: 20_000 }).toEqual(expect.arrayContaining(["HMR", "Sunndal", "Surnadal"]));
    await page.screenshot({ path: screenshotPath("vscode-completion.png") });
    await page.keyboard.press("Escape");
    // leave the file as it was
    await runCommand(/Revert File/, "File: Revert File");
  });

  it("opens the balance view in bokmål beside the editor and updates it as the user types", async () => {
    if (await page.locator(".part.panel").isVisible()) {
      await runCommand(/Hide Panel/, "View: Hide Panel");
      await page.locator(".part.panel").waitFor({ state: "hidden" });
    }
    await openFile("jordmor-sore-sunnmore.hfa");
    // The code lens above the agreement, in bokmål.
    await expect.poll(() => page.locator(".monaco-editor .codelens-decoration").first().textContent(), { timeout: 30_000 }).toMatch(/^Netto 2030: HMR \+35 000 kr/);
    await goToLineWith("avtaler/jordmor-sore-sunnmore.hfa", "balanse {");
    await runCommand("HFA: Vis balanse", "HFA: Vis balanse");
    const view = balanceFrame();
    const table = view.locator("#balance-table");
    await table.waitFor({ state: "visible", timeout: 30_000 });
    expect(await view.locator("#balance-table thead th").first().textContent()).toBe("Part");
    expect(await view.locator("#balance-table thead").textContent()).toContain("Netto innen 2030");
    expect(await view.locator("#balance-table tbody tr th .name").allTextContents()).toEqual(["HMR", "Volda", "Ørsta", "Herøy"]);
    // the samples' README: HMR +35 000, Volda +35 000, Ørsta +10 000, Herøy +10 000 (samlet +90 000) by 2030
    const net = (party: string) => view.locator(`#balance-table tr[data-party="${party}"] td.net`).textContent();
    expect(await net("HMR")).toBe("+35 000 kr");
    expect(await net("Volda")).toBe("+35 000 kr");
    expect(await net("total")).toBe("+90 000 kr");
    expect(await view.locator('svg#balance-chart path.series[data-party="Herøy"]').count()).toBe(1);
    expect(await view.locator("svg#balance-chart #break-even").getAttribute("data-year")).toBe("2030");
    // the inlay hint after an `à` flow: the amount, and the text's own "per år" after it
    const hints = await page.locator(".editor-group-container .monaco-editor .view-line", { hasText: "årsverk à Jordmorårsverk" }).first().textContent();
    expect(hints ?? "").not.toMatch(/kr\/år/);
    // room for the picture: hide the explorer (Ctrl+B), as a user reading the balance might
    if (await page.locator(".part.sidebar").isVisible()) {
      await page.keyboard.press("Control+B");
      await page.locator(".part.sidebar").waitFor({ state: "hidden" });
    }
    await page.mouse.move(1100, 800); // no tooltip over the picture
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath("vscode-balance.png") });

    // Typing changes the figures: Herøy saves 10 000 kr a year more from 2026 to 2030 → +50 000 kr.
    await goToLineWith("avtaler/jordmor-sore-sunnmore.hfa", "besparelse Herøy 160 000 kr");
    const text = "besparelse Herøy 160 000 kr per år fra 2026";
    await page.keyboard.press("End");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.type(`${text.replace("160 000", "170 000")} "Slipper kjøp av jordmortimer fra nabokommune"`, { delay: 5 });
    await expect.poll(() => net("Herøy"), { timeout: 20_000 }).toBe("+60 000 kr");
    await runCommand(/Revert File/, "File: Revert File");
    await expect.poll(() => net("Herøy"), { timeout: 20_000 }).toBe("+10 000 kr");
  });

  it("«Vis regel» asks in bokmål and shows the rule of the cursor's diagnostic", async () => {
    await openFile("mangler-besparelse.hfa");
    await goToLineWith("feil/mangler-besparelse.hfa", "avtale FeilPalliasjonIndreNordmøre");
    await page.keyboard.press("End");
    await runCommand("HFA: Vis regel", "HFA: Vis regel", "opens");
    const widget = page.locator(".quick-input-widget");
    await expect.poll(() => widget.locator("input").first().getAttribute("placeholder"), { timeout: 20_000 }).toBe("Hvilken regel vil du lese om?");
    // several diagnostics sit on the agreement's name: the user picks HFA401
    await quickInput("HFA401", "HFA401");
    const preview = webview("vscode.markdown-language-features");
    await expect.poll(() => preview.locator("h1").first().textContent(), { timeout: 30_000 }).toContain("HFA401");
  });

  it("asks the «Ny avtale» questions in bokmål", async () => {
    await runCommand("HFA: Ny avtale", "HFA: Ny avtale", "opens");
    const widget = page.locator(".quick-input-widget");
    await expect.poll(() => widget.textContent(), { timeout: 20_000 }).toMatch(/Ny avtale|Hvilket helsefellesskap/);
    expect(await widget.locator("input").first().getAttribute("placeholder")).toMatch(/^(Hvilket helsefellesskap hører avtalen til\?|Velg partene)/);
    await closeQuickInput();
  });
});

describe("HFA in VS Code with hfa.locale: en", () => {
  beforeAll(() => startEditor({ "hfa.locale": "en" }));
  afterAll(stopEditor);

  it("shows English messages, and the balance view in English", async () => {
    await openFile("mangler-besparelse.hfa");
    const problems = await openProblems();
    const row = problems.locator(".monaco-list-row", { hasText: "HFA401" }).first();
    await row.waitFor({ state: "visible", timeout: 60_000 });
    expect(await row.textContent()).toMatch(/Agreement FeilPalliasjonIndreNordmøre has no/);
    await runCommand(/Hide Panel/, "View: Hide Panel");
    await openFile("jordmor-sore-sunnmore.hfa");
    await goToLineWith("avtaler/jordmor-sore-sunnmore.hfa", "balanse {");
    await runCommand("HFA: Show Balance", "HFA: Show Balance");
    const view = balanceFrame();
    await view.locator("#balance-table").waitFor({ state: "visible", timeout: 30_000 });
    expect(await view.locator("#balance-table thead").textContent()).toContain("Net by 2030");
    expect(await view.locator('#balance-table tr[data-party="total"] td.net').textContent()).toBe("+NOK 90,000");
  });

  it("lists the commands in English", async () => {
    const rows = await paletteRows("HFA:");
    expect(rows).toEqual(expect.arrayContaining(["HFA: New Agreement", "HFA: Restart Language Server"]));
    expect(rows.some((r) => /Ny avtale|Start språktjeneren/.test(r)), rows.join(" | ")).toBe(false);
    await closeQuickInput();
  });

  it("«Show Rule» asks in English", async () => {
    await openFile("mangler-besparelse.hfa");
    await goToLineWith("feil/mangler-besparelse.hfa", "avtale FeilPalliasjonIndreNordmøre");
    await page.keyboard.press("End");
    await runCommand("HFA: Show Rule", "HFA: Show Rule", "opens");
    const widget = page.locator(".quick-input-widget");
    await expect.poll(() => widget.locator("input").first().getAttribute("placeholder"), { timeout: 20_000 }).toBe("Which rule's documentation?");
    await closeQuickInput();
  });
});
