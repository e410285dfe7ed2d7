/**
 * What the server answers to `initialize`: its capabilities and name. Free of
 * the analysis (it imports only the protocol's constants), so that ./main.ts
 * can answer before it loads the rest of the server (./server.ts and the
 * analysis, the bulk of the start-up).
 */
import { CodeActionKind, TextDocumentSyncKind, type InitializeResult, type SemanticTokensLegend } from "vscode-languageserver";

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
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.hfa`;

/** The answer to `initialize`; the same for every client (nothing in it depends on the request). */
export function initializeResult(semanticTokensLegend: SemanticTokensLegend): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
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
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      experimental: { hfa: { requests: Object.values(Requests) } },
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}
