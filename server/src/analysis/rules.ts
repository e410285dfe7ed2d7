/**
 * Every diagnostic code (spec §6, plus HFA010) with its default severity and
 * short titles. The single source is docs/rules/codes.json, next to the
 * rule pages it indexes, so the docs and the checker cannot drift apart.
 */
import codes from "../../../docs/rules/codes.json";

export type Severity = "error" | "warning" | "information" | "hint";

export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly nb: string;
  readonly en: string;
}

const SEVERITIES: ReadonlySet<string> = new Set(["error", "warning", "information", "hint"]);

function isSeverity(value: string): value is Severity {
  return SEVERITIES.has(value);
}

export const RULES: ReadonlyMap<string, RuleInfo> = new Map(
  codes.map((entry): [string, RuleInfo] => {
    if (!isSeverity(entry.severity)) throw new Error(`docs/rules/codes.json: bad severity for ${entry.code}`);
    return [entry.code, { code: entry.code, severity: entry.severity, nb: entry.title_nb, en: entry.title_en }];
  }),
);

export function ruleInfo(code: string): RuleInfo | undefined {
  return RULES.get(code);
}
