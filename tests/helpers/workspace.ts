/**
 * Small helpers for the language-core tests: a Workspace from `{ uri: text }`
 * records (plus an optional hfa.json), diagnostics by code, and positions.
 */
import { Workspace, type Diagnostic, type Locale, type TextEdit, type WorkspaceAnalysis } from "../../server/src/analysis/index.js";

export const CONFIG_URI = "file:///ws/hfa.json";

export interface CheckOptions {
  /** Text of hfa.json (given as JSON text, or as an object that is stringified). */
  readonly config?: string | object;
  /** Overrides hfa.json's locale, as the editor setting or `--locale` does. */
  readonly locale?: Locale;
}

export interface Checked {
  readonly workspace: Workspace;
  readonly analysis: WorkspaceAnalysis;
  readonly files: Readonly<Record<string, string>>;
  /** Every diagnostic of every file (config file included), in file then offset order. */
  readonly all: readonly Diagnostic[];
  /** The diagnostics of one file. */
  in(uri: string): readonly Diagnostic[];
  /** Diagnostics with this code (in every file). */
  byCode(code: string): readonly Diagnostic[];
  /** The exactly one diagnostic with this code; throws otherwise. */
  one(code: string): Diagnostic;
  /** The source text under a diagnostic's range. */
  textOf(d: Diagnostic): string;
  /** 1-based line and column of a diagnostic's start (columns in UTF-16 code units). */
  positionOf(d: Diagnostic): { line: number; column: number };
}

export function buildWorkspace(files: Readonly<Record<string, string>>, options: CheckOptions = {}): Workspace {
  const workspace = new Workspace(options.locale ? { locale: options.locale } : {});
  for (const [uri, text] of Object.entries(files)) workspace.setFile(uri, text);
  if (options.config !== undefined) {
    workspace.setConfig(CONFIG_URI, typeof options.config === "string" ? options.config : JSON.stringify(options.config));
  }
  return workspace;
}

/** Builds a workspace, analyses it and wraps the result. */
export function check(files: Readonly<Record<string, string>>, options: CheckOptions = {}): Checked {
  const workspace = buildWorkspace(files, options);
  const analysis = workspace.analyze();
  const texts: Record<string, string> = { ...files };
  if (options.config !== undefined) texts[CONFIG_URI] = typeof options.config === "string" ? options.config : JSON.stringify(options.config);
  const all: Diagnostic[] = [];
  for (const uri of [...analysis.diagnostics.keys()].sort()) all.push(...(analysis.diagnostics.get(uri) ?? []));
  const textOf = (d: Diagnostic) => (texts[d.uri] ?? "").slice(d.start, d.end);
  return {
    workspace,
    analysis,
    files: texts,
    all,
    in: (uri) => analysis.diagnostics.get(uri) ?? [],
    byCode: (code) => all.filter((d) => d.code === code),
    one(code) {
      const found = all.filter((d) => d.code === code);
      if (found.length !== 1) {
        throw new Error(`expected exactly one ${code}, got ${found.length}:\n${describeDiagnostics(all, texts)}`);
      }
      return found[0]!;
    },
    textOf,
    positionOf: (d) => lineColumn(texts[d.uri] ?? "", d.start),
  };
}

/** Codes of diagnostics, sorted and de-duplicated. */
export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => d.code))].sort();
}

/** Codes of diagnostics of the given severities. */
export function codesWithSeverity(diagnostics: readonly Diagnostic[], ...severities: Diagnostic["severity"][]): string[] {
  return codesOf(diagnostics.filter((d) => severities.includes(d.severity)));
}

/** 1-based line and column of an offset (columns in UTF-16 code units, as editors count). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Applies non-overlapping edits (offsets into the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error("overlapping edits");
  }
  let out = text;
  for (const edit of sorted.reverse()) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** One line per diagnostic, for failure messages. */
export function describeDiagnostics(diagnostics: readonly Diagnostic[], texts: Readonly<Record<string, string>>): string {
  return diagnostics
    .map((d) => {
      const text = texts[d.uri] ?? "";
      const { line, column } = lineColumn(text, d.start);
      const under = JSON.stringify(text.slice(d.start, Math.min(d.end, d.start + 60)));
      return `  ${d.uri.split("/").pop()}:${line}:${column} ${d.severity} ${d.code} ${under} ${d.message}`;
    })
    .join("\n");
}
