/**
 * `vscode-languageclient/node` as the web extension sees it: the browser
 * build of the extension (scripts/buildWeb.mjs) maps that import here, so
 * client/src/extension.ts runs unchanged in VS Code for the web. The
 * language server is the worker bundle dist/browser/server.js; the Node
 * server options (module path, IPC transport, inspector flags) have no
 * meaning there and are ignored.
 *
 * A worker cannot read the workspace's files, so the client opens the
 * workspace's `.hfa` files as documents (without showing them): the language
 * client sends them to the server like any open document, and names resolve
 * across files as with the Node server.
 */
import * as vscode from "vscode";
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient as BrowserLanguageClient, type LanguageClientOptions, type MessageTransports } from "vscode-languageclient/browser";

export * from "vscode-languageclient/browser";

/** package.json `publisher`.`name`. */
const EXTENSION_ID = "hfa.hfa";
/** At most this many files are opened for the server (the benchmark workspace has about 1 000). */
const MAX_WORKSPACE_FILES = 5000;

export enum TransportKind {
  stdio = 0,
  ipc = 1,
  pipe = 2,
  socket = 3,
}

/** The Node client's server options, accepted and ignored (see above). */
export type ServerOptions = unknown;

/**
 * The server's worker, started from a Blob of the bundle's text: VS Code's
 * web extension host refuses `new Worker(url)` for an extension served by a
 * remote (code-server), and a Blob works wherever the extension comes from.
 */
async function serverTransports(): Promise<MessageTransports> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, "dist", "browser", "server.js"));
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "text/javascript" }));
  const worker = new Worker(url, { name: "hfa-language-server" });
  // Transports, not the worker: the host replaces the global Worker, so the client's `instanceof Worker` test fails.
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

export class LanguageClient extends BrowserLanguageClient {
  constructor(id: string, name: string, _serverOptions: ServerOptions, clientOptions: LanguageClientOptions) {
    // A new worker for each start (the restart command starts a fresh client).
    super(id, name, serverTransports, clientOptions);
  }

  override async start(): Promise<void> {
    await super.start();
    void openWorkspaceAgreements();
  }
}

async function openWorkspaceAgreements(): Promise<void> {
  try {
    const uris = await vscode.workspace.findFiles("**/*.hfa", "**/{node_modules,.git,dist,out}/**", MAX_WORKSPACE_FILES);
    for (const uri of uris) await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
  } catch {
    // No workspace, or a file system that cannot search: open editors still work.
  }
}
