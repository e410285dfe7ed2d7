/**
 * What a browser host (the web app's page, the VS Code web extension) says to
 * the language server in its worker besides LSP: the workspace's files, which
 * the worker cannot read itself. They land in the worker's in-memory tree; the
 * host then names the folder (`initialize` / `workspace/didChangeWorkspaceFolders`)
 * or the changed files (`workspace/didChangeWatchedFiles`) as a Node client
 * would for files on disk, and the server indexes them the same way.
 */

/** `hfa/web/writeFiles` (notification) — put these files into the tree, removing `removed` (files or folders) first. */
export const WRITE_FILES_NOTIFICATION = "hfa/web/writeFiles";

export interface WrittenFile {
  /** Absolute posix path in the worker's tree, e.g. `/arbeidsomrade/avtaler/a.hfa`. */
  readonly path: string;
  readonly text: string;
}

export interface WriteFilesParams {
  readonly removed?: readonly string[];
  readonly files: readonly WrittenFile[];
}

/** Where the bundle's rule pages live in the tree (the server's package root). */
export const PACKAGE_ROOT = "/hfa";
