/**
 * Each format opened by a real consumer: the PDF's text (pdftotext) holds
 * the §1 table's figures, its pages render (pdftoppm) and are not blank, and
 * no word lies outside its page (pdftotext -bbox); the DOCX converts in
 * LibreOffice and that PDF's text has the same figures; the HTML has no
 * horizontal overflow in Chromium at A4 width nor on a phone, and loads
 * nothing from outside.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forParty, layoutReport } from "../../server/src/report/index.js";
import { renderDocx } from "../../server/src/report/render/docx.js";
import { renderHtml } from "../../server/src/report/render/html.js";
import { renderPdf } from "../../server/src/report/render/pdf.js";
import { chromiumAvailable, launchChromium, type LaunchedBrowser } from "../extension/browser.js";
import { missingSpecFigures, normalizeSpaces, specReport } from "./helpers.js";
import { docxToPdf, pdfPageCount, pdfText, pdfToPngs, pdfWordBoxes, tempDir, toolAvailable } from "./tools.js";

const hasPoppler = toolAvailable("pdftotext", "poppler-utils") && toolAvailable("pdftoppm", "poppler-utils");
const hasOffice = toolAvailable("soffice", "libreoffice-writer-nogui");
const dir = tempDir("hfa-report-");

/** Share of pixels of a PNG that are not white (decodes the 8-bit RGB/RGBA PNGs pdftoppm writes). */
function inkShare(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colorType = png[25]!;
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 1;
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  let ink = 0;
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = previous[x]!;
      const c = x >= channels ? previous[x - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      line[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const i = x * channels;
      if (line[i]! < 235 || line[i + (channels > 1 ? 1 : 0)]! < 235 || line[i + (channels > 2 ? 2 : 0)]! < 235) ink++;
    }
    previous = line;
  }
  return ink / (width * height);
}

describe.runIf(hasPoppler)("PDF (pdfmake), read by poppler", () => {
  const pdf = join(dir, "spec.pdf");
  beforeAll(async () => writeFileSync(pdf, await renderPdf(layoutReport(specReport()))));

  it("its text holds every figure of the spec §1 table", () => {
    const text = pdfText(pdf);
    expect(missingSpecFigures(text)).toEqual([]);
    expect(text).toContain("Samarbeidsavtale om kombinerte jordmorstillinger på");
    expect(text).toContain("Kristiansund kommune (1505)");
    expect(text).toMatch(/Side 1 av \d+/);
    // The chart is drawn: its caption, its legend with break-even years, and its axis labels.
    expect(text).toContain("Kumulert netto per part, 2025–2030");
    expect(normalizeSpaces(text)).toContain("Averøy kommune (2030)");
    expect(normalizeSpaces(text)).toContain("1 500 000");
  });

  it("embeds its fonts and is A4", () => {
    const fonts = readFileSync(pdf, "latin1");
    expect(fonts).toMatch(/\/FontFile2/);
    const boxes = pdfWordBoxes(pdf);
    expect(boxes[0]!.width).toBeCloseTo(595.28, 0);
    expect(boxes[0]!.height).toBeCloseTo(841.89, 0);
  });

  it("no word lies outside its page", () => {
    const outside = pdfWordBoxes(pdf).filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > w.width + 0.5 || w.yMax > w.height + 0.5);
    expect(outside).toEqual([]);
  });

  it("the --part extract fits on one or two pages", async () => {
    const extract = join(dir, "extract.pdf");
    writeFileSync(extract, await renderPdf(layoutReport(forParty(specReport(), "Kristiansund")!)));
    expect(pdfPageCount(extract)).toBeLessThanOrEqual(2);
    expect(pdfText(extract)).toContain("Partens egne tall: Kristiansund kommune (1505)");
  });

  it("every page renders, and none is blank", () => {
    const pages = pdfToPngs(pdf, dir, "spec-pdf", 30);
    expect(pages.length).toBe(pdfPageCount(pdf));
    for (const page of pages) expect(inkShare(readFileSync(page)), page).toBeGreaterThan(0.004);
  });
});

