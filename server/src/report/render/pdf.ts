/**
 * `--format pdf` with pdfmake (runs in Node and in browsers; no browser at
 * run time): A4, Roboto embedded (the font pdfmake ships, with æ, ø, å, «»,
 * – and −; bundlers load the .ttf files as bytes: esbuild loader "binary"), selectable text, the chart as vector paths, page numbers in
 * the footer, each section on a new page, table rows never split and table
 * headers repeated on each page.
 *
 * pdfmake's own virtual file system holds the fonts: nothing here touches
 * the disk, and URL and local file access are switched off.
 */
/// <reference path="../fonts.d.ts" />
import pdfMake from "pdfmake";
// Roboto as pdfmake ships it, two faces: regular and medium (bold). Italic
// text is set in the regular face: four faces would double the fonts'
// share of the VS Code extension, and the report's quotes stand out by their
// «» and frame already.
import robotoMedium from "pdfmake/build/fonts/Roboto/Roboto-Medium.ttf";
import robotoRegular from "pdfmake/build/fonts/Roboto/Roboto-Regular.ttf";
import type { Content, TableCell } from "pdfmake/interfaces";
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import type { Locale } from "../../analysis/index.js";
import { layoutChart, type ChartShapes } from "../chart.js";
import type { Block, ReportDocument, TableBlock } from "../layout.js";

const ACCENT = "#0b4f6c";
/** A4 is 595.28 × 841.89 pt; margins 45 pt left and right. */
const CONTENT_WIDTH = 505;

let fontsReady = false;

/**
 * A bundled font as bytes: esbuild's "binary" loader gives bytes, its
 * "dataurl" loader (which a web build may use for .ttf) a `data:` URL.
 */
