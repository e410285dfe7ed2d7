/**
 * The HFA web app: the page (monaco, the panels) and the language server in
 * a Web Worker. Works from file:// and from any static host; nothing is
 * fetched — the worker, monaco's worker, the rule pages and the example
 * workspace are all in this bundle.
 */
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import type * as lsp from "vscode-languageserver-protocol";
import samples from "hfa-virtual:samples";
import { BalanceView } from "./balance.js";
import { toMarker } from "./convert.js";
import { LANGUAGE_ID, registerLanguage } from "./features.js";
import { openFilesFromInput, openFolderWithPicker, saveFile } from "./files.js";
import { LanguageServer } from "./lspClient.js";
import { registerTokenizer, setUpMonaco } from "./monacoSetup.js";
import { ProblemsView } from "./problems.js";
import { downloadReport, WEB_REPORT_FORMATS } from "./report.js";
import { RuleView } from "./ruleView.js";
import { uiStrings, type UiLocale, type UiStrings } from "./strings.js";
import { FileList, OutlineView } from "./sidebar.js";
import { storedLocale, storeLocale } from "./storedLocale.js";
import { Workspace, type IncomingFile, type WorkspaceFile } from "./workspace.js";

/** No diagnostics for this long after a burst: the workspace is checked. */
const QUIET_MS = 400;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
}

class App {
  locale: UiLocale = storedLocale();
  strings: UiStrings = uiStrings(this.locale);
  readonly server: LanguageServer;
  readonly workspace: Workspace;
  readonly diagnostics = new Map<string, readonly lsp.Diagnostic[]>();
  editor!: monaco.editor.IStandaloneCodeEditor;
  current: WorkspaceFile | undefined;
  readonly problems: ProblemsView;
  readonly balance: BalanceView;
  readonly rules: RuleView;
  readonly fileList: FileList;
  readonly outline: OutlineView;
  private openedAt = 0;
  private expectedFiles = 0;
  private readyShown = false;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPublishAt = 0;

  constructor() {
    this.server = new LanguageServer((published) => this.onDiagnostics(published.uri, published.diagnostics));
    this.workspace = new Workspace(this.server);
    this.rules = new RuleView(this.server, byId("rule-dialog"), () => this.strings);
    this.problems = new ProblemsView(byId("problems-list"), byId("problems-summary"), () => this.strings, (uri, range) => this.reveal(uri, range), (code) => void this.rules.show(code));
    this.balance = new BalanceView(this.server, byId<HTMLIFrameElement>("balance-frame"), () => this.locale);
    this.fileList = new FileList(byId("file-list"), (file) => this.show(file));
    this.outline = new OutlineView(this.server, byId("outline-list"), () => this.strings, (range) => this.current && this.reveal(this.current.uri, range));
  }

  async start(): Promise<void> {
    setUpMonaco();
    this.applyStrings();
    this.status(this.strings.starting);
    this.openedAt = performance.now();
    const example = samples.map((file) => ({ path: file.path, text: file.text }));
    this.expectedFiles = example.length;
    await this.workspace.seed(example);
    await this.server.initialize(this.workspace.folderUri, this.locale);
    this.scheduleReady();
    registerTokenizer(LANGUAGE_ID);
    registerLanguage({ server: this.server, diagnosticsOf: (uri) => this.diagnostics.get(uri) ?? [], ensureOpen: (model) => this.ensureOpen(model) }, this.server.capabilities.semanticTokensProvider?.legend);

    this.editor = monaco.editor.create(byId("editor"), {
      model: null,
      theme: "hfa",
      automaticLayout: true,
      "semanticHighlighting.enabled": true,
      minimap: { enabled: false },
      fontSize: 14,
      lineNumbersMinChars: 3,
      wordWrap: "on",
      inlayHints: { enabled: "on" },
      fixedOverflowWidgets: true,
      ariaLabel: this.strings.editorLabel,
      tabIndex: 0,
    });
    monaco.editor.registerEditorOpener({
      openCodeEditor: (_source, resource, selection) => {
        const file = this.workspace.byUri(resource.toString());
        if (!file) return false;
        // After the caller's turn: switching the model inside it cancels the caller's own pending work (an unhandled "Canceled").
        setTimeout(() => {
          this.show(file);
          if (selection) {
            const range = "lineNumber" in selection ? new monaco.Range(selection.lineNumber, selection.column, selection.lineNumber, selection.column) : selection;
            this.editor.setSelection(range);
            this.editor.revealRangeInCenter(range);
          }
        }, 0);
        return true;
      },
    });
    monaco.editor.registerLinkOpener({
      open: (uri) => {
        const code = /\/docs\/rules\/(HFA\d{3})\.md$/.exec(uri.path)?.[1];
        if (code) void this.rules.show(code);
        // No other link leaves the page.
        return true;
      },
    });
    this.editor.onDidChangeCursorPosition(() => this.balance.schedule(this.current?.model, this.editor.getPosition()));
    this.editor.onDidChangeModelContent(() => {
      this.outline.schedule(this.current?.model);
      this.fileList.markDirty(this.workspace.list());
    });
    this.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void this.save());

