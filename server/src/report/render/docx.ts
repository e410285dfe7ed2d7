/**
 * `--format docx` with the `docx` package: real Word headings (Overskrift
 * 1–3), tables with a repeated header row whose rows never split, the
 * document's own styles (so a secretariat can paste sections into a
 * saksframlegg and keep its look), page numbers in the footer, and the chart
 * as a native Word line chart (its data in the document, editable in Word)
 * with break-even marked on each line.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from "docx";
import { ChartRun, type ChartValueAxis } from "docx/charts";
import type { Locale } from "../../analysis/index.js";
import { SERIES_COLORS, valueScale, type ChartData } from "../chart.js";
import { word } from "../labels.js";
import type { Block, ReportDocument, TableBlock } from "../layout.js";

const ACCENT = "0B4F6C";
const FONT = "Calibri";

function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text, bold: options.bold, italics: options.italics, size: options.size, color: options.color });
}

function table(block: TableBlock): Table {
  const total = (block.widths ?? block.header.map(() => 1)).reduce((a, b) => a + b, 0);
  const widths = (block.widths ?? block.header.map(() => 1)).map((w) => Math.round((w / total) * 100));
  const muted = new Set(block.muted ?? []);
  const cell = (text: string, i: number, kind: "head" | "body" | "muted" | "foot") =>
    new TableCell({
      width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
      shading: kind === "head" ? { type: ShadingType.CLEAR, fill: "E8EFF2", color: "auto" } : kind === "muted" ? { type: ShadingType.CLEAR, fill: "F4F4F4", color: "auto" } : undefined,
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: block.align[i] === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { before: 0, after: 0 },
          children: [run(text, { bold: kind === "head" || kind === "foot", size: kind === "head" ? 15 : 16, color: kind === "muted" ? "555555" : undefined })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((h, i) => cell(h, i, "head")) }),
    ...block.rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, muted.has(ri) ? "muted" : "body")) })),
    ...(block.footer ?? []).map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, "foot")) })),
  ];
  const line = { style: BorderStyle.SINGLE, size: 4, color: "C8C8C8" };
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows,
    borders: { top: line, bottom: line, left: none, right: none, insideHorizontal: line, insideVertical: none },
  });
}

/** Windows locale ids: `[$-414]` is Norwegian bokmål, `[$-409]` English (United States). */
const FORMAT_LOCALE: Record<Locale, string> = { nb: "[$-414]", en: "[$-409]" };

/**
 * The value axis in kroner, or in millions once an amount reaches a million
 * (as the balance view does), on the same round steps as the PDF's and the
 * HTML's chart. The number format names its locale, because a chart's
 * format otherwise follows the reader's own settings (LibreOffice's too):
 * `[$-414]#,##0` writes «1 500 000» and `0,0` for a decimal in bokmål.
 * `,,` after the digits divides by a million; negatives get a real minus
 * sign («−»), zero is «0».
 */
export function valueAxis(chart: ChartData, locale: Locale): ChartValueAxis {
  const scale = valueScale(chart);
  const millions = Math.max(Math.abs(scale.min), Math.abs(scale.max)) >= 1_000_000;
  const unitStep = millions ? scale.step / 1_000_000 : scale.step;
  let decimals = 0;
  while (decimals < 3 && Math.abs(unitStep * 10 ** decimals - Math.round(unitStep * 10 ** decimals)) > 1e-9) decimals++;
  const lcid = FORMAT_LOCALE[locale];
  const digits = `#,##0${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}${millions ? ",," : ""}`;
  return {
    minimum: scale.min,
    maximum: scale.max,
    interval: scale.step,
    numberFormat: `${lcid}${digits};${lcid}"−"${digits};${lcid}0`,
    title: { text: word(millions ? "axisMillions" : "axisKroner", locale), font: { size: 9, bold: false } },
  };
}

/**
 * One label per break-even year, on the highest of the lines that break
 * even that year: the labels of lines that cross zero in the same year sit
 * on top of each other otherwise. Every line's year is in the legend too.
 */
function breakEvenLabels(chart: ChartData): Map<number, number> {
  const labelled = new Map<number, number>();
  chart.series.forEach((series, s) => {
    const year = series.breakEven;
    const i = year === undefined ? -1 : chart.years.indexOf(year);
    if (year === undefined || i < 0) return;
    const current = labelled.get(year);
    if (current === undefined || series.values[i]! > chart.series[current]!.values[i]!) labelled.set(year, s);
  });
  return labelled;
}

