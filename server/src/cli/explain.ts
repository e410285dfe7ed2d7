/**
 * `hfa explain [CODE]`: prints the rule's page (docs/rules/CODE.md in the
 * installed package); without a code, lists every rule with its title.
 */
import { readFileSync } from "node:fs";
import { RULES } from "../analysis/index.js";
import { COMMON_OPTIONS, parse } from "./args.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { say, type Locale } from "./locale.js";
import { severityWord } from "./output/text.js";
import { rulePagePath } from "./pkg.js";
import { cliSeverity } from "./results.js";

export function runExplain(args: readonly string[], io: Io, flagLocale: Locale | undefined): number {
  const locale: Locale = flagLocale ?? "nb";
  const parsed = parse(args, COMMON_OPTIONS, locale, "explain");
  if (parsed.positionals.length > 1) throw new UsageError(say(locale, "explain tar én regelkode.", "explain takes one rule code."), "explain");
  const asked = parsed.positionals[0];
  if (asked === undefined) {
    io.out(ruleList(locale));
    return 0;
  }
  const code = asked.trim().toUpperCase();
  if (!RULES.has(code)) {
    io.err(
      say(locale, `hfa: ukjent regelkode «${asked}». Kjente koder: `, `hfa: unknown rule code "${asked}". Known codes: `) + [...RULES.keys()].join(", ") + "\n",
    );
    return 2;
  }
  const path = rulePagePath(code);
  let page: string;
  try {
    page = readFileSync(path, "utf8");
  } catch {
    io.err(say(locale, `hfa: fant ikke dokumentasjonen for ${code} (${path})\n`, `hfa: the documentation of ${code} is missing (${path})\n`));
    return 2;
  }
  io.out(page.endsWith("\n") ? page : page + "\n");
  return 0;
}

function ruleList(locale: Locale): string {
  const rows = [...RULES.values()].map((rule) => [rule.code, severityWord(cliSeverity(rule.severity), locale), locale === "nb" ? rule.nb : rule.en] as const);
  const width = rows.reduce((widest, row) => Math.max(widest, row[1].length), 0);
  const lines = rows.map(([code, severity, title]) => `${code}  ${severity.padEnd(width)}  ${title}`);
  lines.push("", say(locale, "Mer om en regel: hfa explain HFA402", "More about a rule: hfa explain HFA402"));
  return lines.join("\n") + "\n";
}