    this.workspace.onDidChangeFiles(() => {
      this.fileList.render(this.workspace.list(), this.current);
      this.problems.render(this.diagnostics, this.workspace, this.current);
    });
    this.bindToolbar();
    this.applyStrings();
    this.fileList.render(this.workspace.list(), undefined);
    const first = this.workspace.list().find((file) => file.path.startsWith("feil/")) ?? this.workspace.list()[0];
    if (first) this.show(first);
  }

  async ensureOpen(model: monaco.editor.ITextModel): Promise<void> {
    const file = this.workspace.byUri(model.uri.toString());
    if (file) await this.workspace.open(file);
  }

  show(file: WorkspaceFile): void {
    this.current = file;
    void this.workspace.open(file);
    this.editor.setModel(file.model);
    this.fileList.render(this.workspace.list(), file);
    this.outline.schedule(file.model, 0);
    this.balance.schedule(file.model, this.editor.getPosition(), 0);
    this.problems.render(this.diagnostics, this.workspace, file);
    byId("current-file").textContent = file.path;
  }

  reveal(uri: string, range: monaco.IRange): void {
    const file = this.workspace.byUri(uri);
    if (!file) return;
    if (file !== this.current) this.show(file);
    this.editor.setSelection({ startLineNumber: range.startLineNumber, startColumn: range.startColumn, endLineNumber: range.startLineNumber, endColumn: range.startColumn });
    this.editor.revealRangeInCenter(range);
    this.editor.focus();
  }

  onDiagnostics(uri: string, diagnostics: readonly lsp.Diagnostic[]): void {
    this.diagnostics.set(uri, diagnostics);
    const file = this.workspace.byUri(uri);
    if (file) monaco.editor.setModelMarkers(file.model, "hfa", diagnostics.map(toMarker));
    this.problems.schedule(this.diagnostics, this.workspace, this.current);
    if (file === this.current) this.balance.schedule(this.current?.model, this.editor?.getPosition() ?? null);
    this.lastPublishAt = performance.now();
    this.scheduleReady();
  }

  /**
   * The server publishes a workspace's diagnostics in one burst after reading
   * it (files without problems are not published): once no more come for a
   * moment, the workspace is checked, and the status bar says how long it took.
   */
  private scheduleReady(): void {
    if (this.readyShown) return;
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => {
      this.readyShown = true;
      const ms = Math.round((this.lastPublishAt || performance.now()) - this.openedAt);
      this.status(this.strings.ready(this.expectedFiles, ms));
      document.body.dataset.checkedMs = String(ms);
      document.body.dataset.ready = "true";
    }, QUIET_MS);
  }

  async openWorkspace(files: IncomingFile[], replace: boolean): Promise<void> {
    if (files.length === 0) {
      this.status(this.strings.noHfaFiles);
      return;
    }
    this.readyShown = false;
    delete document.body.dataset.ready;
    this.openedAt = performance.now();
    this.lastPublishAt = 0;
    if (replace) {
      this.diagnostics.clear();
      this.current = undefined;
      this.editor.setModel(null);
      await this.workspace.replace(files);
    } else await this.workspace.add(files);
    this.scheduleReady();
    this.expectedFiles = this.workspace.list().filter((f) => f.path.endsWith(".hfa")).length;
    const first = this.workspace.list().find((file) => file.path.endsWith(".hfa"));
    if (first && (replace || !this.current)) this.show(first);
  }

  async save(): Promise<void> {
    if (!this.current) return;
    const result = await saveFile(this.current);
    this.current.savedText = this.current.model.getValue();
    this.fileList.markDirty(this.workspace.list());
    this.status(result.kind === "saved" ? this.strings.saved(result.name) : this.strings.downloaded(result.name));
  }

  async report(format: (typeof WEB_REPORT_FORMATS)[number]): Promise<void> {
    const position = this.editor.getPosition();
    if (!this.current || !position) return;
    this.status(this.strings.reportBusy);
    const name = await downloadReport(this.server, this.current.model, position, format).catch(() => undefined);
    this.status(name ? this.strings.downloaded(name) : this.strings.reportNoAgreement);
  }

  status(text: string): void {
    byId("status").textContent = text;
  }

  private bindToolbar(): void {
    const filesInput = byId<HTMLInputElement>("files-input");
    const folderInput = byId<HTMLInputElement>("folder-input");
    byId("open-files").addEventListener("click", () => filesInput.click());
    filesInput.addEventListener("change", async () => {
      const files = await openFilesFromInput(filesInput.files, false);
      filesInput.value = "";
      await this.openWorkspace(files.files, false);
      if (files.truncated) this.status(this.strings.tooMany(files.limit));
    });
    byId("open-folder").addEventListener("click", async () => {
      const picked = await openFolderWithPicker();
      if (picked === "unsupported") folderInput.click();
      else if (picked) {
        await this.openWorkspace(picked.files, true);
        if (picked.truncated) this.status(this.strings.tooMany(picked.limit));
      }
    });
    folderInput.addEventListener("change", async () => {
      const files = await openFilesFromInput(folderInput.files, true);
      folderInput.value = "";
      await this.openWorkspace(files.files, true);
      if (files.truncated) this.status(this.strings.tooMany(files.limit));
    });
    byId("open-example").addEventListener("click", () => void this.openWorkspace(samples.map((file) => ({ path: file.path, text: file.text })), true));
    byId("save").addEventListener("click", () => void this.save());
    byId("format").addEventListener("click", () => {
      this.editor.focus();
      void this.editor.getAction("editor.action.formatDocument")?.run();
    });
    const reportTools = byId("report-tools");
    for (const format of WEB_REPORT_FORMATS) {
      const button = document.createElement("button");
      button.type = "button";
      button.id = `report-${format}`;
      button.dataset.format = format;
      button.addEventListener("click", () => void this.report(format));
      reportTools.append(button);
    }
    byId("locale-toggle").addEventListener("click", () => void this.setLocale(this.locale === "nb" ? "en" : "nb"));
  }

  async setLocale(locale: UiLocale): Promise<void> {
    this.locale = locale;
    this.strings = uiStrings(locale);
    storeLocale(locale);
    this.applyStrings();
    // The server words its messages and hovers in this language too (as `hfa.locale`).
    await this.server.notify("workspace/didChangeConfiguration", { settings: { hfa: { locale, rules: {} } } });
    this.outline.schedule(this.current?.model, 0);
    this.balance.schedule(this.current?.model, this.editor.getPosition(), 0);
  }

  private applyStrings(): void {
    const s = this.strings;
    document.documentElement.lang = this.locale === "en" ? "en" : "nb";
    document.title = s.appTitle;
    const text: Record<string, string> = {
      "app-title": s.appTitle,
      "open-example": s.example,
      "open-files": s.openFiles,
      "open-folder": s.openFolder,
      save: s.save,
      format: s.format,
      "locale-toggle": s.languageToggle,
      "files-heading": s.files,
      "outline-heading": s.outline,
      "problems-heading": s.problems,
      "balance-heading": s.balance,
      "keyboard-hint": s.keyboardHint,
      "offline-note": s.offline,
    };
    for (const [id, value] of Object.entries(text)) byId(id).textContent = value;
    byId("locale-toggle").setAttribute("aria-label", s.languageToggleLabel);
    for (const button of byId("report-tools").querySelectorAll<HTMLButtonElement>("button")) {
      const format = button.dataset.format as keyof UiStrings["reportFormats"];
      button.textContent = s.reportFormats[format];
      button.setAttribute("aria-label", `${s.report}: ${s.reportFormats[format]}`);
    }
    byId("report-label").textContent = `${s.report}:`;
    byId("locale-toggle").setAttribute("lang", this.locale === "nb" ? "en" : "nb");
    this.editor?.updateOptions({ ariaLabel: s.editorLabel });
    this.problems.render(this.diagnostics, this.workspace, this.current);
    this.rules.applyStrings();
  }
}

// monaco cancels a pending word-highlight request when the model changes and leaves that
// promise's rejection unhandled; a cancellation is not an error.
window.addEventListener("unhandledrejection", (event) => {
  const reason = event.reason as { name?: unknown; message?: unknown } | null;
  if (reason?.name === "Canceled" && reason.message === "Canceled") event.preventDefault();
});

const app = new App();
app.start().catch((error: unknown) => {
  console.error(error);
  const status = document.getElementById("status");
  if (status) status.textContent = `HFA: ${error instanceof Error ? error.message : String(error)}`;
});
