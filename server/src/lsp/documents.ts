/**
 * Open documents (incremental sync through `vscode-languageserver-textdocument`)
 * and the files on disk, merged into the core's `Workspace`: an open document
 * takes precedence over its file until it is closed, when the file's text
 * (if it is a workspace file) comes back.
 *
 * A file has one entry in the workspace, under the URI the client uses while
 * it is open and under its disk URI otherwise, so that it is never counted
 * twice (which would make every name in it a duplicate).
 *
 * Document sync never fails: a change is applied to the document's text
 * first, and only marked pending for the workspace. `flush()` (before an
 * analysis or a request) hands every pending text to the workspace at once,
 * so a burst of queued `didChange`s costs one parse. If handing a text over
 * throws, the document keeps its new text, the workspace its last good one,
 * and `inSync` says so: no edit is then computed (the server answers
 * ContentModified).
 */
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { canonicalUri, type WorkspaceFolders } from "./indexer.js";
import type { FileStore } from "./workspaces.js";

export type ChangeKind = "open" | "change" | "close" | "disk";

export interface DocumentHooks {
  /** The workspace changed; `immediate` asks for diagnostics without debounce. */
  changed(kind: ChangeKind): void;
  /** An open `hfa.json` (or its file on disk) changed: text, or undefined when gone. */
  configChanged(uri: string, text: string | undefined): void;
}

