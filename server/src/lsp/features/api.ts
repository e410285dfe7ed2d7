/**
 * The contract between the language server's plumbing (`server/src/lsp/*.ts`:
 * connection, document sync, workspace indexing, diagnostics, code actions,
 * formatting) and its language features (`server/src/lsp/features/*.ts`:
 * completion, hover, navigation, symbols, semantic tokens, code lens, inlay
 * hints, balance data).
 *
 * A feature is a function of a `FeatureContext` (the current analysis and the
 * file asked about) and an offset or range; it returns LSP result types and
 * never throws for any position or text: out-of-range positions give empty
 * results.
 */
import type {
  CodeLens,
  CompletionItem,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  SelectionRange,
  SemanticTokens,
  SemanticTokensLegend,
  SymbolInformation,
  WorkspaceEdit,
  Range,
} from "vscode-languageserver";
import type { Locale, PartyBalance, SourceFile, Workspace, WorkspaceAnalysis } from "../../analysis/index.js";

export interface FeatureContext {
  readonly workspace: Workspace;
  readonly analysis: WorkspaceAnalysis;
  /** The file the request is about. */
  readonly file: SourceFile;
  readonly locale: Locale;
  /** Base URI of the rule documentation (`…/docs/rules/`), for links in hovers. */
  readonly docsBaseUri: string;
  /**
   * Whether completion offers snippets. False for a client that contributes
   * the same snippet file itself (the VS Code extension), so none appears twice.
   */
  readonly offerSnippets?: boolean;
}

/** Result of `prepareRename`: the range to rename, or a message why not. */
export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string } | null;

/** The data behind the "HFA: Vis balanse" webview: custom request `hfa/balance`. */
export interface BalanceViewData {
  readonly uri: string;
  readonly agreement: string;
  readonly title: string;
  readonly firstYear: number;
  readonly horizon: number;
  readonly locale: Locale;
  readonly parties: readonly BalanceViewParty[];
  readonly total: BalanceViewParty;
}

/** One party's (or the total's) balance, as the analysis computes it (spec §5.4). */
export type BalanceViewParty = PartyBalance;

/** What `features/index.ts` exports; the plumbing registers each with the connection. */
export interface Features {
  completion(ctx: FeatureContext, offset: number): CompletionItem[];
  hover(ctx: FeatureContext, offset: number): Hover | null;
  definition(ctx: FeatureContext, offset: number): Location[];
  references(ctx: FeatureContext, offset: number, includeDeclaration: boolean): Location[];
  documentHighlight(ctx: FeatureContext, offset: number): DocumentHighlight[];
  prepareRename(ctx: FeatureContext, offset: number): PrepareRenameResult;
  rename(ctx: FeatureContext, offset: number, newName: string): WorkspaceEdit | { error: string };
  documentSymbols(ctx: FeatureContext): DocumentSymbol[];
  workspaceSymbols(analysis: WorkspaceAnalysis, workspace: Workspace, query: string): SymbolInformation[];
  foldingRanges(ctx: FeatureContext): FoldingRange[];
  selectionRanges(ctx: FeatureContext, offsets: readonly number[]): SelectionRange[];
  semanticTokensLegend: SemanticTokensLegend;
  semanticTokens(ctx: FeatureContext): SemanticTokens;
  codeLenses(ctx: FeatureContext): CodeLens[];
  inlayHints(ctx: FeatureContext, range: { start: number; end: number }): InlayHint[];
  /** The agreement at `offset` (or the file's only agreement), for the balance view. */
  balance(ctx: FeatureContext, offset: number): BalanceViewData | null;
  /** The read-only prelude document (`hfa-prelude:` URI) for go-to-definition of built-ins. */
  preludeDocument(): { uri: string; text: string };
}
