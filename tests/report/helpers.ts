/**
 * Reports of the spec §1 example and of every sample, built as `hfa report`
 * builds them (same analysis as the checker), and the figures of the table
 * under spec §1 that every format must show to the krone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locale } from "../../server/src/analysis/index.js";
import { buildReportModel, type ReportModel } from "../../server/src/report/index.js";
import { check, type Checked } from "../helpers/workspace.js";

export const SAMPLES = fileURLToPath(new URL("../../samples/", import.meta.url));
export const REPORT_DATE = "2025-02-20";

/** The example of spec §1, verbatim (shared declarations and the agreement in one file). */
export const SPEC_EXAMPLE_PATH = fileURLToPath(new URL("./fixtures/spec-example.hfa", import.meta.url));
export const SPEC_EXAMPLE = readFileSync(SPEC_EXAMPLE_PATH, "utf8");
export const SPEC_URI = "file:///ws/spec-example.hfa";

export function specChecked(locale?: Locale): Checked {
  return check({ [SPEC_URI]: SPEC_EXAMPLE }, locale ? { locale } : {});
}

export function reportOf(checked: Checked, agreementName: string, locale: Locale = "nb"): ReportModel {
  const agreement = checked.analysis.agreements.find((a) => a.node.name.text === agreementName);
  if (!agreement) throw new Error(`no agreement ${agreementName}`);
  const file = checked.workspace.file(agreement.uri)!;
  return buildReportModel(checked.analysis, agreement, file, { locale, date: REPORT_DATE, hfaVersion: "0.1.0", fileLabel: agreement.uri });
}

export function specReport(locale: Locale = "nb"): ReportModel {
  return reportOf(specChecked(locale), "JordmorNordmøre", locale);
}

/** samples/felles + samples/avtaler, as one workspace (the samples README's CI command). */
export function samplesChecked(locale?: Locale): Checked {
  const files: Record<string, string> = {};
  for (const folder of ["felles", "avtaler"]) {
    for (const name of readdirSync(join(SAMPLES, folder)).filter((n) => n.endsWith(".hfa")).sort()) {
      files[`file:///samples/${folder}/${name}`] = readFileSync(join(SAMPLES, folder, name), "utf8");
    }
  }
  return check(files, locale ? { locale } : {});
}

/**
 * The table under spec §1 (kr, horizon 2030): own input, savings, transfers,
 * cumulative net by 2030, break-even; and the cumulative net per year.
 */
export const SPEC_TABLE = [
  { party: "HMR", name: "Helse Møre og Romsdal HF", input: "2 310 000", saving: "3 600 000", transfers: "−300 000", atHorizon: "+990 000", breakEven: "2027", cumulative: ["−510 000", "−210 000", "+90 000", "+390 000", "+690 000", "+990 000"] },
  { party: "Kristiansund", name: "Kristiansund kommune", input: "1 020 000", saving: "1 250 000", transfers: "0", atHorizon: "+230 000", breakEven: "2028", cumulative: ["−170 000", "−90 000", "−10 000", "+70 000", "+150 000", "+230 000"] },
  { party: "Averøy", name: "Averøy kommune", input: "1 020 000", saving: "750 000", transfers: "+300 000", atHorizon: "+30 000", breakEven: "2030", cumulative: ["−170 000", "−130 000", "−90 000", "−50 000", "−10 000", "+30 000"] },
  { party: "total", name: "Samlet", input: "4 350 000", saving: "5 600 000", transfers: "0", atHorizon: "+1 250 000", breakEven: "2028", cumulative: ["−850 000", "−430 000", "−10 000", "+410 000", "+830 000", "+1 250 000"] },
] as const;

/** Extracted text with every kind of space as one plain space (pdftotext, LibreOffice and HTML differ). */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009\s]+/g, " ");
}

/**
 * Every figure of the §1 table that the text of a rendered report must hold:
 * each summary row in order (party, own input, …, net at the horizon, break-even)
 * and each party's cumulative net per year in order.
 */
export function missingSpecFigures(text: string): string[] {
  const flat = normalizeSpaces(text);
  const missing: string[] = [];
  for (const row of SPEC_TABLE) {
    // The summary table: own input, grant, savings, transfers, at period end, at horizon, break-even.
    const summary = new RegExp(`${escape(row.input)} [^\\p{L}]{0,24}${escape(row.saving)} ${escape(row.transfers)} [^\\p{L}]{0,24}${escape(row.atHorizon)} ${row.breakEven}`, "u");
    if (!summary.test(flat)) missing.push(`summary row of ${row.party}: ${row.input} … ${row.atHorizon} ${row.breakEven}`);
    let from = flat.indexOf(`${row.name} År`);
    if (from < 0) from = flat.indexOf(`${row.name} Year`);
    if (from < 0) {
      missing.push(`yearly table of ${row.party}`);
      continue;
    }
    let at = from;
    for (const value of row.cumulative) {
      const found = flat.indexOf(` ${value}`, at);
      if (found < 0) {
        missing.push(`${row.party} cumulative ${value}`);
        break;
      }
      at = found + value.length;
    }
  }
  return missing;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
