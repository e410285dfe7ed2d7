/**
 * The language server: capabilities, and every request and notification
 * wired to the analysis core (diagnostics, code actions, formatting) and to
 * the language features (`./features`, contract in `./features/api.ts`).
 *
 * Every handler is wrapped: an exception is logged and answered with an
 * empty result; an unknown document or a position outside it gets an empty
 * answer. Nothing a client sends ends the session except `exit`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type SemanticTokens,
  type TextDocumentIdentifier,
  type WorkspaceFolder,
} from "vscode-languageserver";
import { Workspace } from "../analysis/index.js";
import { codeActions, FIX_ALL_KIND } from "./codeActions.js";
import { readSettings, ServerConfig } from "./config.js";
import { docsBaseUriOf, packageRoot, toOffset, toOffsetRange, type ConvertContext } from "./convert.js";
import { describe, DiagnosticsPublisher } from "./diagnostics.js";
import { Documents, isHfaDocument } from "./documents.js";
import type { FeatureContext, Features } from "./features/api.js";
import { features as defaultFeatures } from "./features/index.js";
import { formatDocument } from "./formatting.js";
import { reportRequest, type ReportParams } from "./report.js";
import { pathToUri, WorkspaceFolders, type CancelFlag } from "./indexer.js";

/** Files indexed at start above which the client is shown progress. */
const PROGRESS_THRESHOLD = 50;

export const SERVER_NAME = "hfa-language-server";
export const SERVER_VERSION = "0.1.0";

/** Custom requests (see docs/lsp.md). */
export const Requests = {
  balance: "hfa/balance",
  ruleDoc: "hfa/ruleDoc",
  prelude: "hfa/prelude",
  report: "hfa/report",
} as const;

interface PositionParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: unknown;
}

export interface ServerOptions {
  readonly features?: Features;
  /** The package root (holds docs/rules); found from the bundle's location by default. */
  readonly root?: string;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const features = options.features ?? defaultFeatures;
  const root = options.root ?? packageRoot();
  const docsBaseUri = docsBaseUriOf(root);
  const workspace = new Workspace();
  const folders = new WorkspaceFolders();
  let config = new ServerConfig({});
  let capabilities: ClientCapabilities = {};
  let ready = false;
  let indexing: CancelFlag & { cancelled: boolean } = { cancelled: false };
  let shuttingDown = false;

  const log = (message: string) => connection.console.error(message);

  const convert: ConvertContext = {
    docsBaseUri,
    webDocsBaseUrl: () => config.docsBaseUrl(),
    lines: (uri) => workspace.file(uri)?.lines ?? config.linesOf(uri),
  };

  let publisher = new DiagnosticsPublisher({ debounceMs: 0, analyze: () => undefined, convert, send: () => undefined, error: log });

  const documents = new Documents(workspace, folders, {
    changed(kind) {
      publisher.changed(kind === "open" || kind === "close");
    },
    configChanged(uri, text) {
      config.setFile(uri, text);
      config.apply(workspace);
    },
  });

  // ------------------------------------------------------------ helpers

  /** Runs a handler; an exception is logged and answered with `empty`. */
  function safe<P, R>(name: string, empty: () => R, handler: (params: P, token: CancellationToken | undefined) => R | ResponseError | Promise<R | ResponseError>) {
    return async (params: P, token?: CancellationToken): Promise<R | ResponseError> => {
      try {
        if (token?.isCancellationRequested) return empty();
        return await handler(params, token);
      } catch (error) {
        log(`hfa: ${name} failed: ${describe(error)}`);
        return empty();
      }
    };
  }

  /** Runs a notification handler; an exception (or rejection) is logged. */
  function notify<P>(name: string, handler: (params: P) => void | Promise<void>) {
    return (params: P): void => {
      try {
        const result = handler(params);
        if (result instanceof Promise) result.catch((error: unknown) => log(`hfa: ${name} failed: ${describe(error)}`));
      } catch (error) {
        log(`hfa: ${name} failed: ${describe(error)}`);
      }
    };
  }

  function uriOf(params: unknown): string | undefined {
    const doc = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument;
    return typeof doc?.uri === "string" ? doc.uri : undefined;
  }

