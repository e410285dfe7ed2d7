/**
 * A small LSP client for the tests: spawns the bundled server
 * (`node dist/server.js --stdio`), speaks JSON-RPC to it through
 * `vscode-languageserver-protocol`, keeps the latest diagnostics per URI,
 * and waits for them. Also makes temporary workspaces from the samples.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent, TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { LineIndex } from "../../server/src/analysis/index.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
let bundle: Promise<string> | undefined;

/** The server bundle under test: `dist/server.js` (built by `npm run build` / pretest). */
export function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    const path = join(ROOT, "dist", "server.js");
    if (!existsSync(path)) throw new Error("dist/server.js is missing: run `npm run build` first");
    return path;
  })();
  return bundle;
}

/** A temporary workspace with samples/felles and samples/avtaler (and more files if given). */
export function makeWorkspace(extra: Record<string, string> = {}): { root: string; uri(rel: string): string; path(rel: string): string; text(rel: string): string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), "hfa-lsp-ws-"));
  cpSync(join(ROOT, "samples", "felles"), join(root, "felles"), { recursive: true });
  cpSync(join(ROOT, "samples", "avtaler"), join(root, "avtaler"), { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return {
    root,
    uri: (rel) => pathToFileURL(join(root, rel)).href,
    path: (rel) => join(root, rel),
    text: (rel) => readFileSync(join(root, rel), "utf8"),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface StartOptions {
  readonly rootUri?: string | null;
  readonly initializationOptions?: unknown;
  readonly locale?: string;
  readonly capabilities?: ClientCapabilities;
  /** Answer to `workspace/configuration` requests. */
  readonly settings?: unknown;
  /** Node options before the bundle, e.g. `--require` of a fault-injecting preload. */
  readonly nodeArgs?: readonly string[];
  /** Variables added to the server's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

type Waiter = { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  /** Every `window/showMessage`, in order. */
  readonly messages: { type: number; message: string }[] = [];
  stderr = "";
  exitCode: number | null | undefined = undefined;
  readonly exited: Promise<number | null>;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => process.on("exit", (code) => {
      this.exitCode = code;
      resolve(code);
    }));
    process.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.onNotification("window/logMessage", (params: { message: string }) => void this.logs.push(params.message));
    connection.onNotification("window/showMessage", (params: { type: number; message: string }) => void this.messages.push(params));
    connection.onNotification("$/progress", (params: unknown) => void this.progress.push(params));
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("client/unregisterCapability", () => null);
  }

  static async start(root: string | undefined, options: StartOptions = {}): Promise<{ client: TestClient; initializeResult: import("vscode-languageserver-protocol").InitializeResult }> {
    const path = await serverBundle();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onError(() => undefined);
    const client = new TestClient(child, connection);
    connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => options.settings ?? null));
    connection.listen();
    const rootUri = options.rootUri !== undefined ? options.rootUri : root ? pathToFileURL(root).href : null;
    const initializeResult = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: "ws" }] : null,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
      capabilities: options.capabilities ?? {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, configuration: false },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } } },
      },
    });
    await connection.sendNotification("initialized", {});
    return { client, initializeResult: initializeResult as import("vscode-languageserver-protocol").InitializeResult };
  }

  /** Resolves with the diagnostics of `uri` once they satisfy `predicate` (the latest ones count too). */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, predicate, resolve: (d) => (clearTimeout(timer), resolve(d)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for diagnostics of ${uri}; latest: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}\nstderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits for the next publishDiagnostics of `uri` (whatever it holds). */
  nextDiagnostics(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const before = this.published.length;
    return this.waitUntil(() => this.published.slice(before).some((p) => p.uri === uri), timeoutMs).then(() => this.diagnostics.get(uri) ?? []);
  }

  async waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out\nstderr: ${this.stderr.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  open(uri: string, text: string, languageId = "hfa"): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    void this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Incremental change(s); the client-side copy of the text follows. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): void {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? "";
    for (const change of changes) {
      if ("range" in change) {
        const lines = new LineIndex(text);
        text = text.slice(0, lines.offset(change.range.start)) + change.text + text.slice(lines.offset(change.range.end));
      } else text = change.text;
    }
    this.texts.set(uri, text);
    void this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Replaces the whole text through one incremental change. */
  replaceAll(uri: string, text: string): void {
    const old = this.texts.get(uri) ?? "";
    const lines = new LineIndex(old);
    this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: lines.position(old.length) }, text }]);
  }

  /** Applies edits to a document's text (client side) and sends them as one change. */
  applyEdits(uri: string, edits: readonly TextEdit[]): string {
    const old = this.texts.get(uri) ?? "";
    const next = applyTextEdits(old, edits);
    this.replaceAll(uri, next);
    return next;
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /** shutdown + exit; then waits for the process to end (killing it after a while). */
  async stop(): Promise<number | null> {
    if (this.exitCode === undefined) {
      try {
        await Promise.race([this.connection.sendRequest("shutdown"), new Promise((resolve) => setTimeout(resolve, 2000))]);
        await this.connection.sendNotification("exit");
      } catch {
        // Already gone.
      }
    }
    const code = await Promise.race([this.exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 3000))]);
    this.kill();
    return code === "timeout" ? null : code;
  }

  kill(): void {
    this.connection.dispose();
    if (this.exitCode === undefined && !this.process.killed) this.process.kill();
  }
}

/** Applies LSP edits to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const withOffsets = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The edits of a WorkspaceEdit for one URI (changes or documentChanges). */
export function editsFor(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ("textDocument" in change && change.textDocument.uri === uri) out.push(...change.edits.filter((e): e is TextEdit => "range" in e));
  }
  return out;
}
