/**
 * `--format json`: an array of
 * `{file, line, column, endLine, endColumn, severity, code, message}`, plus
 * `related` where a diagnostic has related places and `suppressed` (the
 * reason) on silenced ones.
 */
import type { CliDiagnostic } from "../results.js";

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: CliDiagnostic["severity"];
  code: string;
  message: string;
  related?: { file: string; line: number; column: number; message: string }[];
  suppressed?: string;
  /** HFA404: the balance as numbers (see docs/cli.md). */
  data?: unknown;
}

export function toJson(d: CliDiagnostic, dataOf?: (d: CliDiagnostic) => unknown): JsonDiagnostic {
  const out: JsonDiagnostic = {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
  if (d.related && d.related.length > 0) out.related = d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message }));
  if (d.suppressed !== undefined) out.suppressed = d.suppressed;
  const data = dataOf?.(d);
  if (data !== undefined) out.data = data;
  return out;
}

export function renderJson(diagnostics: readonly CliDiagnostic[], dataOf?: (d: CliDiagnostic) => unknown): string {
  return JSON.stringify(diagnostics.map((d) => toJson(d, dataOf)), null, 2) + "\n";
}
