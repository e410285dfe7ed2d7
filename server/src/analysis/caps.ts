/**
 * Bounded output: a file gets at most MAX_DIAGNOSTICS_PER_CODE diagnostics
 * of one code and MAX_DIAGNOSTICS_PER_FILE in all; the omitted ones of each
 * code are counted in one summary diagnostic of that code (same severity),
 * placed where the first omitted one was. A 1 MB file of garbage therefore
 * gives a few hundred diagnostics, not a million (30 MB of text).
 */
import type { Diagnostic } from "./diagnostics.js";
import { formatNumber, type Locale } from "./i18n.js";
import { MAX_DIAGNOSTICS_PER_CODE, MAX_DIAGNOSTICS_PER_FILE, MAX_MESSAGE_LENGTH } from "./limits.js";

interface Omitted {
  readonly first: Diagnostic;
  count: number;
}

/** `sorted` is in position order; the result is too. One pass. */
export function capDiagnostics(sorted: readonly Diagnostic[], locale: Locale): readonly Diagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS_PER_CODE && !sorted.some(tooLong)) return sorted;
  const kept: Diagnostic[] = [];
  const perCode = new Map<string, number>();
  const omitted = new Map<string, Omitted>();
  for (const diagnostic of sorted) {
    const shown = perCode.get(diagnostic.code) ?? 0;
    if (shown < MAX_DIAGNOSTICS_PER_CODE && kept.length < MAX_DIAGNOSTICS_PER_FILE) {
      perCode.set(diagnostic.code, shown + 1);
      kept.push(tooLong(diagnostic) ? { ...diagnostic, message: diagnostic.message.slice(0, MAX_MESSAGE_LENGTH) + "…" } : diagnostic);
      continue;
    }
    const tally = omitted.get(diagnostic.code);
    if (tally) tally.count++;
    else omitted.set(diagnostic.code, { first: diagnostic, count: 1 });
  }
  if (omitted.size === 0) return kept;
  for (const { first, count } of omitted.values()) {
    kept.push({
      code: first.code,
      severity: first.severity,
      uri: first.uri,
      start: first.start,
      end: first.end,
      message: summary(first.code, count, locale),
    });
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return kept;
}

function tooLong(diagnostic: Diagnostic): boolean {
  return diagnostic.message.length > MAX_MESSAGE_LENGTH;
}

function summary(code: string, count: number, locale: Locale): string {
  const n = formatNumber(count, locale);
  return locale === "nb"
    ? `${count === 1 ? "1 diagnose til" : `${n} diagnoser til`} med kode ${code} i denne filen vises ikke (høyst ${MAX_DIAGNOSTICS_PER_CODE} per kode og ${MAX_DIAGNOSTICS_PER_FILE} per fil). Rett dem som vises, og kjør kontrollen på nytt.`
    : `${count === 1 ? "1 more diagnostic" : `${n} more diagnostics`} with code ${code} in this file ${count === 1 ? "is" : "are"} not shown (at most ${MAX_DIAGNOSTICS_PER_CODE} per code and ${MAX_DIAGNOSTICS_PER_FILE} per file). Fix those shown and check again.`;
}