function chart(block: Extract<Block, { kind: "chart" }>, locale: Locale): Paragraph {
  const years = block.chart.years;
  const labelled = breakEvenLabels(block.chart);
  return new Paragraph({
    keepNext: true,
    children: [
      new ChartRun({
        type: "line",
        categories: years.map(String),
        markers: true,
        series: block.chart.series.map((s, i) => ({
          name: s.breakEven !== undefined ? `${s.label} (${s.breakEven})` : s.label,
          values: s.values.map((v) => Math.round(v)),
          color: SERIES_COLORS[i % SERIES_COLORS.length]!.slice(1).toUpperCase(),
          pointLabels: years.map((y) => (y === s.breakEven && labelled.get(y) === i ? { text: String(y), position: "above" as const } : undefined)),
        })),
        valueAxis: valueAxis(block.chart, locale),
        // The years along the bottom, below negative values too, not on the zero line.
        categoryAxis: { crossesAt: "minimum" },
        legend: { position: "bottom" },
        transformation: { width: 620, height: 300 },
        altText: { name: block.title, description: block.caption, title: block.title },
      }),
    ],
  });
}

function blockChildren(block: Block, locale: Locale, pageBreakBefore: boolean): FileChild[] {
  switch (block.kind) {
    case "title":
      return [
        new Paragraph({ pageBreakBefore, children: [run(block.overline.toLocaleUpperCase(locale), { size: 18, color: "555555" })] }),
        new Paragraph({ heading: HeadingLevel.TITLE, children: [run(block.title)] }),
        ...block.facts.map(([k, v]) => new Paragraph({ spacing: { after: 40 }, children: [run(`${k}: `, { bold: true }), run(v)] })),
      ];
    case "banner":
      return [
        new Paragraph({
          pageBreakBefore,
          shading: { type: ShadingType.CLEAR, fill: "FDECEA", color: "auto" },
          border: { top: { style: BorderStyle.SINGLE, size: 12, color: "A30000" }, bottom: { style: BorderStyle.SINGLE, size: 12, color: "A30000" }, left: { style: BorderStyle.SINGLE, size: 12, color: "A30000" }, right: { style: BorderStyle.SINGLE, size: 12, color: "A30000" } },
          spacing: { before: 200, after: 200 },
          children: [run(block.text, { bold: true, color: "7A0000" })],
        }),
      ];
    case "heading": {
      const heading = block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      return [new Paragraph({ heading, pageBreakBefore, keepNext: true, children: [run(block.text)] })];
    }
    case "paragraph":
      return [
        new Paragraph({
          pageBreakBefore,
          children: [...(block.label ? [run(`${block.label}: `, { bold: true, size: block.note ? 18 : undefined })] : []), run(block.text, { size: block.note ? 18 : undefined, color: block.note ? "444444" : undefined })],
        }),
      ];
    case "quote":
      return [
        new Paragraph({ pageBreakBefore, style: "Quote", keepNext: true, children: [run(`«${block.text}»`, { italics: true })] }),
        new Paragraph({ style: "Quote", children: [run(block.source, { size: 16, color: "444444" })] }),
      ];
    case "list":
      return block.items.map((item, i) => new Paragraph({ pageBreakBefore: pageBreakBefore && i === 0, bullet: { level: 0 }, children: [run(item)] }));
    case "table":
      return [...(pageBreakBefore ? [new Paragraph({ pageBreakBefore: true })] : []), table(block), new Paragraph({ spacing: { after: 80 } })];
    case "chart":
      return [chart(block, locale), new Paragraph({ children: [run(block.caption, { size: 16, color: "444444" })] })];
  }
}

export function docxDocument(doc: ReportDocument): Document {
  const children: FileChild[] = [];
  doc.sections.forEach((section, s) =>
    section.blocks.forEach((block, b) => {
      for (const child of blockChildren(block, doc.lang, s > 0 && b === 0)) children.push(child);
    }),
  );
  const page = doc.lang === "nb" ? ["Side ", " av "] : ["Page ", " of "];
  return new Document({
    creator: "HFA",
    title: doc.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 }, paragraph: { spacing: { after: 100 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: ACCENT } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 25, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading3: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 60 } } },
      },
      paragraphStyles: [
        {
          id: "Quote",
          name: "Quote",
          basedOn: "Normal",
          next: "Normal",
          run: { color: "333333" },
          paragraph: { indent: { left: 400 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: "8AA9B8", space: 8 } } },
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1020, bottom: 1134, left: 1020, right: 1020 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 16, children: [page[0]!, PageNumber.CURRENT, page[1]!, PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
}

export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  const buffer = await Packer.toArrayBuffer(docxDocument(doc));
  return new Uint8Array(buffer);
}
