/** What the analysis reports. Offsets are into the file named by `uri`. */
import type { Span } from "../../../grammar/src/ast.js";
import type { Severity } from "./rules.js";

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /**
   * The placeholders (`<…>`, spec §2) in `newText` that the author must
   * replace, as offsets into `newText` (end exclusive), in order. A client
   * that supports snippet edits turns each into a tab stop (`${1:<beløp>}`);
   * others insert `newText` as it is, and HFA011 marks what is left to fill in.
   */
  readonly placeholders?: readonly { readonly start: number; readonly end: number }[];
}

/** A quick fix the editor can apply; the analysis computes it so it is tested with the rule. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The single best fix of several (e.g. the closest name). */
  readonly preferred?: boolean;
}

export interface RelatedInformation {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Diagnostic extends Span {
  readonly code: string;
  /** Effective severity, after `hfa.json`. */
  readonly severity: Severity;
  readonly uri: string;
  readonly message: string;
  readonly related?: readonly RelatedInformation[];
  readonly fixes?: readonly Fix[];
  /** LSP diagnostic tags: 1 = unnecessary. */
  readonly tags?: readonly 1[];
  /** Set when a suppression comment silenced it: the reason given. */
  readonly suppressed?: string;
}

/** A diagnostic before configuration and suppressions are applied. */
export type RawDiagnostic = Omit<Diagnostic, "severity" | "suppressed">;
