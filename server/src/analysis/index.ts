/**
 * The analysis core: pure (no editor or LSP imports), shared by the language
 * server, the CLI and the tests.
 */
export { Workspace, type WorkspaceAnalysis, type AgreementAnalysis, type SourceFile, type WorkspaceOptions } from "./workspace.js";
export type { Diagnostic, RawDiagnostic, Fix, TextEdit, RelatedInformation } from "./diagnostics.js";
export { RULES, ruleInfo, type Severity, type RuleInfo } from "./rules.js";
export { parseConfig, DEFAULT_CONFIG, severityOf, type Config } from "./config.js";
export { formatKr, formatSignedKr, formatMillions, formatNumber, formatPercent, joinList, type Locale } from "./i18n.js";
export { LineIndex, closestNames } from "./text.js";
export { LayeredMap } from "./layeredMap.js";
export * as Prelude from "./prelude.js";
export type { Reference, Party, Side, ResolvedAgreement } from "./agreement/resolve.js";
export { kindWord } from "./agreement/resolve.js";
export type { Balance, PartyBalance, YearRow, FlowAmount, MoneyModel } from "./agreement/money.js";
export { describeFlow } from "./agreement/money.js";
export type { Declared, DeclKind, SymbolKind, SymbolTarget, SymbolTable } from "./symbols.js";
export { constructs as suppressibleConstructs, type Suppression } from "./suppressions.js";
export { tooDeep, MAX_JSON_DEPTH } from "./jsonDepth.js";
export * as Limits from "./limits.js";
export { checkSyntaxOnly, type SyntaxOnlyResult } from "./syntaxOnly.js";
