/**
 * The balance webview's HTML (client/src/balanceView/render.ts) rendered in
 * headless Chromium for the agreement of spec §1: the table shows each
 * party's own input, savings, transfers and net, the chart one line per
 * party with the break-even year 2030 marked, nothing is fetched, the strict
 * CSP lets the page's own nonce'd style and script run, and the page takes
 * VS Code's theme colours.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contrastRatio, PALETTES, THEME_CLASS, type ThemeKind } from "../../client/src/balanceView/palette.js";
import { renderBalanceDocument } from "../../client/src/balanceView/render.js";
import { balanceStrings } from "../../client/src/balanceView/strings.js";
import type { BalanceViewData, BalanceViewParty } from "../../client/src/protocol.js";
import { Workspace, type Locale, type PartyBalance } from "../../server/src/analysis/index.js";
import { chromiumAvailable, computedStyle, launchChromium, type LaunchedBrowser } from "./browser.js";
import { ROOT, screenshotPath } from "./screenshots.js";

const URI = "file:///ws/avtaler/jordmor.hfa";

/** The server's `hfa/balance` answer for the spec's agreement, built from the analysis as the server does. */
function specBalance(locale: Locale): BalanceViewData {
  const workspace = new Workspace({ locale });
  workspace.setFile(URI, readFileSync(join(ROOT, "tests", "extension", "fixtures", "spec-example.hfa"), "utf8"));
  const analysis = workspace.analyze();
  const agreement = analysis.agreements.find((a) => a.node.name.text === "JordmorNordmøre");
  const balance = agreement?.money.balance;
  if (!agreement || !balance) throw new Error("the spec's agreement has no balance");
  const party = (p: PartyBalance, total: boolean): BalanceViewParty => ({
    party: p.party,
    side: total ? undefined : p.side,
    rows: p.rows.map((r) => ({ ...r })),
    totals: { ...p.totals },
    atHorizon: p.atHorizon,
    breakEven: p.breakEven,
  });
  return {
    uri: URI,
    agreement: agreement.node.name.text,
    title: agreement.node.title.value,
    firstYear: balance.firstYear,
    horizon: balance.horizon,
    locale,
    parties: balance.parties.map((p) => party(p, false)),
    total: party(balance.total, true),
  };
}

const run = chromiumAvailable();

