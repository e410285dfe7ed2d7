/**
 * The Word report's balance chart as a reader sees it: the DOCX opened by
 * LibreOffice on a machine of another locale than the report's, its value
 * axis read back from the PDF (pdftotext). The axis is in «mill. kr» with
 * bokmål numbers («−0,5», a real minus sign) or in kroner («−100 000»)
 * whatever the reader's locale; no two of the chart's words overlap (the
 * break-even years of lines that cross zero in the same year did); and its
 * steps are those of the PDF report and of the balance view.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { niceTicks } from "../../client/src/balanceView/render.js";
import { layoutChart, valueScale, type ChartData } from "../../server/src/report/chart.js";
import { forParty, layoutReport, type ReportModel } from "../../server/src/report/index.js";
import type { Block } from "../../server/src/report/layout.js";
import { renderDocx, valueAxis } from "../../server/src/report/render/docx.js";
import { reportOf, samplesChecked, specReport } from "./helpers.js";
import { docxToPdf, pdfWordBoxes, tempDir, toolAvailable } from "./tools.js";

const hasPoppler = toolAvailable("pdftotext", "poppler-utils");
const hasOffice = toolAvailable("soffice", "libreoffice-writer-nogui");

type Word = ReturnType<typeof pdfWordBoxes>[number];

function chartOf(model: ReportModel): ChartData {
  const block = layoutReport(model).sections.flatMap((s) => s.blocks).find((b): b is Extract<Block, { kind: "chart" }> => b.kind === "chart");
  if (!block) throw new Error("the report has no chart");
  return block.chart;
}

/** The values on the axis, lowest first. */
function ticks(chart: ChartData): number[] {
  const { min, max, step } = valueScale(chart);
  const out: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) out.push(Math.round(v));
  return out;
}

/** The words of the page whose text has the chart's caption. */
function chartPage(words: readonly Word[], caption: string): Word[] {
  const first = caption.split(" ")[0]!;
  const pages = new Set(words.filter((w, i) => w.word === first && words[i + 1]?.word === caption.split(" ")[1]).map((w) => w.page));
  const page = [...pages].find((p) => words.filter((w) => w.page === p).map((w) => w.word).join(" ").includes(caption));
  if (page === undefined) throw new Error(`no page with «${caption}»`);
  return words.filter((w) => w.page === page);
}

/** Pairs of words whose boxes cover each other by more than a third of the smaller one. */
function overlaps(words: readonly Word[]): string[] {
  const out: string[] = [];
  const area = (w: Word) => (w.xMax - w.xMin) * (w.yMax - w.yMin);
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!;
      const b = words[j]!;
      const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (w > 0 && h > 0 && w * h > Math.min(area(a), area(b)) / 3) out.push(`«${a.word}» over «${b.word}»`);
    }
  }
  return out;
}

const jordmor = () => reportOf(samplesChecked(), "JordmorSøreSunnmøre");

describe("the DOCX chart's value axis", () => {
  it("is in millions with bokmål decimals and a real minus sign, in a format that names its locale", () => {
    const axis = valueAxis(chartOf(jordmor()), "nb");
    expect(axis).toMatchObject({ minimum: -1_500_000, maximum: 500_000, interval: 500_000, title: { text: "mill. kr" } });
    expect(axis.numberFormat).toBe('[$-414]#,##0.0,,;[$-414]"−"#,##0.0,,;[$-414]0');
    expect(valueAxis(chartOf(specReport("en")), "en").numberFormat).toBe('[$-409]#,##0.0,,;[$-409]"−"#,##0.0,,;[$-409]0');
  });

  it("is in kroner while every amount is below a million (a party's extract)", () => {
    const axis = valueAxis(chartOf(forParty(jordmor(), "Volda")!), "nb");
    expect(axis).toMatchObject({ interval: 100_000, title: { text: "kr" } });
    expect(axis.numberFormat).toBe('[$-414]#,##0;[$-414]"−"#,##0;[$-414]0');
  });

  it("has the steps of the PDF's chart and of the balance view, for every sample", () => {
    const checked = samplesChecked();
    for (const agreement of checked.analysis.agreements) {
      const model = reportOf(checked, agreement.node.name.text);
      if (!model.balance) continue;
      const chart = chartOf(model);
      const values = ticks(chart);
      // The PDF (and HTML) chart labels the same values…
      const pdfLabels = layoutChart(chart, 500, 210, "nb").texts.filter((t) => t.anchor === "end").map((t) => t.text.replace(/\u00a0/g, " "));
      expect(pdfLabels, agreement.node.name.text).toEqual(values.map((v) => (v < 0 ? "−" : "") + Math.abs(v).toLocaleString("en").replace(/,/g, " ")));
      // …and so does the balance view (all parties and the total, and zero).
      const all = [0, ...chart.series.flatMap((s) => s.values)];
      expect(niceTicks(Math.min(...all), Math.max(...all)), agreement.node.name.text).toEqual(values);
    }
  });
});

describe.runIf(hasPoppler && hasOffice)("the DOCX chart, opened by LibreOffice in another locale than the report's", () => {
  const dir = tempDir("hfa-docx-chart-");
  const pages: Record<string, Word[]> = {};
  const cases = {
    // bokmål, read on an English machine: the sample whose five lines all break even in 2030
    nb: { model: jordmor, systemLocale: "en_US.UTF-8", caption: "Kumulert netto per part, 2025–2030" },
    // a party's extract: every amount below a million
    part: { model: () => forParty(jordmor(), "Volda")!, systemLocale: "en_US.UTF-8", caption: "Kumulert netto per part, 2025–2030" },
    // English, read on a Norwegian machine
    en: { model: () => specReport("en"), systemLocale: "nb_NO.UTF-8", caption: "Cumulative net per party, 2025–2030" },
  } as const;

  beforeAll(async () => {
    for (const [name, c] of Object.entries(cases)) {
      const docx = join(dir, `${name}.docx`);
      writeFileSync(docx, await renderDocx(layoutReport(c.model())));
      pages[name] = chartPage(pdfWordBoxes(docxToPdf(docx, tempDir("hfa-docx-chart-pdf-"), c.systemLocale)), c.caption);
    }
  }, 300_000);

  const words = (name: keyof typeof cases) => pages[name]!.map((w) => w.word);

  it("writes the axis in «mill. kr» in bokmål: «0,5», «0», «−0,5», «−1,0», «−1,5»", () => {
    expect(words("nb")).toEqual(expect.arrayContaining(["0,5", "0", "−0,5", "−1,0", "−1,5", "mill."]));
    expect(words("nb").filter((w) => /^-\d|^\d+,\d{3}$/.test(w))).toEqual([]);
  });

  it("writes a party's axis in whole kroner, grouped in bokmål: «−100 000»", () => {
    const text = pages.part!.map((w) => w.word).join(" ");
    for (const label of ["100 000", "−100 000", "−200 000"]) expect(text).toContain(label);
    expect(words("part").filter((w) => /^-\d/.test(w))).toEqual([]);
  });

  it("writes the English report's axis in English: «NOK million», «1.5», «−0.5»", () => {
    expect(words("en")).toEqual(expect.arrayContaining(["1.5", "0.5", "0", "−0.5", "−1.0", "million"]));
  });

  it("prints the break-even year once per year, and no word of the chart over another", () => {
    for (const name of Object.keys(cases) as (keyof typeof cases)[]) expect(overlaps(pages[name]!), name).toEqual([]);
  });
});
