/**
 * monaco's language features for `hfa`, each one a request to the language
 * server in the worker (no feature is computed on the page).
 */
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import type * as lsp from "vscode-languageserver-protocol";
import { toCompletionItem, toDocumentSymbol, toLocations, toLspPosition, toLspRange, toMarkdown, toRange, toTextEdit, toWorkspaceEdit } from "./convert.js";
import type { LanguageServer } from "./lspClient.js";

export const LANGUAGE_ID = "hfa";

export interface FeatureHost {
  readonly server: LanguageServer;
  /** The LSP diagnostics last published for a file (code actions send them back with their `data`). */
  diagnosticsOf(uri: string): readonly lsp.Diagnostic[];
  /** Makes sure the server has the model as an open document before asking about it. */
  ensureOpen(model: monaco.editor.ITextModel): Promise<void>;
}

const doc = (model: monaco.editor.ITextModel) => ({ textDocument: { uri: model.uri.toString() } });

function sameRange(a: lsp.Range, b: lsp.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function registerLanguage(host: FeatureHost, legend: lsp.SemanticTokensLegend | undefined): monaco.IDisposable[] {
  const { server } = host;
  monaco.languages.register({ id: LANGUAGE_ID, extensions: [".hfa"], aliases: ["HFA", "Samarbeidsavtale"] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: "//", blockComment: ["/*", "*/"] },
    brackets: [["{", "}"], ["(", ")"], ["[", "]"]],
    autoClosingPairs: [{ open: "{", close: "}" }, { open: "(", close: ")" }, { open: "[", close: "]" }, { open: '"', close: '"', notIn: ["string"] }],
    surroundingPairs: [{ open: "{", close: "}" }, { open: "(", close: ")" }, { open: '"', close: '"' }],
    wordPattern: /[\p{L}\p{N}_\-]+/u,
  });

  async function ask<R>(model: monaco.editor.ITextModel, method: string, params: object): Promise<R> {
    await host.ensureOpen(model);
    return server.request<R>(method, { ...doc(model), ...params });
  }

  const disposables: monaco.IDisposable[] = [
    monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
      triggerCharacters: server.capabilities.completionProvider?.triggerCharacters ?? [],
      async provideCompletionItems(model, position) {
        const result = await ask<lsp.CompletionItem[] | lsp.CompletionList | null>(model, "textDocument/completion", { position: toLspPosition(position) });
        const items = Array.isArray(result) ? result : (result?.items ?? []);
        const word = model.getWordUntilPosition(position);
        const range = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: word.endColumn };
        return { suggestions: items.map((item) => toCompletionItem(item, range)), incomplete: !Array.isArray(result) && result?.isIncomplete === true };
      },
    }),
    monaco.languages.registerHoverProvider(LANGUAGE_ID, {
      async provideHover(model, position) {
        const hover = await ask<lsp.Hover | null>(model, "textDocument/hover", { position: toLspPosition(position) });
        if (!hover) return null;
        return { contents: toMarkdown(hover.contents), range: hover.range ? toRange(hover.range) : undefined };
      },
    }),
    monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
      async provideDefinition(model, position) {
        return toLocations(await ask(model, "textDocument/definition", { position: toLspPosition(position) }));
      },
    }),
    monaco.languages.registerReferenceProvider(LANGUAGE_ID, {
      async provideReferences(model, position, context) {
        return toLocations(await ask(model, "textDocument/references", { position: toLspPosition(position), context: { includeDeclaration: context.includeDeclaration } }));
      },
    }),
    monaco.languages.registerDocumentHighlightProvider(LANGUAGE_ID, {
      async provideDocumentHighlights(model, position) {
        const result = await ask<lsp.DocumentHighlight[] | null>(model, "textDocument/documentHighlight", { position: toLspPosition(position) });
        return (result ?? []).map((h) => ({ range: toRange(h.range), kind: h.kind === 3 ? monaco.languages.DocumentHighlightKind.Write : h.kind === 2 ? monaco.languages.DocumentHighlightKind.Read : monaco.languages.DocumentHighlightKind.Text }));
      },
    }),
    monaco.languages.registerRenameProvider(LANGUAGE_ID, {
      async provideRenameEdits(model, position, newName) {
        const version = model.getVersionId();
        const edit = await ask<lsp.WorkspaceEdit | null>(model, "textDocument/rename", { position: toLspPosition(position), newName }).catch((error: unknown) => ({ rejectReason: error instanceof Error ? error.message : String(error) }));
        if (edit && "rejectReason" in edit) return { edits: [], rejectReason: edit.rejectReason };
        return toWorkspaceEdit(edit ?? undefined, (uri) => (uri === model.uri.toString() ? version : undefined));
      },
      async resolveRenameLocation(model, position) {
        const result = await ask<lsp.PrepareRenameResult | null>(model, "textDocument/prepareRename", { position: toLspPosition(position) }).catch((error: unknown) => ({ rejectReason: error instanceof Error ? error.message : String(error) }));
        if (!result) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: "", rejectReason: "—" };
        if ("rejectReason" in result) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: "", rejectReason: result.rejectReason };
        const range = "range" in result ? result.range : "start" in result ? result : undefined;
        if (!range) return null as unknown as monaco.languages.RenameLocation;
        const r = toRange(range);
        return { range: r, text: "placeholder" in result ? result.placeholder : model.getValueInRange(r) };
      },
    }),
    monaco.languages.registerDocumentSymbolProvider(LANGUAGE_ID, {
      async provideDocumentSymbols(model) {
        const result = await ask<lsp.DocumentSymbol[] | null>(model, "textDocument/documentSymbol", {});
        return (result ?? []).filter((s) => "range" in s).map(toDocumentSymbol);
      },
    }),
    monaco.languages.registerFoldingRangeProvider(LANGUAGE_ID, {
      async provideFoldingRanges(model) {
        const result = await ask<lsp.FoldingRange[] | null>(model, "textDocument/foldingRange", {});
        return (result ?? []).map((f) => ({ start: f.startLine + 1, end: f.endLine + 1, kind: f.kind === "comment" ? monaco.languages.FoldingRangeKind.Comment : undefined }));
      },
    }),
    monaco.languages.registerCodeActionProvider(
      LANGUAGE_ID,
      {
        async provideCodeActions(model, range, context) {
          const version = model.getVersionId();
          const published = host.diagnosticsOf(model.uri.toString());
          // The server's diagnostics (with their quick fixes in `data`) that these markers show.
          const diagnostics = context.markers.flatMap((marker) => {
            const markerRange = toLspRange(marker);
            const code = typeof marker.code === "string" ? marker.code : marker.code?.value;
            return published.filter((d) => sameRange(d.range, markerRange) && String(d.code) === code && d.message === marker.message);
          });
          const result = await ask<(lsp.CodeAction | lsp.Command)[] | null>(model, "textDocument/codeAction", { range: toLspRange(range), context: { diagnostics, only: ["quickfix"], triggerKind: context.trigger === monaco.languages.CodeActionTriggerType.Invoke ? 1 : 2 } });
          const actions: monaco.languages.CodeAction[] = [];
          for (const item of result ?? []) {
            if (!("edit" in item) && !("kind" in item)) continue;
            const action = item as lsp.CodeAction;
            actions.push({
              title: action.title,
              kind: action.kind,
              isPreferred: action.isPreferred,
              diagnostics: context.markers.filter((marker) => action.diagnostics?.some((d) => sameRange(d.range, toLspRange(marker)))),
              edit: toWorkspaceEdit(action.edit, (uri) => (uri === model.uri.toString() ? version : undefined)),
            });
          }
          return { actions, dispose: () => undefined };
        },
      },
      { providedCodeActionKinds: ["quickfix"] },
    ),
    monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
      async provideDocumentFormattingEdits(model, options) {
        const edits = await ask<lsp.TextEdit[] | null>(model, "textDocument/formatting", { options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } });
        return (edits ?? []).map(toTextEdit);
      },
    }),
    monaco.languages.registerDocumentRangeFormattingEditProvider(LANGUAGE_ID, {
      async provideDocumentRangeFormattingEdits(model, range, options) {
        const edits = await ask<lsp.TextEdit[] | null>(model, "textDocument/rangeFormatting", { range: toLspRange(range), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } });
        return (edits ?? []).map(toTextEdit);
      },
    }),
    monaco.languages.registerInlayHintsProvider(LANGUAGE_ID, {
      async provideInlayHints(model, range) {
        const hints = await ask<lsp.InlayHint[] | null>(model, "textDocument/inlayHint", { range: toLspRange(range) });
        return {
          hints: (hints ?? []).map((hint) => ({
            position: { lineNumber: hint.position.line + 1, column: hint.position.character + 1 },
            label: typeof hint.label === "string" ? hint.label : hint.label.map((part) => part.value).join(""),
            kind: hint.kind === 1 ? monaco.languages.InlayHintKind.Type : monaco.languages.InlayHintKind.Parameter,
            paddingLeft: hint.paddingLeft,
            paddingRight: hint.paddingRight,
          })),
          dispose: () => undefined,
        };
      },
    }),
  ];

  if (legend) {
    disposables.push(
      monaco.languages.registerDocumentSemanticTokensProvider(LANGUAGE_ID, {
        getLegend: () => legend,
        async provideDocumentSemanticTokens(model) {
          const tokens = await ask<lsp.SemanticTokens | null>(model, "textDocument/semanticTokens/full", {});
          return tokens ? { data: Uint32Array.from(tokens.data), resultId: tokens.resultId } : null;
        },
        releaseDocumentSemanticTokens: () => undefined,
      }),
    );
  }
  return disposables;
}
