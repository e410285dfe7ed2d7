/**
 * The page's side of the language server: the server runs in a Web Worker
 * (dist/browser/server.js, embedded so the page also works from file://,
 * where a page may not start a worker from a file) and the page talks LSP to
 * it over `postMessage` with vscode-jsonrpc — the same protocol the VS Code
 * extension speaks, so every feature is the server's own.
 */
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection, type MessageConnection } from "vscode-jsonrpc/browser";
import type * as lsp from "vscode-languageserver-protocol";
import workerSource from "hfa-virtual:worker-source";
import { WRITE_FILES_NOTIFICATION, type WriteFilesParams } from "../../server/src/lsp/browser/protocol.js";
import type { UiLocale } from "./strings.js";

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly diagnostics: readonly lsp.Diagnostic[];
}

export class LanguageServer {
  private readonly worker: Worker;
  readonly connection: MessageConnection;
  capabilities: lsp.ServerCapabilities = {};

  constructor(onDiagnostics: (published: PublishedDiagnostics) => void) {
    const url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
    this.worker = new Worker(url, { name: "hfa-language-server" });
    URL.revokeObjectURL(url);
    this.connection = createMessageConnection(new BrowserMessageReader(this.worker), new BrowserMessageWriter(this.worker));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: lsp.PublishDiagnosticsParams) => onDiagnostics({ uri: params.uri, diagnostics: params.diagnostics }));
    this.connection.onNotification("window/logMessage", (params: lsp.LogMessageParams) => console.debug(params.message));
    this.connection.onRequest("workspace/configuration", () => []);
    this.connection.listen();
  }

  async initialize(folderUri: string, locale: UiLocale): Promise<void> {
    const params: lsp.InitializeParams = {
      processId: null,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: "arbeidsomrade" }],
      locale,
      initializationOptions: { locale, rules: {}, snippets: true },
      capabilities: {
        textDocument: {
          synchronization: { didSave: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          rename: { prepareSupport: true },
        },
        workspace: { workspaceFolders: true, configuration: false, applyEdit: false },
      },
    };
    const result = await this.connection.sendRequest<lsp.InitializeResult>("initialize", params);
    this.capabilities = result.capabilities;
    await this.connection.sendNotification("initialized", {});
  }

  writeFiles(params: WriteFilesParams): Promise<void> {
    return this.connection.sendNotification(WRITE_FILES_NOTIFICATION, params);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }
}
