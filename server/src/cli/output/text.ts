/**
 * `--format text`: `path:line:col  severity  CODE  message`, grouped by file
 * (a blank line between files), then the summary line
 * `N feil, N advarsler i N filer`. Suppressed diagnostics are not listed but
 * counted in a closing line.
 */
import type { Paint, Style } from "../color.js";
import { say, type Locale } from "../locale.js";
import type { CliDiagnostic, CliSeverity, Counts } from "../results.js";

const WORDS: Record<CliSeverity, { nb: string; en: string; style: Style }> = {
  error: { nb: "feil", en: "error", style: "red" },
  warning: { nb: "advarsel", en: "warning", style: "yellow" },
  info: { nb: "info", en: "info", style: "cyan" },
  hint: { nb: "hint", en: "hint", style: "gray" },
};

export function severityWord(severity: CliSeverity, locale: Locale): string {
  return WORDS[severity][locale];
}

export function summaryLine(counts: Counts, filesChecked: number, locale: Locale): string {
  return say(
    locale,
    `${counts.errors} feil, ${counts.warnings} advarsler i ${filesChecked} filer`,
    `${counts.errors} errors, ${counts.warnings} warnings in ${filesChecked} files`,
  );
}

export function renderText(diagnostics: readonly CliDiagnostic[], counts: Counts, filesChecked: number, locale: Locale, paint: Paint): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of diagnostics) {
    if (d.suppressed !== undefined) continue;
    if (currentFile !== undefined && d.file !== currentFile) lines.push("");
    currentFile = d.file;
    const word = WORDS[d.severity];
    const message = d.message.replace(/\r?\n/g, "\n    ");
    lines.push(`${paint("bold", `${d.file}:${d.line}:${d.column}`)}  ${paint(word.style, word[locale])}  ${paint("dim", d.code)}  ${message}`);
    for (const r of d.related ?? []) {
      lines.push(`    ${paint("dim", `${r.file}:${r.line}:${r.column}`)}  ${r.message}`);
    }
  }
  if (lines.length > 0) lines.push("");
  const summary = summaryLine(counts, filesChecked, locale);
  lines.push(paint("bold", counts.errors > 0 ? paint("red", summary) : counts.warnings > 0 ? paint("yellow", summary) : paint("green", summary)));
  if (counts.suppressed > 0) {
    lines.push(
      say(
        locale,
        `${counts.suppressed} ${counts.suppressed === 1 ? "melding er" : "meldinger er"} unntatt med hfa-ignore og ikke vist (se dem med --format json)`,
        `${counts.suppressed} ${counts.suppressed === 1 ? "diagnostic is" : "diagnostics are"} suppressed with hfa-ignore and not shown (see them with --format json)`,
      ),
    );
  }
  return lines.join("\n") + "\n";
}
