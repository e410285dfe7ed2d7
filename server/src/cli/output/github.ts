/**
 * `--format github`: GitHub Actions workflow commands, one per diagnostic:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`
 * (`warning` for warnings, `notice` for info and hints). Suppressed
 * diagnostics are not annotated.
 *
 * Escaping as the runner decodes it: in the message `%`, CR and LF; in
 * property values also `:` and `,` (escapeData, escapeProperty). Texts from
 * the files have every control character made visible (`\u001b`) first, so
 * a newline or an ESC in a name can neither start a new workflow command
 * nor colour the log; `%0A` then only ever comes from our own text.
 */
import type { CliDiagnostic, CliSeverity } from "../results.js";
import { visible } from "./escape.js";

const COMMAND: Record<CliSeverity, string> = { error: "error", warning: "warning", info: "notice", hint: "notice" };

export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Paths in annotations use forward slashes, as the runner expects. */
function annotationPath(file: string): string {
  return file.replace(/\\/g, "/");
}

export function renderGithub(diagnostics: readonly CliDiagnostic[]): string {
  let out = "";
  for (const d of diagnostics) {
    if (d.suppressed !== undefined) continue;
    const properties = [
      `file=${escapeProperty(visible(annotationPath(d.file)))}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ];
    out += `::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(visible(d.message))}\n`;
  }
  return out;
}
