/**
 * What every check gets: where to report, the locale to word messages in,
 * and the configuration.
 */
import type { Span } from "../../../../grammar/src/ast.js";
import { keepHiddenClass } from "../../../../grammar/src/hiddenClasses.js";
import { DEFAULT_CONFIG, type Config } from "../config.js";
import type { Fix, RawDiagnostic, RelatedInformation } from "../diagnostics.js";
import type { Locale } from "../i18n.js";
import { SymbolTable } from "../symbols.js";

export interface ReportExtras {
  readonly related?: readonly RelatedInformation[];
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly 1[];
}

export class CheckContext {
  readonly diagnostics: RawDiagnostic[] = [];

  constructor(
    readonly uri: string,
    /** The file's text, for fixes that must match its indentation. */
    readonly text: string,
    readonly locale: Locale,
    readonly config: Config,
    readonly symbols: SymbolTable,
    /** The file's placeholders (`<…>`, spec §2) in offset order. */
    readonly placeholders: readonly Span[] = [],
    /** False when nothing will offer the quick fixes (Workspace's `keep: "diagnostics"`): they are then not kept. */
    readonly keepFixes: boolean = true,
  ) {}

  /** Whether `span` holds a placeholder: such a clause counts as present but is left out of the computations (spec §2, §5.2). */
  hasPlaceholder(span: Span): boolean {
    const list = this.placeholders;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]!.end <= span.start) low = mid + 1;
      else high = mid;
    }
    const found = list[low];
    return found !== undefined && found.start >= span.start && found.end <= span.end;
  }

  /**
   * Picks the message in the user's language; both are written at the call
   * site so they stay in step. Where a message costs something to build
   * (lists, amounts, years), pass functions: only the user's language is then
   * built (the analysis runs in one locale; changing it re-analyses).
   */
  say(nb: string | (() => string), en: string | (() => string)): string {
    const chosen = this.locale === "nb" ? nb : en;
    return typeof chosen === "string" ? chosen : chosen();
  }

  report(code: string, span: Span, message: string, extras: ReportExtras = {}): void {
    const kept = extras.fixes === undefined || this.keepFixes ? extras : withoutFixes(extras);
    this.diagnostics.push({ code, uri: this.uri, start: span.start, end: span.end, message, ...kept });
  }
}

function withoutFixes({ fixes: _fixes, ...rest }: ReportExtras): ReportExtras {
  return rest;
}

// One per agreement and file, for one check (see hiddenClasses.ts).
keepHiddenClass(new CheckContext("", "", "nb", DEFAULT_CONFIG, new SymbolTable()));
