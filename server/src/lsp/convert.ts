/**
 * Offsets ↔ LSP positions (through each file's `LineIndex`) and the core's
 * diagnostics ↔ LSP diagnostics. No rule logic here: the analysis decides
 * what is reported; this module only says it in LSP terms.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver";
import type { Diagnostic, LineIndex, Severity, TextEdit } from "../analysis/index.js";

/** Something that maps offsets to positions: a file's `LineIndex`. */
export type Lines = Pick<LineIndex, "position" | "offset" | "lineCount" | "lineStart" | "text">;

export function toPosition(lines: Lines, offset: number): Position {
  return lines.position(offset);
}

export function toRange(lines: Lines, start: number, end: number): Range {
  return { start: lines.position(start), end: lines.position(Math.max(start, end)) };
}

export function toTextEdit(lines: Lines, edit: TextEdit): LspTextEdit {
  return { range: toRange(lines, edit.start, edit.end), newText: edit.newText };
}

function isPosition(value: unknown): value is Position {
  if (typeof value !== "object" || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character);
}

/**
 * The offset of an LSP position, clamped as the LSP specification says: a
 * character past the end of its line means the line's end, and a line past
 * the last line means the end of the document (so "the whole buffer" as
 * `{ line: 0 } … { line: 99999 }`, or a range to `character: 999`, gets the
 * answer for the text that is there). Undefined only for what is no position
 * at all (not an object of integers, or negative).
 */
export function toOffset(lines: Lines, position: unknown): number | undefined {
  if (!isPosition(position)) return undefined;
  if (position.line < 0 || position.character < 0) return undefined;
  // `LineIndex.offset` clamps to the line's end (before its line break) and to the document's end.
  return lines.offset(position);
}

/** Offsets of an LSP range, both ends clamped as `toOffset` does; undefined when either end is no position. */
export function toOffsetRange(lines: Lines, range: unknown): { start: number; end: number } | undefined {
  if (typeof range !== "object" || range === null) return undefined;
  const { start, end } = range as { start?: unknown; end?: unknown };
  const s = toOffset(lines, start);
  const e = toOffset(lines, end);
  if (s === undefined || e === undefined) return undefined;
  return { start: Math.min(s, e), end: Math.max(s, e) };
}

/**
 * Information that is good news, not a problem to act on: HFA503 (the measure
 * serves a small hospital's catchment, favoured in allocation). Published
 * with severity Hint, which VS Code draws as faint dots rather than a
 * squiggle and leaves out of the Problems panel (docs/extension.md says why).
 * Only when the rule has its default severity: a project that raised it in
 * hfa.json gets what it asked for.
 */
export const GOOD_NEWS: ReadonlySet<string> = new Set(["HFA503"]);

function publishedSeverity(diagnostic: Diagnostic): DiagnosticSeverity {
  if (diagnostic.severity === "information" && GOOD_NEWS.has(diagnostic.code)) return DiagnosticSeverity.Hint;
  return toLspSeverity(diagnostic.severity);
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case "error":
      return DiagnosticSeverity.Error;
    case "warning":
      return DiagnosticSeverity.Warning;
    case "information":
      return DiagnosticSeverity.Information;
    case "hint":
      return DiagnosticSeverity.Hint;
  }
}

/** What a published diagnostic carries for code actions (`Diagnostic.data`). */
export interface DiagnosticData {
  /** The diagnostic's offsets in the text it was computed for. */
  readonly start: number;
  readonly end: number;
  /** The quick fixes, as LSP edits of the diagnostic's file. */
  readonly fixes?: readonly { readonly title: string; readonly preferred: boolean; readonly edits: readonly LspTextEdit[] }[];
}

export interface ConvertContext {
  /** The line index of any workspace file (for related information in other files). */
  lines(uri: string): Lines | undefined;
  /** `…/docs/rules/` as a URI, ending in `/`. */
  readonly docsBaseUri: string;
  /** `docs.baseUrl` of the hfa.json of the file's own workspace (ending in `/`), when set: rule links point at the published pages. */
  webDocsBaseUrl?(uri: string): string | undefined;
  /**
   * Changes whenever any workspace's `docs.baseUrl` does: every rule link
   * may then differ though no diagnostic did, so every published file is
   * converted again (./diagnostics.ts).
   */
  ruleLinksKey?(): string;
}

/** Where a rule's page is: the published page when hfa.json names a base URL, else the page shipped with the server. */
export function ruleHref(code: string, uri: string, ctx: ConvertContext): string {
  return (ctx.webDocsBaseUrl?.(uri) ?? ctx.docsBaseUri) + code + ".md";
}

export function toLspDiagnostic(diagnostic: Diagnostic, lines: Lines, ctx: ConvertContext): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const info of diagnostic.related ?? []) {
    const other = info.uri === diagnostic.uri ? lines : ctx.lines(info.uri);
    if (!other) continue;
    related.push({ location: { uri: info.uri, range: toRange(other, info.start, info.end) }, message: info.message });
  }
  const data: DiagnosticData = {
    start: diagnostic.start,
    end: diagnostic.end,
    ...(diagnostic.fixes && diagnostic.fixes.length > 0
      ? { fixes: diagnostic.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred === true, edits: fix.edits.map((edit) => toTextEdit(lines, edit)) })) }
      : {}),
  };
  const out: LspDiagnostic = {
    range: toRange(lines, diagnostic.start, diagnostic.end),
    severity: publishedSeverity(diagnostic),
    code: diagnostic.code,
    codeDescription: { href: ruleHref(diagnostic.code, diagnostic.uri, ctx) },
    source: "hfa",
    message: diagnostic.message,
    data,
  };
  if (related.length > 0) out.relatedInformation = related;
  if (diagnostic.tags && diagnostic.tags.length > 0) out.tags = diagnostic.tags.map(() => DiagnosticTag.Unnecessary);
  return out;
}

/**
 * The package root: the folder with `docs/rules`, found from the running
 * bundle (`dist/server.js` → `..`) or, when run from source, from this file.
 */
export function packageRoot(): string {
  const candidates = [typeof __dirname === "string" ? __dirname : process.cwd(), process.argv[1] ? dirname(process.argv[1]) : process.cwd()];
  for (const start of candidates) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      if (existsSync(join(dir, "docs", "rules", "codes.json"))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return join(candidates[0]!, "..");
}

export function docsBaseUriOf(root: string): string {
  const href = pathToFileURL(join(root, "docs", "rules")).href;
  return href.endsWith("/") ? href : href + "/";
}
