/**
 * The Word report's tables as a reader sees them: every sample's report, in
 * bokmål and in English, opened by LibreOffice, read back with
 * `pdftotext -layout`. Each row's amounts must stand whole on one line, in
 * order: a column too narrow for its widest amount breaks it over two lines
 * («12,282,00» / «0» in the English total row of the balance table, whose
 * thousands separators are wider than bokmål's narrow spaces); and no word
 * of a column heading is broken («Overføring» / «er»).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../server/src/analysis/index.js";
import { layoutReport } from "../../server/src/report/index.js";
import type { Block } from "../../server/src/report/layout.js";
import { renderDocx } from "../../server/src/report/render/docx.js";
import { normalizeSpaces, reportOf, samplesChecked } from "./helpers.js";
import { docxesToPdf, pdfText, pdfWordBoxes, tempDir, toolAvailable } from "./tools.js";

const hasPoppler = toolAvailable("pdftotext", "poppler-utils");
const hasOffice = toolAvailable("soffice", "libreoffice-writer-nogui");

type TableBlock = Extract<Block, { kind: "table" }>;

/**
 * Each table row's amounts (its right-aligned cells without letters: amounts,
 * shares, years), in order, with a label saying where it is. A wrapped text
 * such as «ikke innen 2031» is a line break between words, not a broken figure.
 */
function amountRows(tables: readonly TableBlock[]): { where: string; cells: string[] }[] {
  return tables.flatMap((table) =>
    [...table.rows, ...(table.footer ?? [])].map((row) => ({
      where: `${table.header.join(" | ")} — ${row[0]}`,
      cells: row.filter((cell, i) => table.align[i] === "right" && !/\p{L}/u.test(cell)).map(normalizeSpaces),
    })),
  );
}

/** The rows whose amounts are not all on one line of the text, in order (none, when every column is wide enough). */
function brokenRows(text: string, rows: ReturnType<typeof amountRows>): string[] {
  const lines = normalizeSpaces(text.replace(/\n/g, "\u0000")).split("\u0000");
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return rows
    .filter((row) => row.cells.length > 0)
    .filter((row) => {
      const pattern = new RegExp(`(^|\\s)${row.cells.map(escape).join("\\s+")}(\\s|$)`);
      return !lines.some((line) => pattern.test(line));
    })
    .map((row) => `${row.where}: ${row.cells.join("  ")}`);
}

type WordBox = ReturnType<typeof pdfWordBoxes>[number];

/**
 * Heading words broken over two lines: a word of the page and the word just
 * under it, in the same column, that together spell one of `headings`
 * («Overføring» over «er»).
 */
function brokenWords(words: readonly WordBox[], headings: readonly string[]): string[] {
  const wanted = new Set(headings.filter((word) => word.length >= 4));
  const out: string[] = [];
  for (const top of words) {
    for (const below of words) {
      if (below.page !== top.page || below === top) continue;
      const next = below.yMin >= top.yMax - 1 && below.yMin - top.yMax < (top.yMax - top.yMin) * 0.8;
      const sameColumn = below.xMin < top.xMax && below.xMax > top.xMin;
      if (next && sameColumn && wanted.has(top.word + below.word)) out.push(`«${top.word}» / «${below.word}»`);
    }
  }
  return out;
}

describe.runIf(hasPoppler && hasOffice)("the DOCX report's tables, opened by LibreOffice", () => {
  const locales: Locale[] = ["nb", "en"];
  const cases: { name: string; locale: Locale; rows: ReturnType<typeof amountRows>; headings: string[]; docx: string }[] = [];
  const texts = new Map<string, string>();
  const boxes = new Map<string, ReturnType<typeof pdfWordBoxes>>();

  beforeAll(async () => {
    const dir = tempDir("hfa-docx-tables-");
    for (const locale of locales) {
      const checked = samplesChecked(locale);
      for (const agreement of checked.analysis.agreements) {
        const name = agreement.node.name.text;
        const layout = layoutReport(reportOf(checked, name, locale));
        const tables = layout.sections.flatMap((s) => s.blocks).filter((b): b is TableBlock => b.kind === "table");
        const docx = join(dir, `${name}-${locale}.docx`);
        writeFileSync(docx, await renderDocx(layout));
        const headings = [...new Set(tables.flatMap((t) => t.header.flatMap((h) => normalizeSpaces(h).split(" "))))].filter((w) => w !== "");
        cases.push({ name, locale, rows: amountRows(tables), headings, docx });
      }
    }
    const pdfs = docxesToPdf(
      cases.map((c) => c.docx),
      tempDir("hfa-docx-tables-pdf-"),
    );
    pdfs.forEach((pdf, i) => {
      texts.set(cases[i]!.docx, pdfText(pdf, true));
      boxes.set(cases[i]!.docx, pdfWordBoxes(pdf));
    });
  }, 600_000);

  it("renders every sample in both languages, with tables of amounts", () => {
    expect(cases.length).toBeGreaterThanOrEqual(2 * 7);
    for (const c of cases) expect(c.rows.length, `${c.name} (${c.locale})`).toBeGreaterThan(5);
  });

  it("keeps every row's amounts whole and on one line, in every sample and both languages", () => {
    const broken = cases.flatMap((c) => brokenRows(texts.get(c.docx)!, c.rows).map((row) => `${c.name} (${c.locale}): ${row}`));
    expect(broken).toEqual([]);
  });

  it("breaks no word of a column heading (a heading wraps between words only)", () => {
    const broken = cases.flatMap((c) => brokenWords(boxes.get(c.docx)!, c.headings).map((word) => `${c.name} (${c.locale}): ${word}`));
    expect(broken).toEqual([]);
  });

  it("sees a broken heading word as broken (the check itself)", () => {
    const box = (word: string, xMin: number, yMin: number): WordBox => ({ page: 1, width: 595, height: 842, xMin, yMin, xMax: xMin + 5 * word.length, yMax: yMin + 8, word });
    expect(brokenWords([box("Overføring", 300, 100), box("er", 330, 109)], ["Overføringer"])).toEqual(["«Overføring» / «er»"]);
    expect(brokenWords([box("Overføringer", 300, 100), box("er", 330, 109)], ["Overføringer"])).toEqual([]);
  });

  it("sees a broken amount as broken (the check itself)", () => {
    const rows = [{ where: "Total", cells: ["12,282,000", "3,600,000"] }];
    expect(brokenRows("Total   12,282,00    3,600,000\n           0\n", rows)).toHaveLength(1);
    expect(brokenRows("Total   12,282,000   3,600,000\n", rows)).toEqual([]);
  });
});
