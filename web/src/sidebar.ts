/** The file list and the current file's outline (the server's document symbols). */
import type * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import type * as lsp from "vscode-languageserver-protocol";
import { toRange } from "./convert.js";
import type { LanguageServer } from "./lspClient.js";
import type { UiStrings } from "./strings.js";
import type { WorkspaceFile } from "./workspace.js";

/** A folder of 1 000 files lists its first rows; the rest are reached through Ctrl+P-like search later. */
const MAX_FILE_ROWS = 400;

export class FileList {
  constructor(
    private readonly list: HTMLElement,
    private readonly open: (file: WorkspaceFile) => void,
  ) {}

  render(files: readonly WorkspaceFile[], current: WorkspaceFile | undefined): void {
    this.list.replaceChildren();
    const shown = files.slice(0, MAX_FILE_ROWS);
    if (current && !shown.includes(current)) shown.unshift(current);
    for (const file of shown) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "file";
      button.dataset.path = file.path;
      button.textContent = file.path;
      if (file === current) button.setAttribute("aria-current", "page");
      button.addEventListener("click", () => this.open(file));
      item.append(button);
      this.list.append(item);
    }
    this.markDirty(files);
  }

  markDirty(files: readonly WorkspaceFile[]): void {
    for (const file of files) {
      const button = this.list.querySelector<HTMLElement>(`button[data-path="${CSS.escape(file.path)}"]`);
      if (button) button.classList.toggle("dirty", file.model.getValue() !== file.savedText);
    }
  }
}

export class OutlineView {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly server: LanguageServer,
    private readonly list: HTMLElement,
    private readonly strings: () => UiStrings,
    private readonly reveal: (range: monaco.IRange) => void,
  ) {}

  schedule(model: monaco.editor.ITextModel | undefined, delay = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(model), delay);
  }

  private async update(model: monaco.editor.ITextModel | undefined): Promise<void> {
    if (!model || model.getLanguageId() !== "hfa") {
      this.list.replaceChildren();
      return;
    }
    const symbols = await this.server.request<lsp.DocumentSymbol[] | null>("textDocument/documentSymbol", { textDocument: { uri: model.uri.toString() } }).catch(() => null);
    this.list.replaceChildren();
    if (!symbols || symbols.length === 0) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = this.strings().noOutline;
      this.list.append(empty);
      return;
    }
    const add = (symbol: lsp.DocumentSymbol, parent: HTMLElement, depth: number) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "symbol";
      button.style.paddingLeft = `${0.5 + depth}em`;
      button.textContent = symbol.detail ? `${symbol.name} · ${symbol.detail}` : symbol.name;
      button.addEventListener("click", () => this.reveal(toRange(symbol.selectionRange)));
      item.append(button);
      parent.append(item);
      for (const child of symbol.children ?? []) if (depth < 2) add(child, parent, depth + 1);
    };
    for (const symbol of symbols) add(symbol, this.list, 0);
  }
}