  function contextFor(uri: string | undefined): FeatureContext | undefined {
    if (uri === undefined) return undefined;
    const file = workspace.file(uri);
    if (!file) return undefined;
    const analysis = workspace.analyze();
    return { workspace, analysis, file, locale: analysis.locale, docsBaseUri, offerSnippets: config.offerSnippets };
  }

  function at(params: PositionParams): { ctx: FeatureContext; offset: number } | undefined {
    const ctx = contextFor(uriOf(params));
    if (!ctx) return undefined;
    const offset = toOffset(ctx.file.lines, params.position);
    return offset === undefined ? undefined : { ctx, offset };
  }

  // ------------------------------------------------------------ lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    const init = readSettings(params.initializationOptions);
    for (const problem of init.problems) log(`hfa: initializationOptions: ${problem}`);
    // The client's display language is not consulted: bokmål unless hfa.locale or hfa.json say otherwise (spec §7).
    config = new ServerConfig(init.settings);
    config.apply(workspace);
    publisher = new DiagnosticsPublisher({
      debounceMs: config.debounceMs,
      analyze: () => (ready ? workspace.analyze() : undefined),
      convert,
      send: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      error: log,
    });

    const given: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : params.rootPath ? [{ uri: pathToUri(params.rootPath), name: "root" }] : []);
    for (const folder of given) if (!folders.add(folder.uri)) log(`hfa: workspace folder ${folder.uri} is not a readable local folder; it is not indexed.`);

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
        semanticTokensProvider: { legend: features.semanticTokensLegend, full: true, range: false },
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
  });

  connection.onInitialized(() => {
    const dynamicWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    if (dynamicWatch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.hfa" }, { globPattern: "**/hfa.json" }] })
        .catch((error: unknown) => log(`hfa: could not watch files: ${describe(error)}`));
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "hfa" }).catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders === true) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => void changeFolders(event.added, event.removed).catch((error: unknown) => log(`hfa: ${describe(error)}`)));
    }
    void pullSettings().finally(() => void index());
  });

  connection.onShutdown(async () => {
    shuttingDown = true;
    indexing.cancelled = true;
    publisher.dispose();
  });

  // ------------------------------------------------------------ indexing

  async function index(): Promise<void> {
    indexing.cancelled = true;
    const cancel = { cancelled: false };
    indexing = cancel;
    try {
      const scan = await folders.scan(cancel);
      if (cancel.cancelled) return;
      if (scan.config) {
        const uri = pathToUri(scan.config);
        if (!documents.isOpen(uri)) {
          config.setFile(uri, await folders.read(uri));
          config.apply(workspace);
        }
      }
      const progress = scan.files.length > PROGRESS_THRESHOLD ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      const title = workspace.analyze().locale === "en" ? "HFA: indexing agreements" : "HFA: leser avtaler";
      progress?.begin(title, 0, `0/${scan.files.length}`, false);
      let lastReport = 0;
      await folders.readAll(scan.files, cancel, (uri, text, done) => {
        documents.setDisk(uri, text);
        if (progress && done - lastReport >= 50) {
          lastReport = done;
          progress.report(Math.round((done / scan.files.length) * 100), `${done}/${scan.files.length}`);
        }
      });
      progress?.done();
      if (cancel.cancelled || shuttingDown) return;
    } catch (error) {
      log(`hfa: indexing failed: ${describe(error)}`);
    }
    ready = true;
    publisher.changed(true);
  }

  async function changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
    for (const folder of removed) {
      for (const uri of documents.diskUrisUnder(folder.uri)) documents.removeDisk(uri);
      const path = folders.remove(folder.uri);
      if (path && config.configUri === pathToUri(join(path, "hfa.json"))) config.setFile(undefined, undefined);
    }
    for (const folder of added) folders.add(folder.uri);
    config.apply(workspace);
    if (added.length > 0) await index();
    else publisher.changed(true);
  }

  // ------------------------------------------------------------ settings

  async function pullSettings(): Promise<void> {
    if (capabilities.workspace?.configuration !== true) return;
    try {
      const value: unknown = await connection.workspace.getConfiguration("hfa");
      applySettings(value);
    } catch (error) {
      log(`hfa: could not read settings: ${describe(error)}`);
    }
  }

  function applySettings(value: unknown): void {
    const { settings, problems } = readSettings(value);
    for (const problem of problems) log(`hfa: settings: ${problem}`);
    config.setSettings(settings);
    config.apply(workspace);
  }

  connection.onDidChangeConfiguration(
    notify("didChangeConfiguration", async (params: { settings?: unknown }) => {
      const section = (params?.settings as { hfa?: unknown } | undefined)?.hfa;
      if (section !== undefined) applySettings(section);
      else await pullSettings();
      publisher.changed(true);
    }),
  );

  // ------------------------------------------------------------ documents and files

  connection.onDidOpenTextDocument(
    notify("didOpen", (params) => {
      const doc = params?.textDocument;
      if (!doc || typeof doc.uri !== "string" || typeof doc.text !== "string") return;
      documents.didOpen(doc.uri, typeof doc.languageId === "string" ? doc.languageId : "", Number.isInteger(doc.version) ? doc.version : 0, doc.text);
    }),
  );

  connection.onDidChangeTextDocument(
    notify("didChange", (params) => {
      const uri = uriOf(params);
      if (uri === undefined || !Array.isArray(params.contentChanges)) return;
      documents.didChange(uri, Number.isInteger(params.textDocument.version) ? params.textDocument.version : 0, params.contentChanges);
    }),
  );

  connection.onDidCloseTextDocument(
    notify("didClose", async (params) => {
      const uri = uriOf(params);
      if (uri !== undefined) await documents.didClose(uri);
    }),
  );

  connection.onDidChangeWatchedFiles(
    notify("didChangeWatchedFiles", async (params) => {
      let changed = false;
      for (const change of Array.isArray(params?.changes) ? params.changes : []) {
        if (typeof change?.uri !== "string") continue;
        const uri = change.uri;
        if (folders.isConfigUri(uri)) {
          if (documents.isOpen(uri)) continue;
          config.setFile(uri, change.type === FileChangeType.Deleted ? undefined : await folders.read(uri));
          config.apply(workspace);
          changed = true;
        } else if (isHfaDocument(uri)) {
          if (change.type === FileChangeType.Deleted) changed = documents.removeDisk(uri) || changed;
          else {
            const text = await folders.read(uri);
            if (text !== undefined) changed = documents.setDisk(uri, text) || changed;
          }
        }
      }
      if (changed) publisher.changed(false);
    }),
  );

  // ------------------------------------------------------------ features

  connection.onCompletion(safe("completion", () => [], (params: PositionParams) => {
    const found = at(params);
    return found ? features.completion(found.ctx, found.offset) : [];
  }));

  connection.onHover(safe("hover", () => null, (params: PositionParams) => {
    const found = at(params);
    return found ? features.hover(found.ctx, found.offset) : null;
  }));

  connection.onDefinition(safe("definition", () => [], (params: PositionParams) => {
    const found = at(params);
    return found ? features.definition(found.ctx, found.offset) : [];
  }));

  connection.onReferences(safe("references", () => [], (params: PositionParams & { context?: { includeDeclaration?: boolean } }) => {
    const found = at(params);
    return found ? features.references(found.ctx, found.offset, params.context?.includeDeclaration !== false) : [];
  }));

  connection.onDocumentHighlight(safe("documentHighlight", () => [], (params: PositionParams) => {
    const found = at(params);
    return found ? features.documentHighlight(found.ctx, found.offset) : [];
  }));

  connection.onPrepareRename(safe("prepareRename", () => null, (params: PositionParams) => {
    const found = at(params);
    if (!found) return null;
    const result = features.prepareRename(found.ctx, found.offset);
    if (result && "error" in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result;
  }));

  connection.onRenameRequest(safe("rename", () => null, (params: PositionParams & { newName?: unknown }) => {
    const found = at(params);
    if (!found || typeof params.newName !== "string") return null;
    const result = features.rename(found.ctx, found.offset, params.newName);
    if ("error" in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result;
  }));

  connection.onDocumentSymbol(safe("documentSymbol", () => [], (params: { textDocument: TextDocumentIdentifier }) => {
    const ctx = contextFor(uriOf(params));
    return ctx ? features.documentSymbols(ctx) : [];
  }));

  connection.onWorkspaceSymbol(safe("workspaceSymbol", () => [], (params: { query?: unknown }) => {
    return features.workspaceSymbols(workspace.analyze(), workspace, typeof params?.query === "string" ? params.query : "");
  }));

  connection.onFoldingRanges(safe("foldingRange", () => [], (params: { textDocument: TextDocumentIdentifier }) => {
    const ctx = contextFor(uriOf(params));
    return ctx ? features.foldingRanges(ctx) : [];
  }));

  connection.onSelectionRanges(safe("selectionRange", () => [], (params: { textDocument: TextDocumentIdentifier; positions?: unknown }) => {
    const ctx = contextFor(uriOf(params));
    if (!ctx || !Array.isArray(params.positions)) return [];
    const offsets: number[] = [];
    for (const position of params.positions) {
      const offset = toOffset(ctx.file.lines, position);
      if (offset === undefined) return [];
      offsets.push(offset);
    }
    return features.selectionRanges(ctx, offsets);
  }));

  connection.languages.semanticTokens.on(safe("semanticTokens", (): SemanticTokens => ({ data: [] }), (params: { textDocument: TextDocumentIdentifier }) => {
    const ctx = contextFor(uriOf(params));
    return ctx ? features.semanticTokens(ctx) : { data: [] };
  }));

  connection.onCodeLens(safe("codeLens", () => [], (params: { textDocument: TextDocumentIdentifier }) => {
    const ctx = contextFor(uriOf(params));
    return ctx ? features.codeLenses(ctx) : [];
  }));

  connection.languages.inlayHint.on(safe("inlayHint", () => [], (params: { textDocument: TextDocumentIdentifier; range?: unknown }) => {
    const ctx = contextFor(uriOf(params));
    if (!ctx) return [];
    const range = toOffsetRange(ctx.file.lines, params.range);
    return range ? features.inlayHints(ctx, range) : [];
  }));

  // ------------------------------------------------------------ code actions and formatting

  connection.onCodeAction(safe("codeAction", () => [], (params) => {
    const ctx = contextFor(uriOf(params));
    if (!ctx) return [];
    const snippetEdits = capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    return codeActions(params, ctx.file, ctx.analysis, ctx.locale, { snippetEdits, version: documents.get(ctx.file.uri)?.version });
  }));

  connection.onDocumentFormatting(safe("formatting", () => [], (params: { textDocument: TextDocumentIdentifier }) => {
    const file = workspace.file(uriOf(params) ?? "");
    return file ? formatDocument(file) : [];
  }));

  connection.onDocumentRangeFormatting(safe("rangeFormatting", () => [], (params: { textDocument: TextDocumentIdentifier; range?: unknown }) => {
    const file = workspace.file(uriOf(params) ?? "");
    if (!file) return [];
    const range = toOffsetRange(file.lines, params.range);
    return range ? formatDocument(file, range) : [];
  }));

  // ------------------------------------------------------------ custom requests

  connection.onRequest(Requests.balance, safe("balance", () => null, (params: PositionParams) => {
    const ctx = contextFor(uriOf(params));
    if (!ctx) return null;
    const offset = params.position === undefined || params.position === null ? 0 : toOffset(ctx.file.lines, params.position);
    return offset === undefined ? null : features.balance(ctx, offset);
  }));

  connection.onRequest(Requests.report, safe("report", () => null, (params: ReportParams) => {
    const ctx = contextFor(uriOf(params));
    if (!ctx) return null;
    const offset = params.position === undefined || params.position === null ? 0 : toOffset(ctx.file.lines, params.position);
    return offset === undefined ? null : reportRequest(ctx, offset, params, SERVER_VERSION, ctx.locale);
  }));

  const ruleDocs = new Map<string, string | null>();
  connection.onRequest(Requests.ruleDoc, safe("ruleDoc", () => null, async (params: { code?: unknown }) => {
    const code = typeof params?.code === "string" ? params.code.trim().toUpperCase() : "";
    if (!/^HFA\d{3}$/.test(code)) return null;
    if (!ruleDocs.has(code)) {
      // The server's own documentation: the one place read outside the workspace folders.
      ruleDocs.set(code, await readFile(join(root, "docs", "rules", `${code}.md`), "utf8").catch(() => null));
    }
    return ruleDocs.get(code) ?? null;
  }));

  connection.onRequest(Requests.prelude, safe("prelude", () => null, () => features.preludeDocument()));
}

