/**
 * `--format text`: `path:line:col  severity  CODE  message`, grouped by file
 * (a blank line between files), each file's suppressions listed after its
 * diagnostics with their reasons, then the summary line
 * `N feil, N advarsler i N filer`.
 *
 * How much is shown (spec §8): errors and warnings by default, with a count
 * of the information and hints left out; `--quiet` errors only; `--verbose`
 * everything. Every text from the files (messages, names in them, file
 * names, reasons) goes through `visible`, so no control character reaches
 * the terminal raw.
 */
import type { Paint, Style } from "../color.js";
import { say, type Locale } from "../locale.js";
import type { CliDiagnostic, CliSeverity, Counts } from "../results.js";
import { visible } from "./escape.js";

export type Verbosity = "quiet" | "normal" | "verbose";

const WORDS: Record<CliSeverity, { nb: string; en: string; style: Style }> = {
  error: { nb: "feil", en: "error", style: "red" },
  warning: { nb: "advarsel", en: "warning", style: "yellow" },
  info: { nb: "info", en: "info", style: "cyan" },
  hint: { nb: "hint", en: "hint", style: "gray" },
};

export function severityWord(severity: CliSeverity, locale: Locale): string {
  return WORDS[severity][locale];
}

/** Does `verbosity` print diagnostics of this severity? */
export function shows(verbosity: Verbosity, severity: CliSeverity): boolean {
  if (verbosity === "verbose") return true;
  if (verbosity === "quiet") return severity === "error";
  return severity === "error" || severity === "warning";
}

/** `1 advarsel`, `2 advarsler` … */
function counted(n: number, locale: Locale, nb: [string, string], en: [string, string]): string {
  const [one, many] = locale === "nb" ? nb : en;
  return `${n} ${n === 1 ? one : many}`;
}

const NOUNS = {
  error: { nb: ["feil", "feil"], en: ["error", "errors"] },
  warning: { nb: ["advarsel", "advarsler"], en: ["warning", "warnings"] },
  info: { nb: ["informasjonsmelding", "informasjonsmeldinger"], en: ["information message", "information messages"] },
  hint: { nb: ["hint", "hint"], en: ["hint", "hints"] },
  file: { nb: ["fil", "filer"], en: ["file", "files"] },
} as const satisfies Record<string, { nb: [string, string]; en: [string, string] }>;

function noun(kind: keyof typeof NOUNS, n: number, locale: Locale): string {
  return counted(n, locale, [...NOUNS[kind].nb], [...NOUNS[kind].en]);
}

/** `a`, `a og b`, `a, b og c`. */
export function list(items: readonly string[], locale: Locale): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${say(locale, "og", "and")} ${items.at(-1)}`;
}

export function summaryLine(counts: Counts, filesChecked: number, locale: Locale): string {
  return say(
    locale,
    `${noun("error", counts.errors, locale)}, ${noun("warning", counts.warnings, locale)} i ${noun("file", filesChecked, locale)}`,
    `${noun("error", counts.errors, locale)}, ${noun("warning", counts.warnings, locale)} in ${noun("file", filesChecked, locale)}`,
  );
}

/** The line naming what `verbosity` left out, or undefined when nothing was. */
function hiddenLine(counts: Counts, verbosity: Verbosity, locale: Locale): string | undefined {
  const hidden: string[] = [];
  if (!shows(verbosity, "warning") && counts.warnings > 0) hidden.push(noun("warning", counts.warnings, locale));
  if (!shows(verbosity, "info") && counts.infos > 0) hidden.push(noun("info", counts.infos, locale));
  if (!shows(verbosity, "hint") && counts.hints > 0) hidden.push(noun("hint", counts.hints, locale));
  if (hidden.length === 0) return undefined;
  return say(locale, `Ikke vist: ${list(hidden, locale)} (vis alt med --verbose).`, `Not shown: ${list(hidden, locale)} (show everything with --verbose).`);
}

export function renderText(diagnostics: readonly CliDiagnostic[], counts: Counts, filesChecked: number, locale: Locale, paint: Paint, verbosity: Verbosity = "normal"): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  let waived: CliDiagnostic[] = [];
  const flushWaived = () => {
    for (const d of waived) {
      lines.push(`${paint("bold", visible(`${d.file}:${d.line}:${d.column}`))}  ${paint("dim", say(locale, "unntatt", "suppressed"))}  ${paint("dim", d.code)}  ${visible(d.message)}`);
      lines.push(`    ${say(locale, "begrunnelse", "reason")}: ${visible(d.suppressed ?? "")}`);
    }
    waived = [];
  };
  for (const d of diagnostics) {
    const listed = d.suppressed !== undefined ? verbosity !== "quiet" : shows(verbosity, d.severity);
    if (!listed) continue;
    if (d.file !== currentFile) {
      flushWaived();
      if (currentFile !== undefined) lines.push("");
      currentFile = d.file;
    }
    if (d.suppressed !== undefined) {
      waived.push(d);
      continue;
    }
    const word = WORDS[d.severity];
    lines.push(`${paint("bold", visible(`${d.file}:${d.line}:${d.column}`))}  ${paint(word.style, word[locale])}  ${paint("dim", d.code)}  ${visible(d.message)}`);
    for (const r of d.related ?? []) {
      lines.push(`    ${paint("dim", visible(`${r.file}:${r.line}:${r.column}`))}  ${visible(r.message)}`);
    }
  }
  flushWaived();
  if (lines.length > 0) lines.push("");
  const summary = summaryLine(counts, filesChecked, locale);
  lines.push(paint("bold", counts.errors > 0 ? paint("red", summary) : counts.warnings > 0 ? paint("yellow", summary) : paint("green", summary)));
  const hidden = hiddenLine(counts, verbosity, locale);
  if (hidden !== undefined) lines.push(hidden);
  if (counts.suppressed > 0) {
    const shown = verbosity !== "quiet";
    lines.push(
      say(
        locale,
        `${counts.suppressed === 1 ? "1 melding er" : `${counts.suppressed} meldinger er`} unntatt med hfa-ignore${shown ? " (listet over med begrunnelse)" : " (vis dem uten --quiet)"}`,
        `${counts.suppressed === 1 ? "1 diagnostic is" : `${counts.suppressed} diagnostics are`} suppressed with hfa-ignore${shown ? " (listed above with the reason)" : " (show them without --quiet)"}`,
      ),
    );
  }
  return lines.join("\n") + "\n";
}