export function isHfaDocument(uri: string, languageId?: string): boolean {
  return languageId === "hfa" || /\.hfa$/i.test(uri.split(/[?#]/)[0]!);
}

/** Above this many characters an open document is checked for syntax only (docs/lsp.md). */
export const FULL_ANALYSIS_MAX_CHARS = 1024 * 1024;

export class Documents {
  private readonly open = new Map<string, TextDocument>();
  /** Open documents whose current text the workspace has not been given yet. */
  private readonly pending = new Set<string>();
  /** Open documents whose buffer the server lost track of (a malformed change). */
  private readonly desynced = new Set<string>();
  /** Open documents too large for full analysis: only their syntax is checked. */
  private readonly syntaxOnly = new Set<string>();
  /** canonical URI → the URI under which the file is in the workspace. */
  private readonly entries = new Map<string, string>();

  constructor(
    private readonly workspace: FileStore,
    private readonly folders: WorkspaceFolders,
    private readonly hooks: DocumentHooks,
  ) {}

  get(uri: string): TextDocument | undefined {
    return this.open.get(uri);
  }

  all(): TextDocument[] {
    return [...this.open.values()];
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri) || this.openUnder(canonicalUri(uri)) !== undefined;
  }

  private openUnder(key: string): string | undefined {
    const uri = this.entries.get(key);
    return uri !== undefined && this.open.has(uri) ? uri : undefined;
  }

  /** Puts `text` into the workspace under `uri`, replacing another spelling of the same file (`key`: its canonical URI, when known). */
  private put(uri: string, text: string, key = canonicalUri(uri)): void {
    const previous = this.entries.get(key);
    if (previous !== undefined && previous !== uri) this.workspace.removeFile(previous);
    this.entries.set(key, uri);
    this.workspace.setFile(uri, text);
  }

  didOpen(uri: string, languageId: string, version: number, text: string): void {
    const document = TextDocument.create(uri, languageId, version, text);
    this.open.set(uri, document);
    this.desynced.delete(uri);
    if (this.folders.isConfigUri(uri)) {
      this.hooks.configChanged(uri, text);
      this.hooks.changed("open");
      return;
    }
    if (!isHfaDocument(uri, languageId)) return;
    this.pending.add(uri);
    this.hooks.changed("open");
  }

  didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const document = this.open.get(uri);
    if (!document) return;
    // The text first, whatever happens after: it is the user's buffer.
    let updated: TextDocument;
    try {
      updated = TextDocument.update(document, changes, version);
    } catch (error) {
      // A malformed change: the buffer is unknown from here, so no edit is
      // computed for this document until a full-text change or a reopen.
      this.desynced.add(uri);
      throw error;
    }
    if (changes.some((change) => !("range" in change) || change.range === undefined)) this.desynced.delete(uri);
    this.open.set(uri, updated);
    if (this.folders.isConfigUri(uri)) {
      this.hooks.configChanged(uri, updated.getText());
      this.hooks.changed("change");
      return;
    }
    if (!isHfaDocument(uri, document.languageId)) return;
    this.pending.add(uri);
    this.hooks.changed("change");
  }

  /**
   * Hands every pending document text to the workspace (one parse each, however
   * many changes came in). A failure is reported through `failed` and leaves
   * that document out of sync; the others go on.
   */
  flush(failed: (uri: string, error: unknown) => void): void {
    if (this.pending.size === 0) return;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const document = this.open.get(uri);
      if (!document) continue;
      const text = document.getText();
      try {
        if (text.length > FULL_ANALYSIS_MAX_CHARS) {
          // Too large to analyse on every keystroke: out of the namespace, syntax only.
          this.syntaxOnly.add(uri);
          const key = canonicalUri(uri);
          const previous = this.entries.get(key);
          if (previous !== undefined) this.workspace.removeFile(previous);
          this.entries.delete(key);
          continue;
        }
        this.syntaxOnly.delete(uri);
        this.put(uri, text);
      } catch (error) {
        failed(uri, error);
      }
    }
  }

  /**
   * The workspaces were regrouped (a folder added or removed) and start
   * empty: every open document is pending again and its configuration
   * re-applied; disk files come back through indexing.
   */
  reset(): void {
    this.entries.clear();
    for (const [uri, document] of this.open) {
      if (this.folders.isConfigUri(uri)) this.hooks.configChanged(uri, document.getText());
      else if (isHfaDocument(uri, document.languageId)) this.pending.add(uri);
    }
  }

  /** Is the workspace's text of this open document its current text (so edits may be computed)? */
  inSync(uri: string): boolean {
    const document = this.open.get(uri);
    if (!document) return true;
    if (this.pending.has(uri) || this.desynced.has(uri)) return false;
    return this.workspace.file(uri)?.text === document.getText();
  }

  /** Open documents checked for syntax only, with their text. */
  syntaxOnlyDocuments(): TextDocument[] {
    const out: TextDocument[] = [];
    for (const uri of this.syntaxOnly) {
      const document = this.open.get(uri);
      if (document) out.push(document);
    }
    return out;
  }

  isSyntaxOnly(uri: string): boolean {
    return this.syntaxOnly.has(uri);
  }

  async didClose(uri: string): Promise<void> {
    const document = this.open.get(uri);
    if (!document) return;
    this.open.delete(uri);
    this.pending.delete(uri);
    this.syntaxOnly.delete(uri);
    const disk = await this.folders.read(uri);
    // Opened again while the file was read: the new document wins.
    if (this.open.has(uri)) return;
    if (this.folders.isConfigUri(uri)) {
      this.hooks.configChanged(uri, disk);
      this.hooks.changed("close");
      return;
    }
    if (!isHfaDocument(uri, document.languageId)) return;
    const key = canonicalUri(uri);
    if (disk === undefined) {
      this.workspace.removeFile(uri);
      if (this.entries.get(key) === uri) this.entries.delete(key);
    } else {
      this.put(key, disk);
    }
    this.hooks.changed("close");
  }

  /**
   * A file read from disk (indexing or a watched change): ignored while the file is open.
   * `key`: the file's canonical URI, when the caller has it (indexing: `pathToUri` of a
   * listed path, absolute and normalised, is canonical; ~10 ms of 1 005 files to recompute).
   */
  setDisk(uri: string, text: string, key = canonicalUri(uri)): boolean {
    if (this.openUnder(key) !== undefined) return false;
    if (text.length > FULL_ANALYSIS_MAX_CHARS) {
      // Too large for the shared analysis; opened, it gets the syntax-only check.
      const current = this.entries.get(key);
      this.entries.delete(key);
      return this.workspace.removeFile(current ?? key);
    }
    this.put(key, text, key);
    return true;
  }

  /** A file deleted on disk (or its folder removed): gone unless it is open. */
  removeDisk(uri: string): boolean {
    const key = canonicalUri(uri);
    if (this.openUnder(key) !== undefined) return false;
    const current = this.entries.get(key);
    this.entries.delete(key);
    return this.workspace.removeFile(current ?? key);
  }

  /** Workspace URIs of files from disk under a folder path prefix (for a removed folder). */
  diskUrisUnder(folderUri: string): string[] {
    const prefix = canonicalUri(folderUri).replace(/\/?$/, "/");
    const out: string[] = [];
    for (const [key, uri] of this.entries) if (key.startsWith(prefix) && !this.open.has(uri)) out.push(uri);
    return out;
  }
}