describe.runIf(run)("balance view in Chromium", () => {
  let chromium: LaunchedBrowser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    const html = renderBalanceDocument(specBalance("nb"), balanceStrings("nb"), { nonce: "dGVzdC1ub25jZQ" });
    await page.setContent(html, { waitUntil: "load" });
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
  });

  /** The text of one cell of the balance table's row for `party`. */
  const cell = (party: string, column: string) => page.locator(`#balance-table tr[data-party="${party}"] td.${column}`);

  it("shows each party's own input, savings, transfers, net and break-even year (spec §1)", async () => {
    const rows = page.locator("#balance-table tbody tr");
    expect(await rows.count()).toBe(3);
    expect(await page.locator("#balance-table tbody tr th .name").allTextContents()).toEqual(["HMR", "Kristiansund", "Averøy"]);
    const expected: Record<string, [string, string, string, string, string]> = {
      HMR: ["2 850 000 kr", "3 600 000 kr", "−500 000 kr", "+250 000 kr", "2030"],
      Kristiansund: ["1 275 000 kr", "1 250 000 kr", "0 kr", "−25 000 kr", "ikke innen 2030"],
      Averøy: ["1 275 000 kr", "750 000 kr", "+500 000 kr", "−25 000 kr", "ikke innen 2030"],
      total: ["5 400 000 kr", "5 600 000 kr", "0 kr", "+200 000 kr", "2030"],
    };
    for (const [party, [input, saving, transfers, net, breakEven]] of Object.entries(expected)) {
      expect(await cell(party, "input").textContent(), `${party} own input`).toBe(input);
      expect(await cell(party, "saving").textContent(), `${party} savings`).toBe(saving);
      expect(await cell(party, "transfers").textContent(), `${party} transfers`).toBe(transfers);
      expect(await cell(party, "net").textContent(), `${party} net`).toBe(net);
      expect(await cell(party, "break-even").textContent(), `${party} break-even`).toBe(breakEven);
    }
    expect(await page.locator("#balance-table thead").textContent()).toContain("Netto innen 2030");
    expect(await page.locator("#balance-table tr[data-party='HMR'] .side").textContent()).toBe("helseforetak");
    expect(await page.locator("#grant-note").textContent()).toContain("1 800 000 kr");
  });

  it("draws one line per party and the total, with the break-even year 2030 marked", async () => {
    const chart = page.locator("svg#balance-chart");
    await expect.poll(() => chart.isVisible()).toBe(true);
    const lines = chart.locator("path.series");
    expect(await lines.count()).toBe(4);
    for (const party of ["HMR", "Kristiansund", "Averøy", "total"]) {
      expect(await chart.locator(`path.series[data-party="${party}"]`).count(), party).toBe(1);
      // one point per year 2025–2030
      expect(await chart.locator(`g.party[data-party="${party}"] circle.point`).count(), party).toBe(6);
    }
    const marker = chart.locator("#break-even");
    expect(await marker.getAttribute("data-year")).toBe("2030");
    expect(await marker.locator("text").textContent()).toBe("Samlet i balanse 2030");
    expect(await marker.isVisible()).toBe(true);
    // HMR and the total break even in 2030: a marker on their lines; Kristiansund and Averøy have none.
    expect(await chart.locator(".be-marker").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-party")}:${e.getAttribute("data-year")}`))).toEqual(["HMR:2030", "total:2030"]);
    expect(await chart.locator(`g.party[data-party="HMR"] circle.point title`).last().textContent()).toBe("HMR 2030: +250 000 kr");
    expect(await chart.locator(`g.party[data-party="Averøy"] circle.point title`).last().textContent()).toBe("Averøy 2030: −25 000 kr");
    // The cumulative line of HMR ends above the zero line, Kristiansund's below it.
    const zeroY = Number(await chart.locator("line.zero").getAttribute("y1"));
    const lastY = async (party: string) => Number(await chart.locator(`g.party[data-party="${party}"] circle.point`).last().getAttribute("cy"));
    expect(await lastY("HMR")).toBeLessThan(zeroY);
    expect(await lastY("Kristiansund")).toBeGreaterThan(zeroY);
    // The legend names every party.
    expect(await page.locator(".legend li").allTextContents()).toEqual([
      "HMR (går i balanse 2030)",
      "Kristiansund (ikke innen 2030)",
      "Averøy (ikke innen 2030)",
      "Samlet (går i balanse 2030)",
    ]);
    await page.screenshot({ path: screenshotPath("balance-view.png"), fullPage: true });
  });

  it("loads nothing, and the CSP lets only its own nonce'd style and script run", async () => {
    expect(requests.filter((url) => !url.startsWith("about:") && !url.startsWith("data:"))).toEqual([]);
    expect(problems).toEqual([]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-dGVzdC1ub25jZQ'");
    expect(await page.content()).not.toMatch(/https?:\/\//);
    // The stylesheet applied (so the CSP admitted it): the table's numbers are right-aligned.
    expect(await computedStyle(cell("HMR", "net"), "textAlign")).toBe("right");
    // The script ran: it swaps in content posted by the extension.
    await page.evaluate(`window.postMessage({ type: "update", html: '<p id="updated">Oppdatert</p>', title: "Ny tittel" }, "*")`);
    await expect.poll(() => page.locator("#updated").count()).toBe(1);
    expect(await page.title()).toBe("Ny tittel");
  });

  it("takes VS Code's theme colours and its dark palette in a dark theme", async () => {
    const html = renderBalanceDocument(specBalance("en"), balanceStrings("en"), { nonce: "bm9uY2U" });
    const dark = await chromium.browser.newPage({ viewport: { width: 900, height: 900 } });
    await dark.setContent(html);
    await dark.evaluate(`(() => {
      const s = document.documentElement.style;
      s.setProperty("--vscode-editor-background", "rgb(30, 30, 30)");
      s.setProperty("--vscode-editor-foreground", "rgb(212, 212, 212)");
      s.setProperty("--vscode-charts-blue", "rgb(55, 148, 255)");
      document.body.classList.add("vscode-dark");
    })()`);
    expect(await computedStyle(dark.locator("body"), "backgroundColor")).toBe("rgb(30, 30, 30)");
    expect(await computedStyle(dark.locator("body"), "color")).toBe("rgb(212, 212, 212)");
    // The lines take the view's own palette for the theme kind (charts.* colours are too faint in light themes).
    expect(await computedStyle(dark.locator('path.series[data-party="HMR"]'), "stroke")).toBe(hexToRgb(PALETTES.dark.series[0]!));
    // English words, English numbers
    expect(await dark.locator('#balance-table tr[data-party="HMR"] td.net').textContent()).toBe("+NOK 250,000");
    expect(await dark.locator('#balance-table tr[data-party="Kristiansund"] td.break-even').textContent()).toBe("not by 2030");
    expect(await dark.locator("#break-even text").textContent()).toBe("Total breaks even 2030");
    await dark.screenshot({ path: screenshotPath("balance-view-dark.png"), fullPage: true });
    await dark.close();
  });

  it("says what to do when the cursor is in no agreement", async () => {
    const empty = await chromium.browser.newPage();
    await empty.setContent(renderBalanceDocument(null, balanceStrings("nb"), { nonce: "eA" }));
    expect(await empty.locator("#no-agreement").textContent()).toContain("Ingen avtale ved markøren");
    await empty.close();
  });

  /** The page as VS Code shows it in a theme kind: the theme's class on <body> and its editor colours. */
  async function themedPage(kind: ThemeKind, width: number, locale: Locale = "nb"): Promise<Page> {
    const themed = await chromium.browser.newPage({ viewport: { width, height: 1000 }, deviceScaleFactor: 1 });
    await themed.setContent(renderBalanceDocument(specBalance(locale), balanceStrings(locale), { nonce: "dGhlbWU" }));
    const foreground = kind === "light" || kind === "high-contrast-light" ? "#1f1f1f" : kind === "dark" ? "#cccccc" : "#ffffff";
    await themed.evaluate(
      ([cls, background, fg]) => {
        const doc = (globalThis as unknown as { document: { documentElement: { style: { setProperty(k: string, v: string): void } }; body: { classList: { add(...c: string[]): void } } } }).document;
        doc.documentElement.style.setProperty("--vscode-editor-background", background);
        doc.documentElement.style.setProperty("--vscode-editor-foreground", fg);
        doc.body.classList.add(...cls.split(" "));
      },
      // VS Code sets exactly one of these classes (vscode-high-contrast-light alone for a light high-contrast theme).
      [THEME_CLASS[kind], PALETTES[kind].background, foreground] as const,
    );
    return themed;
  }

  for (const kind of ["light", "dark", "high-contrast", "high-contrast-light"] as const) {
    it(`meets WCAG AA contrast in the ${kind} theme: every party's line and the net figures against the background`, async () => {
      const themed = await themedPage(kind, 900);
      const background = await computedStyle(themed.locator("body"), "backgroundColor");
      expect(background).toBe(hexToRgb(PALETTES[kind].background));
      const strokes: string[] = [];
      for (const party of ["HMR", "Kristiansund", "Averøy"]) strokes.push(await computedStyle(themed.locator(`path.series[data-party="${party}"]`), "stroke"));
      // Each party its own colour, each readable on the background (4.5:1; graphics need 3:1).
      expect(new Set(strokes).size).toBe(3);
      for (const stroke of strokes) expect(contrastRatio(stroke, background), `${kind}: ${stroke} on ${background}`).toBeGreaterThanOrEqual(4.5);
      for (const cls of ["pos", "neg"]) {
        const colour = await computedStyle(themed.locator(`#balance-table td.net.${cls}`).first(), "color");
        expect(contrastRatio(colour, background), `${kind}: .${cls} ${colour}`).toBeGreaterThanOrEqual(4.5);
      }
      await themed.close();
    });
  }

  it("every colour of every palette meets 4.5:1 on its theme's background (also the 4th–6th party)", () => {
    for (const [kind, palette] of Object.entries(PALETTES)) {
      for (const colour of [...palette.series, palette.positive, palette.negative]) {
        expect(contrastRatio(colour, palette.background), `${kind}: ${colour}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    // VS Code's own charts.orange on white, which the view used before, does not.
    expect(contrastRatio("#d18616", "#ffffff")).toBeLessThan(3);
  });

  for (const kind of ["light", "dark"] as const) {
    it(`fits a half-width panel in the ${kind} theme: key columns first and in view, the table scrolls in its own box`, async () => {
      const width = 560;
      const themed = await themedPage(kind, width);
      const headers = await themed.locator("#balance-table thead th").allTextContents();
      expect(headers.slice(0, 3)).toEqual(["Part", "Netto innen 2030", "Går i balanse"]);
      for (const column of ["net", "break-even"]) {
        const box = await themed.locator(`#balance-table tr[data-party="Kristiansund"] td.${column}`).boundingBox();
        expect(box, column).not.toBeNull();
        expect(box!.x + box!.width, `${column} within ${width}px`).toBeLessThanOrEqual(width);
      }
      // The page itself never scrolls sideways; a wide table scrolls inside .table-wrap.
      const overflow = await themed.evaluate(() => {
        const doc = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number; clientWidth: number } } }).document;
        return doc.scrollingElement.scrollWidth - doc.scrollingElement.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await computedStyle(themed.locator(".table-wrap").first(), "overflowX")).toBe("auto");
      await themed.screenshot({ path: screenshotPath(`balance-view-half-${kind}.png`), fullPage: true });
      await themed.close();
    });
  }
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
