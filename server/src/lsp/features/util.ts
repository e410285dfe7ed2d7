/**
 * Small shared helpers of the language features: offsets ↔ LSP ranges,
 * localisation, and the "never throw" guard every feature runs under.
 */
import type { Location, Range } from "vscode-languageserver";
import type { Locale, SourceFile, Workspace } from "../../analysis/index.js";
import type { Span } from "../../../../grammar/src/ast.js";

export function say(locale: Locale, nb: string, en: string): string {
  return locale === "en" ? en : nb;
}

/** Clamps an offset into `[0, length]`; NaN and non-numbers become 0. */
export function clampOffset(offset: number, length: number): number {
  if (typeof offset !== "number" || !Number.isFinite(offset)) return offset === Infinity ? length : 0;
  return Math.max(0, Math.min(Math.floor(offset), length));
}

export function rangeOf(file: SourceFile, span: Span): Range {
  const start = file.lines.position(span.start);
  const end = file.lines.position(Math.max(span.start, span.end));
  return { start, end };
}

export function locationOf(file: SourceFile, span: Span): Location {
  return { uri: file.uri, range: rangeOf(file, span) };
}

/** A location in any file of the workspace (undefined when the file is unknown). */
export function locationIn(workspace: Workspace, uri: string, span: Span): Location | undefined {
  const file = workspace.file(uri);
  return file ? locationOf(file, span) : undefined;
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

/** Contains, counting the position just after the last character (a cursor after a word). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Tests set `rethrow` so that a bug surfaces instead of becoming an empty result. */
export const featureDebug = { rethrow: false };

/** Runs a feature; any exception gives the fallback (features never throw, api.ts). */
export function guard<T>(fallback: () => T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (featureDebug.rethrow) throw error;
    return fallback();
  }
}

/** The file name at the end of a URI, decoded. */
export function fileName(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Markdown-escapes text that is shown literally. */
export function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|#])/g, "\\$1");
}
