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
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  PublishDiagnosticsNotification,
  ResponseError,
  ShowMessageNotification,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type SemanticTokens,
  type TextDocumentIdentifier,
  type WorkspaceFolder,
} from "vscode-languageserver";
import { checkSyntaxOnly, joinList, type Diagnostic as CoreDiagnostic, type SyntaxOnlyResult, type WorkspaceAnalysis } from "../analysis/index.js";
import { initializeResult, Requests, SERVER_VERSION } from "./capabilities.js";
import { codeActions } from "./codeActions.js";
import { readSettings } from "./config.js";
import { docsBaseUriOf, packageRoot, toOffset, toOffsetRange, type ConvertContext } from "./convert.js";
import { describe } from "./describe.js";
import { DiagnosticsPublisher } from "./diagnostics.js";
import { Documents, FULL_ANALYSIS_MAX_CHARS, isHfaDocument } from "./documents.js";
import type { FeatureContext, Features } from "./features/api.js";
import { features as defaultFeatures } from "./features/index.js";
import { formatDocument } from "./formatting.js";
import { reportRequest, type ReportParams } from "./report.js";
import { canonicalUri, MAX_FILE_BYTES, pathToUri, uriToPath, WorkspaceFolders, type CancelFlag, type SelectionFor } from "./indexer.js";
import { Workspaces } from "./workspaces.js";
import { workspaceSelection } from "../workspace/selection.js";

/** Files indexed at start above which the client is shown progress. */
const PROGRESS_THRESHOLD = 50;

/**
 * While a workspace folder cannot be listed, changes index the workspace
 * again only once they pause this long: a full run per keystroke would
 * re-read and re-check every file. (Unreadable files are read again at once:
 * that is a few reads.)
 */
const FOLDER_RETRY_QUIET_MS = 1000;

interface PositionParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: unknown;
}

export interface ServerOptions {
  readonly features?: Features;
  /** The package root (holds docs/rules); found from the bundle's location by default. */
  readonly root?: string;
  /**
   * The `initialize` request, when it has already been answered (by ./main.ts,
   * which answers it before loading this module): the server takes it as if
   * it had answered it, and listens for everything after it.
   */
  readonly initialized?: InitializeParams;
  /**
   * Writes a notification whose params are JSON already, as the connection
   * would write it (./stdioWriter.ts, `--stdio`): publishDiagnostics then
   * serialises each list once (the publisher's JSON of it), not twice.
   */
  readonly sendSerialized?: (method: string, paramsJson: string) => void;
}

