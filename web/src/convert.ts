/** LSP ↔ monaco shapes (positions are 0-based in LSP, 1-based in monaco). */
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import type * as lsp from "vscode-languageserver-protocol";

export function toLspPosition(position: monaco.IPosition): lsp.Position {
  return { line: position.lineNumber - 1, character: position.column - 1 };
}

export function toLspRange(range: monaco.IRange): lsp.Range {
  return { start: { line: range.startLineNumber - 1, character: range.startColumn - 1 }, end: { line: range.endLineNumber - 1, character: range.endColumn - 1 } };
}

export function toRange(range: lsp.Range): monaco.IRange {
  return { startLineNumber: range.start.line + 1, startColumn: range.start.character + 1, endLineNumber: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function toMarkerSeverity(severity: lsp.DiagnosticSeverity | undefined): monaco.MarkerSeverity {
  switch (severity) {
    case 1:
      return monaco.MarkerSeverity.Error;
    case 2:
      return monaco.MarkerSeverity.Warning;
    case 3:
      return monaco.MarkerSeverity.Info;
    default:
      return monaco.MarkerSeverity.Hint;
  }
}

export function toMarker(diagnostic: lsp.Diagnostic): monaco.editor.IMarkerData {
  const code = diagnostic.code === undefined ? undefined : String(diagnostic.code);
  const href = diagnostic.codeDescription?.href;
  return {
    ...toRange(diagnostic.range),
    severity: toMarkerSeverity(diagnostic.severity),
    message: typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value,
    source: diagnostic.source,
    ...(code !== undefined ? { code: href ? { value: code, target: monaco.Uri.parse(href) } : code } : {}),
    ...(diagnostic.tags?.includes(1) ? { tags: [monaco.MarkerTag.Unnecessary] } : {}),
    relatedInformation: diagnostic.relatedInformation?.map((info) => ({ resource: monaco.Uri.parse(info.location.uri), message: info.message, ...toRange(info.location.range) })),
  };
}

export function toMarkdown(contents: lsp.Hover["contents"] | lsp.MarkupContent | string | undefined): monaco.IMarkdownString[] {
  if (contents === undefined) return [];
  const list = Array.isArray(contents) ? contents : [contents];
  return list.map((item) => {
    if (typeof item === "string") return { value: item };
    if ("kind" in item) return { value: item.kind === "markdown" ? item.value : escapeMarkdown(item.value) };
    return { value: "```" + item.language + "\n" + item.value + "\n```" };
  });
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, "\\$&");
}

const COMPLETION_KINDS: Readonly<Record<number, monaco.languages.CompletionItemKind>> = {
  1: monaco.languages.CompletionItemKind.Text,
  2: monaco.languages.CompletionItemKind.Method,
  3: monaco.languages.CompletionItemKind.Function,
  4: monaco.languages.CompletionItemKind.Constructor,
  5: monaco.languages.CompletionItemKind.Field,
  6: monaco.languages.CompletionItemKind.Variable,
  7: monaco.languages.CompletionItemKind.Class,
  8: monaco.languages.CompletionItemKind.Interface,
  9: monaco.languages.CompletionItemKind.Module,
  10: monaco.languages.CompletionItemKind.Property,
  11: monaco.languages.CompletionItemKind.Unit,
  12: monaco.languages.CompletionItemKind.Value,
  13: monaco.languages.CompletionItemKind.Enum,
  14: monaco.languages.CompletionItemKind.Keyword,
  15: monaco.languages.CompletionItemKind.Snippet,
  16: monaco.languages.CompletionItemKind.Color,
  17: monaco.languages.CompletionItemKind.File,
  18: monaco.languages.CompletionItemKind.Reference,
  19: monaco.languages.CompletionItemKind.Folder,
  20: monaco.languages.CompletionItemKind.EnumMember,
  21: monaco.languages.CompletionItemKind.Constant,
  22: monaco.languages.CompletionItemKind.Struct,
  23: monaco.languages.CompletionItemKind.Event,
  24: monaco.languages.CompletionItemKind.Operator,
  25: monaco.languages.CompletionItemKind.TypeParameter,
};

export function toCompletionItem(item: lsp.CompletionItem, defaultRange: monaco.IRange): monaco.languages.CompletionItem {
  const edit = item.textEdit;
  const range: monaco.IRange | monaco.languages.CompletionItemRanges = edit
    ? "range" in edit
      ? toRange(edit.range)
      : { insert: toRange(edit.insert), replace: toRange(edit.replace) }
    : defaultRange;
  const documentation = item.documentation === undefined ? undefined : toMarkdown(item.documentation)[0];
  return {
    label: item.labelDetails ? { label: item.label, detail: item.labelDetails.detail, description: item.labelDetails.description } : item.label,
    kind: COMPLETION_KINDS[item.kind ?? 1] ?? monaco.languages.CompletionItemKind.Text,
    detail: item.detail,
    documentation,
    insertText: edit?.newText ?? item.insertText ?? item.label,
    insertTextRules: item.insertTextFormat === 2 ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    range,
    sortText: item.sortText,
    filterText: item.filterText,
    preselect: item.preselect,
    additionalTextEdits: item.additionalTextEdits?.map(toTextEdit),
  };
}

export function toTextEdit(edit: lsp.TextEdit): monaco.languages.TextEdit {
  return { range: toRange(edit.range), text: edit.newText };
}

/** LSP SymbolKind is 1-based; monaco's enum is the same list from 0. */
export function toSymbolKind(kind: lsp.SymbolKind): monaco.languages.SymbolKind {
  return (kind - 1) as monaco.languages.SymbolKind;
}

export function toDocumentSymbol(symbol: lsp.DocumentSymbol): monaco.languages.DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail ?? "",
    kind: toSymbolKind(symbol.kind),
    tags: [],
    range: toRange(symbol.range),
    selectionRange: toRange(symbol.selectionRange),
    children: symbol.children?.map(toDocumentSymbol),
  };
}

export function toLocations(result: lsp.Location | lsp.Location[] | lsp.LocationLink[] | null): monaco.languages.Location[] {
  if (!result) return [];
  const list: (lsp.Location | lsp.LocationLink)[] = Array.isArray(result) ? result : [result];
  return list.map((item) => ("targetUri" in item ? { uri: monaco.Uri.parse(item.targetUri), range: toRange(item.targetSelectionRange) } : { uri: monaco.Uri.parse(item.uri), range: toRange(item.range) }));
}

export function toWorkspaceEdit(edit: lsp.WorkspaceEdit | undefined, versionOf: (uri: string) => number | undefined): monaco.languages.WorkspaceEdit {
  const edits: monaco.languages.IWorkspaceTextEdit[] = [];
  for (const [uri, changes] of Object.entries(edit?.changes ?? {})) {
    for (const change of changes) edits.push({ resource: monaco.Uri.parse(uri), textEdit: toTextEdit(change), versionId: versionOf(uri) });
  }
  for (const change of edit?.documentChanges ?? []) {
    if (!("textDocument" in change)) continue;
    for (const textEdit of change.edits) {
      const text = "newText" in textEdit ? textEdit.newText : textEdit.snippet.value;
      edits.push({ resource: monaco.Uri.parse(change.textDocument.uri), textEdit: { range: toRange(textEdit.range), text, ...("snippet" in textEdit ? { insertAsSnippet: true } : {}) }, versionId: versionOf(change.textDocument.uri) });
    }
  }
  return { edits };
}