describe.runIf(hasPoppler && hasOffice)("DOCX (docx), opened by LibreOffice", () => {
  let converted = "";
  beforeAll(async () => {
    const docx = join(dir, "spec.docx");
    const bytes = await renderDocx(layoutReport(specReport()));
    // The chart is a native Word chart part, not a picture.
    expect(Buffer.from(bytes).toString("latin1")).toContain("word/charts/chart1.xml");
    writeFileSync(docx, bytes);
    converted = docxToPdf(docx, tempDir("hfa-report-docx-"));
  }, 180_000);

  it("converts to PDF whose text holds every figure of the spec §1 table", () => {
    const text = pdfText(converted, true);
    expect(missingSpecFigures(text)).toEqual([]);
    expect(text).toContain("Egen innsats, tilskudd og besparelser");
    expect(text).toMatch(/Side 1 av \d+/);
  });

  it("its pages are not blank and no word lies outside them", () => {
    for (const page of pdfToPngs(converted, dir, "spec-docx", 30)) expect(inkShare(readFileSync(page)), page).toBeGreaterThan(0.004);
    expect(pdfWordBoxes(converted).filter((w) => w.xMin < 0 || w.xMax > w.width + 0.5 || w.yMax > w.height + 0.5)).toEqual([]);
  });
});

describe.runIf(chromiumAvailable())("HTML, rendered by Chromium", () => {
  let browser: LaunchedBrowser;
  const html = renderHtml(layoutReport(specReport()));
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const [name, width] of [["A4 (210 mm = 794 px)", 794], ["a phone (360 px)", 360]] as const) {
    it(`has no horizontal overflow at ${name} and requests nothing`, async () => {
      const page = await browser.browser.newPage({ viewport: { width, height: 1000 } });
      const requests: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith("data:") && request.url() !== "about:blank") requests.push(request.url());
      });
      await page.setContent(html, { waitUntil: "load" });
      const sizes = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return { scroll: root.scrollWidth, client: root.clientWidth };
      });
      expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
      // At A4 width every table fits its box (nothing hidden behind a scroll bar); on a phone a wide table scrolls in its own box.
      const clipped = await page.evaluate(() =>
        [...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ scrollWidth: number; clientWidth: number }> } }).document.querySelectorAll(".table-box")].filter((b) => b.scrollWidth > b.clientWidth + 1).length,
      );
      if (width >= 794) expect(clipped).toBe(0);
      const text = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
      expect(missingSpecFigures(text)).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    });
  }

  it("the renderers run in the browser too (as the web app calls them): PDF and DOCX from the same model", async () => {
    // Bundled for the browser as a web build would: pdfmake's browser build, the fonts as data URLs.
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL("../../server/src/report/index.ts", import.meta.url))],
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "hfaReport",
      loader: { ".ttf": "dataurl" },
      alias: { "brotli/decompress.js": fileURLToPath(new URL("../../scripts/stubs/brotli-decompress.cjs", import.meta.url)) },
      write: false,
      logLevel: "silent",
    });
    const page = await browser.browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const model = specReport();
    const heads = await page.evaluate(async (m) => {
      const api = (globalThis as unknown as { hfaReport: { renderReportBytes(model: unknown, format: string): Promise<Uint8Array> } }).hfaReport;
      const out: Record<string, number[]> = {};
      for (const format of ["pdf", "docx", "html"]) out[format] = [...(await api.renderReportBytes(m, format)).subarray(0, 5)];
      return out;
    }, model as unknown as Record<string, unknown>);
    await page.close();
    expect(String.fromCharCode(...heads.pdf!)).toBe("%PDF-");
    expect(String.fromCharCode(...heads.docx!.slice(0, 2))).toBe("PK");
    expect(String.fromCharCode(...heads.html!)).toBe("<!DOC");
  }, 120_000);

  it("prints on A4 with each section on a new page", async () => {
    const page = await browser.browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = join(dir, "spec-html.pdf");
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
    await page.close();
    if (!hasPoppler) return;
    const boxes = pdfWordBoxes(pdf);
    expect(boxes[0]!.width).toBeCloseTo(595.28, 0);
    // Seven sections, each from a new page.
    const pages = new Map<string, number>();
    for (const heading of ["Formål", "Tiltak", "Egen", "Begrunnelser", "Vedtak", "Kontroll"]) pages.set(heading, boxes.find((w) => w.word === heading && w.page > 1)?.page ?? 0);
    const ordered = [...pages.values()];
    expect(ordered.every((p, i) => p > 1 && (i === 0 || p > ordered[i - 1]!))).toBe(true);
    expect(boxes.filter((w) => w.xMax > w.width + 0.5 || w.yMax > w.height + 0.5)).toEqual([]);
    expect(normalizeSpaces(pdfText(pdf))).toMatch(/Side 2 av \d+/);
  }, 60_000);
});