/** What a server started by `startServer` with `initialized` still takes from ./main.ts: a repeated `initialize`. */
export interface StartedServer {
  initialize(params: InitializeParams): void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): StartedServer {
  const features = options.features ?? defaultFeatures;
  const sendSerialized = options.sendSerialized;
  const root = options.root ?? packageRoot();
  const docsBaseUri = docsBaseUriOf(root);
  const workspaces = new Workspaces({});
  const folders = new WorkspaceFolders();
  /** The `exclude` of every workspace when the files were last scanned: a change means scanning again. */
  let scannedExcludes = "";
  let capabilities: ClientCapabilities = {};
  let ready = false;
  let indexing: CancelFlag & { cancelled: boolean } = { cancelled: false };
  /** The indexing run in progress (or the last one); rename and references wait for it. */
  let indexRun: Promise<void> = Promise.resolve();
  /** The last indexing run failed: said to the user, and retried on the next change. */
  let indexFailed = false;
  let lastIndexError: string | undefined;
  /**
   * Files the last run listed but could not read, and folders it could not
   * list (URI ending in `/`), with the error's code: said to the user, read
   * again on the next change.
   */
  let unreadable = new Map<string, string>();
  /** The `unreadable` the user was last told of: told again only when it changes. */
  let toldUnreadable = "[]";
  /** Files on disk larger than MAX_FILE_BYTES, left out of the workspace (told to the user, tellTooLarge). */
  let tooLarge = new Set<string>();
  /** The `tooLarge` the user was last told of. */
  let toldTooLarge = "[]";
  /** A re-read of the unreadable files (or folders) in progress. */
  let rereading: Promise<void> | undefined;
  /** The pending re-index for a folder that could not be listed (retryAfterFailure). */
  let folderRetry: ReturnType<typeof setTimeout> | undefined;
  let shuttingDown = false;
  /** Syntax-only results of open documents above FULL_ANALYSIS_MAX_CHARS, by URI, with the version they are for. */
  const syntaxOnly = new Map<string, { version: number; result: SyntaxOnlyResult }>();
  /** Documents whose text the workspace could not take, already reported to the user. */
  const syncFailures = new Set<string>();

  const log = (message: string) => connection.console.error(message);

  const convert: ConvertContext = {
    docsBaseUri,
    webDocsBaseUrl: (uri) => workspaces.forUri(uri).config.docsBaseUrl(),
    ruleLinksKey: () => workspaces.all().map((space) => space.config.docsBaseUrl() ?? "").join("\u0000"),
    lines: (uri) => workspaces.lines(uri) ?? syntaxOnly.get(uri)?.result.lines,
  };

  let publisher = new DiagnosticsPublisher({ debounceMs: 0, analyze: () => undefined, convert, send: () => undefined, error: log });

  const documents = new Documents(workspaces, folders, {
    changed(kind) {
      publisher.changed(kind === "open" || kind === "close");
    },
    configChanged(uri, text) {
      workspaces.setConfigFile(uri, text);
      reindexIfExcludeChanged();
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

  /**
   * Every pending document text into the workspace: one parse per document
   * however many changes were queued. A document whose text cannot be taken
   * is reported once; requests are then answered from the last good analysis
   * and edits for it are refused (see `editable`).
   */
  function flushDocuments(): void {
    documents.flush((uri, error) => {
      log(`hfa: could not analyse ${uri}: ${describe(error)}`);
      if (syncFailures.has(uri)) return;
      syncFailures.add(uri);
      showMessage(MessageType.Error, say(`HFA kunne ikke analysere ${fileName(uri)} (intern feil). Teksten din er uendret; diagnosene og endringsforslagene gjelder siste versjon som kunne analyseres.`, `HFA could not analyse ${fileName(uri)} (internal error). Your text is unchanged; diagnostics and edits are those of the last version that could be analysed.`));
    });
    for (const uri of [...syncFailures]) if (documents.inSync(uri)) syncFailures.delete(uri);
  }

  /** The last segment of a URI, decoded, for messages to the user (`avtale.hfa`, not `file:///…/avtale.hfa`). */
  function fileName(uri: string): string {
    const last = uri.split(/[?#]/)[0]!.split("/").pop() || uri;
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  }

  /** A notification, not a request: the server waits for no answer. */
  function showMessage(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  function say(nb: string, en: string): string {
    return workspaces.primary.config.messageLocale() === "en" ? en : nb;
  }

  /**
   * Null when edits may be computed for `uri` (its analysed text is the
   * document's current version); else the ContentModified error to answer.
   */
  function editable(uri: string | undefined, version?: number): ResponseError | null {
    if (uri === undefined) return null;
    flushDocuments();
    // A syntax-only document has no analysis to edit from: the handlers answer empty, not "modified".
    if (documents.isSyntaxOnly(uri)) return null;
    const document = documents.get(uri);
    if (documents.inSync(uri) && (version === undefined || document === undefined || document.version === version)) return null;
    return new ResponseError(LSPErrorCodes.ContentModified, say("Dokumentet er endret siden forespørselen; prøv igjen.", "The document changed since the request; try again."));
  }

  /** The current analysis with the syntax-only documents' diagnostics added. */
  function analysisForPublishing(): WorkspaceAnalysis | undefined {
    flushDocuments();
    if (!ready) return undefined;
    const spaces = workspaces.all();
    const analysis = spaces[0]!.workspace.analyze();
    const large = documents.syntaxOnlyDocuments();
    for (const uri of [...syntaxOnly.keys()]) if (!documents.isSyntaxOnly(uri)) syntaxOnly.delete(uri);
    if (large.length === 0 && spaces.length === 1) return analysis;
    // The publisher needs only the diagnostics: every workspace's, per file (the arrays as given).
    const diagnostics = new Map<string, readonly CoreDiagnostic[]>(analysis.diagnostics);
    for (const space of spaces.slice(1)) for (const [uri, list] of space.workspace.analyze().diagnostics) diagnostics.set(uri, list);
    for (const document of large) {
      let entry = syntaxOnly.get(document.uri);
      if (!entry || entry.version !== document.version) {
        if (!entry) {
          showMessage(MessageType.Info, 
            say(
              `${fileName(document.uri)} er større enn ${FULL_ANALYSIS_MAX_CHARS / (1024 * 1024)} MB: i editoren kontrolleres bare syntaksen. Kjør «hfa check» for full kontroll.`,
              `${fileName(document.uri)} is larger than ${FULL_ANALYSIS_MAX_CHARS / (1024 * 1024)} MB: the editor checks its syntax only. Run "hfa check" for the full check.`,
            ),
          );
        }
        entry = { version: document.version, result: checkSyntaxOnly(document.uri, document.getText(), analysis.locale, analysis.config) };
        syntaxOnly.set(document.uri, entry);
      }
      diagnostics.set(document.uri, entry.result.diagnostics);
    }
    return { ...analysis, diagnostics };
  }

  /**
   * Rename and references need every file: while indexing runs they wait for
   * it (the client sees its progress), and refuse clearly if it fails or is
   * cancelled. Never a partial answer.
   */
  async function whenIndexed(token: CancellationToken | undefined): Promise<ResponseError | undefined> {
    while (!ready && !indexFailed && !shuttingDown) {
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
      await indexRun;
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 20)); // a new run may have replaced the one awaited
    }
    // A file that could not be read would be missing from the answer: read it again first.
    if (ready && unreadable.size > 0) await rereadUnreadable();
    if (ready && unreadable.size === 0) return undefined;
    return new ResponseError(
      LSPErrorCodes.RequestFailed,
      say(
        "HFA har ikke lest alle avtalene i arbeidsområdet (se feilmeldingen), så svaret ville blitt ufullstendig. Rett feilen og prøv igjen.",
        "HFA has not read every agreement in the workspace (see the error message), so the answer would be incomplete. Fix the problem and try again.",
      ),
    );
  }

  /**
   * After a failed indexing run, any change tries again; after files that
   * could not be read, any change reads them again (a folder that could not
   * be listed: once the changes pause, see FOLDER_RETRY_QUIET_MS).
   */
  function retryAfterFailure(): void {
    if (shuttingDown) return;
    if (indexFailed) {
      indexFailed = false;
      void index();
    } else if (ready && unreadable.size > 0) {
      if (!hasUnlistedFolder()) void rereadUnreadable();
      else {
        clearTimeout(folderRetry);
        folderRetry = setTimeout(() => {
          folderRetry = undefined;
          if (!shuttingDown) void rereadUnreadable();
        }, FOLDER_RETRY_QUIET_MS);
      }
    }
  }

  /** A folder URI in `unreadable` ends in `/` (indexer.ts). */
  function hasUnlistedFolder(): boolean {
    return [...unreadable.keys()].some((uri) => uri.endsWith("/"));
  }

  /**
   * A file read from disk joins the workspace; one whose analysis throws is logged, and the
   * others go on. Whether it changed anything. `uri` is `pathToUri` of a path the scan listed
   * (absolute, normalised: indexer.ts), so it is the file's canonical URI already.
   */
  function putDisk(uri: string, text: string): boolean {
    try {
      return documents.setDisk(uri, text, uri);
    } catch (error) {
      log(`hfa: could not analyse ${uri}: ${describe(error)}`);
      return false;
    }
  }

  /** Logs a file or folder that could not be read (or listed) and records it in `into`. */
  function noteUnreadable(into: Map<string, string>, verb: "read" | "list") {
    return (uri: string, reason: string): void => {
      log(`hfa: could not ${verb} ${uri}: ${reason}`);
      into.set(uri, reason);
    };
  }

  /** Reads the files the last run could not read; the ones read join the workspace. A folder it could not list: indexes again. */
  function rereadUnreadable(): Promise<void> {
    if (hasUnlistedFolder()) {
      rereading ??= index().finally(() => (rereading = undefined));
      return rereading;
    }
    rereading ??= (async () => {
      const run = indexRun;
      const still = new Map<string, string>();
      let changed = false;
      const paths = [...unreadable.keys()].flatMap((uri) => uriToPath(uri) ?? []);
      await folders.readAll(paths, indexing, (uri, text) => (changed = putDisk(uri, text) || changed), noteUnreadable(still, "read"), (uri) => tooLarge.add(uri));
      // A new indexing run has started meanwhile: its list counts.
      if (run !== indexRun || shuttingDown) return;
      unreadable = still;
      if (changed) publisher.changed(false);
      tellUnreadable();
      tellTooLarge();
    })().finally(() => (rereading = undefined));
    return rereading;
  }

  /** Says which files could not be read, once for each new set of them; nothing once every file is read. */
  function tellUnreadable(): void {
    const key = JSON.stringify([...unreadable].sort());
    if (key === toldUnreadable) return;
    toldUnreadable = key;
    if (unreadable.size === 0) return;
    const shown = namedList([...unreadable.keys()].map((uri) => (uri.endsWith("/") ? `${fileName(uri.slice(0, -1))}/` : fileName(uri))));
    const reasons = [...new Set(unreadable.values())].sort().join(", ");
    showMessage(
      MessageType.Error,
      say(
        `HFA kunne ikke lese ${shown("nb")} (${reasons}). Avtalene der er ikke med i kontrollen, og å gi nytt navn eller finne referanser er slått av til alt kan leses. Sjekk at du har lesetilgang og at disken eller nettverksmappen svarer; det prøves igjen ved neste endring.`,
        `HFA could not read ${shown("en")} (${reasons}). The agreements there are left out of the check, and rename and find references are off until everything can be read. Check that you may read them and that the disk or network share responds; it is retried on the next change.`,
      ),
    );
  }

  /** File names for a message, sorted: the first three and «N til» / «N more», as a list in the user's language. */
  function namedList(names: string[]): (locale: "nb" | "en") => string {
    names.sort();
    const more = names.length - 3;
    return (locale) => joinList(more > 0 ? [...names.slice(0, 3), locale === "nb" ? `${more} til` : `${more} more`] : names, locale);
  }

  /** Says which files are too large to read, once for each new set of them. */
  function tellTooLarge(): void {
    const key = JSON.stringify([...tooLarge].sort());
    if (key === toldTooLarge) return;
    toldTooLarge = key;
    if (tooLarge.size === 0) return;
    const shown = namedList([...tooLarge].map(fileName));
    const limit = MAX_FILE_BYTES / (1024 * 1024);
    showMessage(
      MessageType.Warning,
      say(
        `HFA leser ikke ${shown("nb")}: filer større enn ${limit} MB er ikke med i kontrollen, og navn som deklareres der, finnes ikke for resten av arbeidsområdet (heller ikke når du gir nytt navn eller finner referanser). En avtalefil er vanligvis noen få kB; del filen opp.`,
        `HFA does not read ${shown("en")}: files larger than ${limit} MB are left out of the check, and names declared there are unknown to the rest of the workspace (also to rename and find references). An agreement file is usually a few kB; split the file.`,
      ),
    );
  }

  function contextFor(uri: string | undefined): FeatureContext | undefined {
    if (uri === undefined) return undefined;
    flushDocuments();
    const space = workspaces.forUri(uri);
    const workspace = space.workspace;
    const file = workspace.file(uri);
    if (!file) return undefined;
    const analysis = workspace.analyze();
    return { workspace, analysis, file, locale: analysis.locale, docsBaseUri, offerSnippets: space.config.offerSnippets };
  }

  function at(params: PositionParams): { ctx: FeatureContext; offset: number } | undefined {
    const ctx = contextFor(uriOf(params));
    if (!ctx) return undefined;
    const offset = toOffset(ctx.file.lines, params.position);
    return offset === undefined ? undefined : { ctx, offset };
  }

  // ------------------------------------------------------------ lifecycle

  /** The `initialize` request's settings, folders and client capabilities (the answer is ./capabilities.ts). */
  function initialize(params: InitializeParams): void {
    capabilities = params.capabilities ?? {};
    const init = readSettings(params.initializationOptions);
    for (const problem of init.problems) log(`hfa: initializationOptions: ${problem}`);
    // The client's display language is not consulted: bokmål unless hfa.locale or hfa.json say otherwise (spec §7).
    workspaces.configure(init.settings);
    publisher = new DiagnosticsPublisher({
      debounceMs: workspaces.primary.config.debounceMs,
      analyze: analysisForPublishing,
      convert,
      send: sendSerialized
        ? (uri, _diagnostics, json) => sendSerialized(PublishDiagnosticsNotification.method, `{"uri":${JSON.stringify(uri)},"diagnostics":${json}}`)
        : (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      error: log,
    });

    const given: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "root" }] : params.rootPath ? [{ uri: pathToUri(params.rootPath), name: "root" }] : []);
    for (const folder of given) if (!folders.add(folder.uri)) log(`hfa: workspace folder ${folder.uri} is not a readable local folder; it is not indexed.`);
    workspaces.regroup(folders.paths);
  }
  if (options.initialized === undefined) {
    connection.onInitialize((params: InitializeParams) => {
      initialize(params);
      return initializeResult(features.semanticTokensLegend);
    });
  } else initialize(options.initialized);

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
    clearTimeout(folderRetry);
    publisher.dispose();
  });

  // ------------------------------------------------------------ indexing

  function index(): Promise<void> {
    indexRun = runIndex();
    return indexRun;
  }

  async function runIndex(): Promise<void> {
    indexing.cancelled = true;
    const cancel = { cancelled: false };
    indexing = cancel;
    const unread = new Map<string, string>();
    const large = new Set<string>();
    try {
      // hfa.json first: its `exclude` decides which files are scanned.
      for (const path of await folders.configPaths()) {
        const uri = pathToUri(path);
        if (!documents.isOpen(uri)) workspaces.setConfigFile(uri, await folders.read(uri));
      }
      scannedExcludes = excludesKey();
      const scan = await folders.scan(cancel, selectionFor, undefined, noteUnreadable(unread, "list"));
      if (cancel.cancelled) return;
      // Files indexed before that the (changed) selection leaves out.
      const scanned = new Set(scan.files.map(pathToUri));
      for (const root of folders.paths) {
        for (const uri of documents.diskUrisUnder(pathToUri(root))) if (!scanned.has(uri)) documents.removeDisk(uri);
      }
      const progress = scan.files.length > PROGRESS_THRESHOLD ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      const title = say("HFA: leser avtaler", "HFA: indexing agreements");
      progress?.begin(title, 0, `0/${scan.files.length}`, false);
      let lastReport = 0;
      await folders.readAll(scan.files, cancel, (uri, text, done) => {
        putDisk(uri, text);
        if (progress && done - lastReport >= 50) {
          lastReport = done;
          progress.report(Math.round((done / scan.files.length) * 100), `${done}/${scan.files.length}`);
        }
      }, noteUnreadable(unread, "read"), (uri) => large.add(uri));
      progress?.done();
      if (cancel.cancelled || shuttingDown) return;
      // The configuration and every file are in: analyse once here, so a
      // failure is this run's (reported, retried) and not a silent publisher's.
      flushDocuments();
      for (const space of workspaces.all()) space.workspace.analyze();
    } catch (error) {
      if (cancel.cancelled || shuttingDown) return;
      log(`hfa: indexing failed: ${describe(error)}`);
      indexFailed = true;
      ready = false;
      // Retried on every change: the user is told again only when the reason changes.
      const reason = describe(error).split("\n")[0]!;
      if (reason === lastIndexError) return;
      lastIndexError = reason;
      showMessage(MessageType.Error, 
        say(
          `HFA kunne ikke lese arbeidsområdet (${describe(error).split("\n")[0]}). Ingen diagnoser vises før det lykkes; det prøves igjen ved neste endring.`,
          `HFA could not read the workspace (${describe(error).split("\n")[0]}). No diagnostics are shown until it succeeds; it is retried on the next change.`,
        ),
      );
      return;
    }
    ready = true;
    lastIndexError = undefined;
    unreadable = unread;
    tellUnreadable();
    tooLarge = large;
    tellTooLarge();
    publisher.changed(true);
  }

  /** Which files a workspace folder holds: its workspace's `exclude`, relative to the workspace's outermost folder (the CLI's rule too). */
  const selectionFor: SelectionFor = (root) => {
    const space = workspaces.forUri(pathToUri(root));
    return { base: space.root ?? root, selection: workspaceSelection(space.config.exclude()) };
  };

  function excludesKey(): string {
    return JSON.stringify(workspaces.all().map((space) => space.config.exclude()));
  }

  /** A changed `exclude` changes which files the workspace holds: scan again. */
  function reindexIfExcludeChanged(): void {
    if (!ready || excludesKey() === scannedExcludes) return;
    void index();
  }

  async function changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
    for (const folder of removed) folders.remove(folder.uri);
    for (const folder of added) folders.add(folder.uri);
    // Folders decide which files share a namespace: regroup, and read everything again.
    workspaces.regroup(folders.paths);
    documents.reset();
    ready = false;
    await index();
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
    workspaces.setSettings(settings);
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
      retryAfterFailure();
    }),
  );

  connection.onDidChangeTextDocument(
    notify("didChange", (params) => {
      const uri = uriOf(params);
      if (uri === undefined || !Array.isArray(params.contentChanges)) return;
      documents.didChange(uri, Number.isInteger(params.textDocument.version) ? params.textDocument.version : 0, params.contentChanges);
      retryAfterFailure();
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
          workspaces.setConfigFile(uri, change.type === FileChangeType.Deleted ? undefined : await folders.read(uri));
          reindexIfExcludeChanged();
          changed = true;
        } else if (isHfaDocument(uri)) {
          const path = uriToPath(uri);
          if (path !== undefined && change.type !== FileChangeType.Deleted && !folders.holds(path, selectionFor)) continue;
          if (change.type === FileChangeType.Deleted) changed = documents.removeDisk(uri) || changed;
          else {
            const canonical = canonicalUri(uri);
            const text = await folders.read(uri, () => tooLarge.add(canonical));
            if (text !== undefined) {
              changed = documents.setDisk(uri, text) || changed;
              tooLarge.delete(canonical);
            } else if (tooLarge.has(canonical)) {
              // Grown too large: its last text is not what is on disk any more.
              changed = documents.removeDisk(uri) || changed;
            }
          }
        }
      }
      if (changed) publisher.changed(false);
      tellTooLarge();
      retryAfterFailure();
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

  connection.onReferences(safe("references", () => [], async (params: PositionParams & { context?: { includeDeclaration?: boolean } }, token) => {
    const waited = await whenIndexed(token);
    if (waited) return waited;
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

  connection.onRenameRequest(safe("rename", () => null, async (params: PositionParams & { newName?: unknown }, token) => {
    const uri = uriOf(params);
    const version = uri === undefined ? undefined : documents.get(uri)?.version;
    const waited = await whenIndexed(token);
    if (waited) return waited;
    // Computed against the version the request was made for, or not at all.
    const stale = editable(uri, version);
    if (stale) return stale;
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
    flushDocuments();
    const query = typeof params?.query === "string" ? params.query : "";
    return workspaces.all().flatMap((space) => features.workspaceSymbols(space.workspace.analyze(), space.workspace, query));
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
    const stale = editable(uriOf(params));
    if (stale) return stale;
    const ctx = contextFor(uriOf(params));
    if (!ctx) return [];
    const snippetEdits = capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    return codeActions(params, ctx.file, ctx.analysis, ctx.locale, { snippetEdits, version: documents.get(ctx.file.uri)?.version });
  }));

  connection.onDocumentFormatting(safe("formatting", () => [], (params: { textDocument: TextDocumentIdentifier }) => {
    const stale = editable(uriOf(params));
    if (stale) return stale;
    const file = workspaces.file(uriOf(params) ?? "");
    return file ? formatDocument(file) : [];
  }));

  connection.onDocumentRangeFormatting(safe("rangeFormatting", () => [], (params: { textDocument: TextDocumentIdentifier; range?: unknown }) => {
    const stale = editable(uriOf(params));
    if (stale) return stale;
    const file = workspaces.file(uriOf(params) ?? "");
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

  return { initialize };
}
