/**
 * What the server answers to `initialize`: its capabilities and name. Free of
 * the analysis and of the connection library (types only: the protocol's
 * constants are spelled out, checked against the library's by the compiler),
 * so that ./earlyInitialize.ts can answer before vscode-languageserver is
 * loaded, and ./main.ts before the rest of the server (./server.ts and the
 * analysis, the bulk of the start-up).
 */
import type { CodeActionKind, InitializeResult, SemanticTokensLegend, TextDocumentSyncKind } from "vscode-languageserver";

// The library's values (its modules would load the whole library): a typo is a type error.
const INCREMENTAL_SYNC: typeof TextDocumentSyncKind.Incremental = 2;
const QUICK_FIX: typeof CodeActionKind.QuickFix = "quickfix";
const SOURCE_FIX_ALL: typeof CodeActionKind.SourceFixAll = "source.fixAll";

export const SERVER_NAME = "hfa-language-server";
export const SERVER_VERSION = "0.1.0";

/** Custom requests (see docs/lsp.md). */
export const Requests = {
  balance: "hfa/balance",
  ruleDoc: "hfa/ruleDoc",
  prelude: "hfa/prelude",
  report: "hfa/report",
} as const;

/** `source.fixAll.hfa`: the safe fixes of the whole file. */
export const FIX_ALL_KIND = `${SOURCE_FIX_ALL}.hfa`;

/** The answer to `initialize`; the same for every client (nothing in it depends on the request). */
export function initializeResult(semanticTokensLegend: SemanticTokensLegend): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: INCREMENTAL_SYNC },
      completionProvider: { triggerCharacters: [","], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: false },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [QUICK_FIX, FIX_ALL_KIND] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      experimental: { hfa: { requests: Object.values(Requests) } },
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}
