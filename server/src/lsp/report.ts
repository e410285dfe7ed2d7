/**
 * The LSP request `hfa/report` (docs/lsp.md): the report of the agreement at
 * a position, from the server's current analysis — the same ReportModel
 * `hfa report --format json` writes — or, with `format`, the rendered
 * document as base64 with its file name and media type. The client only
 * writes and opens what it gets; it never recomputes a figure.
 */
import type { Locale } from "../analysis/index.js";
import { buildReportModel, FILE_EXTENSIONS, forParty, isoDate, isReportFormat, MEDIA_TYPES, renderReportBytes, type ReportFormat, type ReportModel } from "../report/index.js";
import type { FeatureContext } from "./features/api.js";
import { agreementForBalance } from "./features/balance.js";

export interface ReportParams {
  readonly textDocument: { readonly uri: string };
  readonly position?: unknown;
  /** Omitted: the ReportModel itself. */
  readonly format?: unknown;
  /** A party id (or name or municipality number) for the `--part` extract. */
  readonly part?: unknown;
}

export interface RenderedReport {
  readonly format: ReportFormat;
  readonly fileName: string;
  readonly mediaType: string;
  /** The document's bytes, base64. */
  readonly base64: string;
  /** The figures it was rendered from. */
  readonly model: ReportModel;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Null when there is no agreement at the offset, the format is unknown or `part` is not a party. */
export async function reportRequest(ctx: FeatureContext, offset: number, params: ReportParams, version: string, locale: Locale): Promise<ReportModel | RenderedReport | null> {
  const agreement = agreementForBalance(ctx, offset);
  if (!agreement) return null;
  if (params.format !== undefined && !isReportFormat(params.format)) return null;
  const model = buildReportModel(ctx.analysis, agreement, ctx.file, { locale, date: isoDate(), hfaVersion: version, fileLabel: agreement.uri });
  const chosen = typeof params.part === "string" ? forParty(model, params.part) : model;
  if (!chosen) return null;
  if (params.format === undefined) return chosen;
  const format = params.format;
  const bytes = await renderReportBytes(chosen, format);
  const name = agreement.node.name.text.normalize("NFC").replace(/[^\p{L}\p{N}_-]+/gu, "-") || "rapport";
  const suffix = chosen.part !== undefined ? `-${chosen.part}` : "";
  return { format, fileName: `${name}${suffix}${FILE_EXTENSIONS[format]}`, mediaType: MEDIA_TYPES[format], base64: toBase64(bytes), model: chosen };
}
