/**
 * The files the page works on: one monaco model per `.hfa` file (and the
 * root `hfa.json`), all under one folder of the worker's tree. The server
 * reads every file from that folder as from disk; a file the user edits is
 * opened to it (didOpen/didChange) and then takes precedence, as in VS Code.
 */
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import { pathToFileURL } from "../../server/src/lsp/browser/nodeUrl.js";
import type { LanguageServer } from "./lspClient.js";

/** Where the file came from, so "Lagre" can write it back (File System Access API) or download it. */
export interface FileOrigin {
  readonly handle?: FileSystemFileHandle;
}

export interface WorkspaceFile {
  /** Relative to the folder, with `/`. */
  readonly path: string;
  readonly uri: string;
  readonly model: monaco.editor.ITextModel;
  readonly origin: FileOrigin;
  /** Sent to the server as an open document. */
  opened: boolean;
  /** Text as last saved or loaded. */
  savedText: string;
}

export interface IncomingFile {
  readonly path: string;
  readonly text: string;
  readonly origin?: FileOrigin;
}

/** At most this many files are opened from a folder (the benchmark workspace has about 1 000). */
export const MAX_FILES = 5000;

export function isWorkspaceFile(path: string): boolean {
  return /\.hfa$/i.test(path) || path === "hfa.json";
}

export class Workspace {
  private generation = 0;
  private root = "/arbeidsomrade-0";
  private readonly files = new Map<string, WorkspaceFile>();
  private readonly changeListeners: (() => void)[] = [];

  constructor(private readonly server: LanguageServer) {}

  get folderUri(): string {
    return pathToFileURL(this.root).href;
  }

  list(): WorkspaceFile[] {
    return [...this.files.values()].sort((a, b) => a.path.localeCompare(b.path, "nb"));
  }

  byUri(uri: string): WorkspaceFile | undefined {
    for (const file of this.files.values()) if (file.uri === uri) return file;
    return undefined;
  }

  onDidChangeFiles(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** The folder's files before the server starts (sent ahead of `initialize`). */
  async seed(files: readonly IncomingFile[]): Promise<void> {
    this.createModels(files);
    await this.server.writeFiles({ files: files.map((file) => ({ path: `${this.root}/${file.path}`, text: file.text })) });
  }

  /** Replaces the workspace with another folder. */
  async replace(files: readonly IncomingFile[]): Promise<void> {
    const oldUri = this.folderUri;
    const oldRoot = this.root;
    for (const file of this.files.values()) {
      if (file.opened) await this.server.notify("textDocument/didClose", { textDocument: { uri: file.uri } });
      file.model.dispose();
    }
    this.files.clear();
    this.generation += 1;
    this.root = `/arbeidsomrade-${this.generation}`;
    this.createModels(files);
    await this.server.writeFiles({ removed: [oldRoot], files: files.map((file) => ({ path: `${this.root}/${file.path}`, text: file.text })) });
    await this.server.notify("workspace/didChangeWorkspaceFolders", { event: { removed: [{ uri: oldUri, name: "arbeidsomrade" }], added: [{ uri: this.folderUri, name: "arbeidsomrade" }] } });
    this.fire();
  }

  /** Adds files to the current folder (or replaces files of the same name). */
  async add(files: readonly IncomingFile[]): Promise<void> {
    const changes: { uri: string; type: number }[] = [];
    for (const file of files) {
      const existing = this.files.get(file.path);
      if (existing) {
        existing.model.setValue(file.text);
        existing.savedText = file.text;
      } else {
        this.createModels([file]);
        changes.push({ uri: this.files.get(file.path)!.uri, type: 1 });
      }
    }
    await this.server.writeFiles({ files: files.map((file) => ({ path: `${this.root}/${file.path}`, text: file.text })) });
    if (changes.length > 0) await this.server.notify("workspace/didChangeWatchedFiles", { changes });
    this.fire();
  }

  /** Sends a file to the server as an open document the first time it is shown. */
  async open(file: WorkspaceFile): Promise<void> {
    if (file.opened) return;
    file.opened = true;
    await this.server.notify("textDocument/didOpen", { textDocument: { uri: file.uri, languageId: file.path === "hfa.json" ? "json" : "hfa", version: file.model.getVersionId(), text: file.model.getValue() } });
  }

  private createModels(files: readonly IncomingFile[]): void {
    for (const file of files) {
      const uri = pathToFileURL(`${this.root}/${file.path}`).href;
      const model = monaco.editor.createModel(file.text, file.path === "hfa.json" ? "json" : "hfa", monaco.Uri.parse(uri));
      const entry: WorkspaceFile = { path: file.path, uri, model, origin: file.origin ?? {}, opened: false, savedText: file.text };
      this.files.set(file.path, entry);
      model.onDidChangeContent((event) => {
        if (!entry.opened) void this.open(entry);
        else {
          // Several changes in one event all refer to the text before it; send the whole text then.
          const contentChanges =
            event.changes.length === 1
              ? event.changes.map((change) => ({ range: { start: { line: change.range.startLineNumber - 1, character: change.range.startColumn - 1 }, end: { line: change.range.endLineNumber - 1, character: change.range.endColumn - 1 } }, rangeLength: change.rangeLength, text: change.text }))
              : [{ text: model.getValue() }];
          void this.server.notify("textDocument/didChange", { textDocument: { uri, version: model.getVersionId() }, contentChanges });
        }
      });
    }
  }

  private fire(): void {
    for (const listener of this.changeListeners) listener();
  }
}
