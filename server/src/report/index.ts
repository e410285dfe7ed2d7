/**
 * The report API (spec §8 "Reports"), shared by the CLI (`hfa report`), the
 * language server (`hfa/report`) and the web app:
 *
 *   buildReportModel(analysis, agreement, file, options) → ReportModel
 *   buildOverviewModel(analysis, communityId, options)   → OverviewModel
 *   renderReport(model, format)                          → string | Uint8Array
 *
 * No Node `fs` anywhere below: the renderers return the document's bytes or
 * text, and the caller decides where they go.
 */
import { layoutOverview, layoutReport, type ReportDocument } from "./layout.js";
import type { ReportModel } from "./model.js";
import type { OverviewModel } from "./overview.js";
import { renderHtml } from "./render/html.js";
import { renderJson } from "./render/json.js";
import { renderMarkdown } from "./render/markdown.js";

export { buildReportModel, forParty, isoDate, REPORT_SCHEMA_VERSION, type ReportModel, type ReportOptions } from "./model.js";
export { buildOverviewModel, type OverviewModel } from "./overview.js";
export { layoutOverview, layoutReport, type ReportDocument } from "./layout.js";

export const REPORT_FORMATS = ["html", "pdf", "docx", "md", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FILE_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { html: ".html", pdf: ".pdf", docx: ".docx", md: ".md", json: ".json" };
export const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  json: "application/json",
};

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === "string" && (REPORT_FORMATS as readonly string[]).includes(value);
}

function documentOf(model: ReportModel | OverviewModel): ReportDocument {
  return model.kind === "overview" ? layoutOverview(model) : layoutReport(model);
}

/** The document in `format`: text for html, md and json; bytes for pdf and docx. */
export async function renderReport(model: ReportModel | OverviewModel, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case "json":
      return renderJson(model);
    case "html":
      return renderHtml(documentOf(model));
    case "md":
      return renderMarkdown(documentOf(model));
    // pdfmake (with its fonts) and docx are loaded only when asked for: `hfa check`
    // and the language server start without evaluating them.
    case "pdf":
      return (await import("./render/pdf.js")).renderPdf(documentOf(model));
    case "docx":
      return (await import("./render/docx.js")).renderDocx(documentOf(model));
  }
}

/** As `renderReport`, always as bytes (UTF-8 for the text formats). */
export async function renderReportBytes(model: ReportModel | OverviewModel, format: ReportFormat): Promise<Uint8Array> {
  const out = await renderReport(model, format);
  return typeof out === "string" ? new TextEncoder().encode(out) : out;
}
