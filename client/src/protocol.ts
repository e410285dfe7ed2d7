/**
 * The custom requests the HFA language server answers besides standard LSP
 * (see server/src/lsp/features/api.ts for the data shapes).
 */
import type { BalanceViewData, BalanceViewParty } from "../../server/src/lsp/features/api.js";
import type { RenderedReport, ReportParams } from "../../server/src/lsp/report.js";
import type { ReportFormat } from "../../server/src/report/index.js";

export type { BalanceViewData, BalanceViewParty, RenderedReport, ReportFormat, ReportParams };
export type Locale = BalanceViewData["locale"];

/** `hfa/balance` `{ textDocument: {uri}, position }` → `BalanceViewData | null`. */
export const BALANCE_REQUEST = "hfa/balance";
/** `hfa/ruleDoc` `{ code }` → the rule's documentation as Markdown (or null for an unknown code). */
export const RULE_DOC_REQUEST = "hfa/ruleDoc";
/** `hfa/report` `{ textDocument, position?, format?, part? }` → the ReportModel, or `RenderedReport` with `format`. */
export const REPORT_REQUEST = "hfa/report";
/** `hfa/prelude` → `{ uri, text }`, the read-only built-in declarations. */
export const PRELUDE_REQUEST = "hfa/prelude";

export interface BalanceParams {
  readonly textDocument: { readonly uri: string };
  readonly position: { readonly line: number; readonly character: number };
}

export interface RuleDocParams {
  readonly code: string;
}

export interface PreludeResult {
  readonly uri: string;
  readonly text: string;
}

/** What the client sends as `initializationOptions`. */
export interface InitializationOptions {
  /**
   * Language of the server's messages when `hfa.locale` names one; it
   * overrides `hfa.json` (spec §7). Left out for `auto`: then `hfa.json`'s
   * locale applies, else bokmål. The server does not follow VS Code's display
   * language (`InitializeParams.locale`): VS Code has no Norwegian one.
   */
  readonly locale?: Locale;
  /** False: VS Code shows the contributed snippet file, so the server must not offer the same snippets. */
  readonly snippets?: boolean;
  /** Rule severities from the `hfa.rules` setting; they override `hfa.json`. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
}

export type RuleSetting = "off" | "error" | "warning" | "information" | "hint";

const RULE_SETTINGS: ReadonlySet<string> = new Set(["off", "error", "warning", "information", "hint"]);

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === "string" && RULE_SETTINGS.has(value);
}


/** The `hfa.rules` setting, keeping only well-formed entries. */
export function ruleSettings(value: unknown): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return rules;
  for (const [code, setting] of Object.entries(value)) {
    if (/^HFA\d{3}$/.test(code) && isRuleSetting(setting)) rules[code] = setting;
  }
  return rules;
}
