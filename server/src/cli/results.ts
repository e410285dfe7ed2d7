/**
 * The analysis' diagnostics as the CLI reports them: display paths and
 * 1-based lines and columns (UTF-16 code units, as editors count), in file
 * order. Every output format is a function of this model.
 */
import type { Diagnostic, LineIndex } from "../analysis/index.js";

export type CliSeverity = "error" | "warning" | "info" | "hint";

export interface CliLocation {
  /** As given on the command line (joined with the path inside a folder). */
  readonly file: string;
  readonly absolute: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface CliRelated extends CliLocation {
  readonly message: string;
}

export interface CliDiagnostic extends CliLocation {
  readonly severity: CliSeverity;
  readonly code: string;
  readonly message: string;
  readonly related?: readonly CliRelated[];
  /** The reason given in the suppression comment that silenced it. */
  readonly suppressed?: string;
}

/** A file the analysis knows, by its URI. */
export interface KnownFile {
  readonly display: string;
  readonly absolute: string;
  readonly lines: LineIndex;
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  readonly suppressed: number;
}

export function cliSeverity(severity: Diagnostic["severity"]): CliSeverity {
  return severity === "information" ? "info" : severity;
}

export function locate(file: KnownFile, start: number, end: number): CliLocation {
  const from = file.lines.position(start);
  const to = file.lines.position(Math.max(start, end));
  return { file: file.display, absolute: file.absolute, line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}

/**
 * Converts the diagnostics of `uris` (in that order). A related place in a
 * file the CLI does not know (should not happen) is reported at its URI, line 1.
 */
export function toCliDiagnostics(
  uris: readonly string[],
  byUri: ReadonlyMap<string, readonly Diagnostic[]>,
  files: ReadonlyMap<string, KnownFile>,
): CliDiagnostic[] {
  const out: CliDiagnostic[] = [];
  for (const uri of uris) {
    const file = files.get(uri);
    const list = byUri.get(uri);
    if (!file || !list) continue;
    for (const diagnostic of list) {
      // One object literal per diagnostic (no spreads): thousands of them in a CI run.
      const from = file.lines.position(diagnostic.start);
      const to = file.lines.position(Math.max(diagnostic.start, diagnostic.end));
      const cli: { -readonly [K in keyof CliDiagnostic]: CliDiagnostic[K] } = {
        file: file.display,
        absolute: file.absolute,
        line: from.line + 1,
        column: from.character + 1,
        endLine: to.line + 1,
        endColumn: to.character + 1,
        severity: cliSeverity(diagnostic.severity),
        code: diagnostic.code,
        message: diagnostic.message,
      };
      if (diagnostic.related && diagnostic.related.length > 0) {
        cli.related = diagnostic.related.map((info): CliRelated => {
          const target = files.get(info.uri);
          const place = target ? locate(target, info.start, info.end) : { file: info.uri, absolute: info.uri, line: 1, column: 1, endLine: 1, endColumn: 1 };
          return { ...place, message: info.message };
        });
      }
      if (diagnostic.suppressed !== undefined) cli.suppressed = diagnostic.suppressed;
      out.push(cli);
    }
  }
  return out;
}

export function count(diagnostics: readonly CliDiagnostic[]): Counts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let hints = 0;
  let suppressed = 0;
  for (const d of diagnostics) {
    if (d.suppressed !== undefined) suppressed++;
    else if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else if (d.severity === "info") infos++;
    else hints++;
  }
  return { errors, warnings, infos, hints, suppressed };
}
