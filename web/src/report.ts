/**
 * «Styrenotat»: the board memo of the agreement at the cursor, rendered by
 * the server in the worker (`hfa/report`, the same renderers as `hfa report`)
 * and downloaded — HTML, PDF or Word.
 */
import type * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import { download } from "./files.js";
import type { LanguageServer } from "./lspClient.js";

export type WebReportFormat = "html" | "pdf" | "docx";
export const WEB_REPORT_FORMATS: readonly WebReportFormat[] = ["html", "pdf", "docx"];

interface RenderedReport {
  readonly fileName: string;
  readonly mediaType: string;
  readonly base64: string;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The file name downloaded, or undefined when the cursor is not in an agreement. */
export async function downloadReport(server: LanguageServer, model: monaco.editor.ITextModel, position: monaco.IPosition, format: WebReportFormat): Promise<string | undefined> {
  const report = await server.request<RenderedReport | null>("hfa/report", { textDocument: { uri: model.uri.toString() }, position: { line: position.lineNumber - 1, character: position.column - 1 }, format });
  if (!report) return undefined;
  download(report.fileName, new Blob([bytesOf(report.base64)], { type: report.mediaType }));
  return report.fileName;
}