function fontBytes(font: Uint8Array | string): Uint8Array {
  if (typeof font !== "string") return font;
  const comma = font.indexOf(",");
  if (!font.startsWith("data:") || comma < 0 || !font.slice(0, comma).endsWith(";base64")) throw new Error("the PDF font is bundled neither as bytes nor as a base64 data URL");
  const text = atob(font.slice(comma + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function ensureFonts(): void {
  if (fontsReady) return;
  const engine = pdfMake as unknown as { virtualfs: { writeFileSync(name: string, data: Uint8Array): void } };
  engine.virtualfs.writeFileSync("Roboto-Regular.ttf", fontBytes(robotoRegular));
  engine.virtualfs.writeFileSync("Roboto-Medium.ttf", fontBytes(robotoMedium));
  pdfMake.setFonts({ Roboto: { normal: "Roboto-Regular.ttf", bold: "Roboto-Medium.ttf", italics: "Roboto-Regular.ttf", bolditalics: "Roboto-Medium.ttf" } });
  // The report embeds no images or remote resources: refuse any.
  const policies = pdfMake as unknown as { setUrlAccessPolicy?(f: () => boolean): void; setLocalAccessPolicy?(f: () => boolean): void };
  policies.setUrlAccessPolicy?.(() => false);
  policies.setLocalAccessPolicy?.(() => false);
  fontsReady = true;
}

function chartContent(shapes: ChartShapes): Content {
  const canvas: object[] = [];
  for (const r of shapes.rects) canvas.push({ type: "rect", x: r.x, y: r.y, w: r.w, h: r.h, color: r.color });
  for (const l of shapes.lines) {
    canvas.push({ type: "polyline", lineWidth: l.width, lineColor: l.color, points: l.points.map(([x, y]) => ({ x, y })), ...(l.dash ? { dash: { length: 4, space: 3 } } : {}) });
  }
  for (const m of shapes.markers) {
    canvas.push({ type: "ellipse", x: m.x, y: m.y, r1: m.r, r2: m.r, color: m.r > 3 ? "#ffffff" : m.color, lineColor: m.color, lineWidth: m.r > 3 ? 2 : 0.1 });
  }
  // Texts are placed relative to the chart's top left corner and take no space of their own.
  const texts: Content[] = shapes.texts.map((t) => {
    // A label's box must stay inside the chart (pdfmake drops a block that does not fit its width):
    // legend entries (start-anchored) reach to the chart's right edge, axis labels get a narrow box.
    const labelWidth = t.anchor === "start" ? Math.max(20, shapes.width - t.x - 2) : 120;
    const left = t.anchor === "start" ? t.x : t.anchor === "end" ? t.x - labelWidth : t.x - labelWidth / 2;
    const alignment = t.anchor === "start" ? "left" : t.anchor === "end" ? "right" : "center";
    return {
      columns: [{ width: labelWidth, text: t.text, fontSize: t.size, color: t.color, alignment, bold: t.bold ?? false }],
      relativePosition: { x: left, y: t.y - t.size * 0.95 },
    } as Content;
  });
  return { stack: [...texts, { canvas } as Content], unbreakable: true, margin: [0, 4, 0, 4] } as Content;
}

function tableContent(block: TableBlock): Content {
  const cell = (text: string, i: number, style: Partial<Record<"bold" | "fillColor" | "color", unknown>> = {}): TableCell =>
    ({ text, alignment: block.align[i] === "right" ? "right" : "left", noWrap: false, ...style }) as TableCell;
  const muted = new Set(block.muted ?? []);
  const body: TableCell[][] = [
    block.header.map((h, i) => cell(h, i, { bold: true, fillColor: "#e8eff2" })),
    ...block.rows.map((r, ri) => r.map((c, i) => cell(c, i, muted.has(ri) ? { color: "#555555", fillColor: "#f6f6f6" } : {}))),
    ...(block.footer ?? []).map((r) => r.map((c, i) => cell(c, i, { bold: true }))),
  ];
  const total = (block.widths ?? block.header.map(() => 1)).reduce((a, b) => a + b, 0);
  const widths = (block.widths ?? block.header.map(() => 1)).map((w) => `${((w / total) * 100).toFixed(2)}%`);
  const footerStart = 1 + block.rows.length;
  return {
    table: { headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1, widths, body },
    layout: {
      hLineWidth: (i: number) => (i === footerStart && block.footer ? 1.2 : 0.5),
      vLineWidth: () => 0,
      hLineColor: () => "#c8c8c8",
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize: 8,
    margin: [0, 3, 0, 8],
  } as Content;
}

function blockContent(block: Block, locale: Locale): Content {
  switch (block.kind) {
    case "title":
      return {
        stack: [
          { text: block.overline.toLocaleUpperCase(locale), fontSize: 9, color: "#555555", characterSpacing: 1 },
          { text: block.title, fontSize: 20, bold: true, color: ACCENT, margin: [0, 4, 0, 12] },
          {
            table: { widths: ["auto", "*"], body: block.facts.map(([k, v]) => [{ text: k, bold: true }, { text: v }]) },
            layout: "noBorders",
          },
        ],
      } as Content;
    case "banner":
      return {
        table: { widths: ["*"], body: [[{ text: block.text, bold: true, color: "#7a0000", fillColor: "#fdecea", margin: [6, 4, 6, 4] }]] },
        layout: { hLineColor: () => "#a30000", vLineColor: () => "#a30000", hLineWidth: () => 1.5, vLineWidth: () => 1.5 },
        margin: [0, 10, 0, 10],
      } as Content;
    case "heading": {
      const size = block.level === 1 ? 15 : block.level === 2 ? 12 : 10.5;
      return { text: block.text, fontSize: size, bold: true, color: block.level === 3 ? "#1b1b1b" : ACCENT, margin: [0, block.level === 1 ? 6 : 10, 0, 4] } as Content;
    }
    case "paragraph":
      return {
        text: block.label ? [{ text: `${block.label}: `, bold: true }, block.text] : block.text,
        fontSize: block.note ? 8.5 : 10,
        color: block.note ? "#444444" : "#1b1b1b",
        margin: [0, 2, 0, 5],
      } as Content;
    case "quote":
      return {
        table: { widths: ["*"], body: [[{ stack: [{ text: `«${block.text}»`, italics: true }, { text: block.source, fontSize: 8, color: "#444444", margin: [0, 3, 0, 0] }], fillColor: "#f4f8fa" }]] },
        layout: { vLineWidth: (i: number) => (i === 0 ? 2.5 : 0), hLineWidth: () => 0, vLineColor: () => "#8aa9b8", paddingLeft: () => 8 },
        fontSize: 9.5,
        margin: [0, 2, 0, 8],
        unbreakable: true,
      } as Content;
    case "list":
      return { ul: [...block.items], fontSize: 9.5, margin: [0, 2, 0, 6] } as Content;
    case "table":
      return tableContent(block);
    case "chart":
      return { stack: [chartContent(layoutChart(block.chart, CONTENT_WIDTH, 210, locale)), { text: block.caption, fontSize: 8, color: "#444444", margin: [0, 2, 0, 8] }], unbreakable: true } as Content;
  }
}

/** The pdfmake document definition (pure data; exported for tests and the web app). */
export function pdfDefinition(doc: ReportDocument): TDocumentDefinitions {
  const content: Content[] = [];
  doc.sections.forEach((section, s) => {
    // A heading never ends a page: headings travel with the block after them
    // (a table's first rows stay with its header row instead: keepWithHeaderRows).
    const groups: Content[][] = [];
    let pending: Content[] = [];
    for (const block of section.blocks) {
      const item = blockContent(block, doc.lang);
      if (block.kind === "heading" || block.kind === "title") {
        pending.push(item);
        continue;
      }
      groups.push(block.kind === "table" ? [...pending, item] : [{ stack: [...pending, item], unbreakable: true } as Content]);
      pending = [];
    }
    if (pending.length > 0) groups.push(pending);
    groups.flat().forEach((item, i) => content.push(s > 0 && i === 0 ? ({ ...(item as object), pageBreak: "before" } as Content) : item));
  });
  const pageWord = doc.lang === "nb" ? "Side" : "Page";
  const ofWord = doc.lang === "nb" ? "av" : "of";
  return {
    pageSize: "A4",
    pageMargins: [45, 50, 45, 50],
    info: { title: doc.title, creator: "HFA", producer: "HFA (pdfmake)" },
    language: doc.lang === "nb" ? "nb-NO" : "en",
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    header: (page: number) => (page === 1 ? null : { text: doc.title, fontSize: 7.5, color: "#666666", margin: [45, 24, 45, 0] }),
    footer: (page: number, pages: number) => ({ text: `${pageWord} ${page} ${ofWord} ${pages}`, alignment: "center", fontSize: 8, color: "#555555", margin: [0, 16, 0, 0] }),
    content,
  } as TDocumentDefinitions;
}

export async function renderPdf(doc: ReportDocument): Promise<Uint8Array> {
  ensureFonts();
  const buffer = await pdfMake.createPdf(pdfDefinition(doc)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
