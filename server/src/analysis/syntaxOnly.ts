/**
 * The syntax-only check for a file too large to analyse on every keystroke
 * (the language server's mode above its documented size, as rust-analyzer
 * does): syntax (HFA001), notation (HFA002) and dates (HFA003), nothing that
 * needs names or money. One linear pass; output capped like every file's.
 */
import { parse } from "../../../grammar/src/parser.js";
import { capDiagnostics } from "./caps.js";
import { CheckContext } from "./checks/context.js";
import { NOTATION_TOKEN_TYPES, reportNotation, reportSyntax } from "./checks/syntax.js";
import { DEFAULT_CONFIG, severityOf, type Config } from "./config.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Locale } from "./i18n.js";
import { SymbolTable } from "./symbols.js";
import { LineIndex } from "./text.js";

export interface SyntaxOnlyResult {
  readonly lines: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

export function checkSyntaxOnly(uri: string, text: string, locale: Locale, config: Config = DEFAULT_CONFIG): SyntaxOnlyResult {
  const parsed = parse(text);
  const ctx = new CheckContext(uri, text, locale, config, new SymbolTable());
  reportSyntax(parsed.problems, ctx);
  reportNotation(parsed.tokensOfTypes(NOTATION_TOKEN_TYPES), ctx);
  const out: Diagnostic[] = [];
  for (const diagnostic of ctx.diagnostics) {
    const severity = severityOf(diagnostic.code, config);
    if (severity !== "off") out.push({ ...diagnostic, severity });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return { lines: new LineIndex(text), diagnostics: capDiagnostics(out, locale) };
}
