/**
 * "HFA: Vis balanse": a webview beside the editor showing the balance of the
 * agreement at the cursor. The figures come from the server (`hfa/balance`);
 * the client only renders them. The view follows the active `.hfa` editor and
 * its cursor, and refreshes (debounced) while the user types in any `.hfa`
 * file, since rates and schemes in shared files change the figures too.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { BALANCE_REQUEST, type BalanceParams, type BalanceViewData, type Locale } from "../protocol.js";
import { t } from "../uiLocale.js";
import { documentTitle, renderBalanceBody, renderBalanceDocument, type UpdateMessage } from "./render.js";
import { balanceStrings } from "./strings.js";

interface Target {
  readonly uri: vscode.Uri;
  readonly position: vscode.Position;
}

const TYPING_DELAY_MS = 300;

export class BalancePanel implements vscode.Disposable {
  static readonly viewType = "hfa.balance";
  private static current: BalancePanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private target: Target;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: BalanceViewData | null = null;
  private latestJson = "";
  /** Whether the webview holds a document rendered from a server answer (later answers are posted to it). */
  private answered = false;
  private generation = 0;

  /** Shows (or re-targets) the panel for `target`, creating it beside the editor. */
  static show(getClient: () => LanguageClient | undefined, fallbackLocale: () => Locale, target: Target): BalancePanel {
    if (BalancePanel.current) {
      BalancePanel.current.retarget(target);
      BalancePanel.current.panel.reveal(undefined, true);
      return BalancePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      BalancePanel.viewType,
      t("HFA balance"),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
    );
    BalancePanel.current = new BalancePanel(panel, getClient, fallbackLocale, target);
    return BalancePanel.current;
  }

  static get instance(): BalancePanel | undefined {
    return BalancePanel.current;
  }

  /** The agreement the view shows ("HFA: Lag styrenotat" from its title bar). */
  get currentTarget(): Target {
    return this.target;
  }

  /** Whether the view is the active editor tab. */
  get active(): boolean {
    return this.panel.active;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly getClient: () => LanguageClient | undefined,
    private readonly fallbackLocale: () => Locale,
    target: Target,
  ) {
    this.target = target;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is discarded; showing it again reloads `webview.html`.
        if (e.webviewPanel.visible) this.setDocument();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === "hfa" && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === "hfa") this.retarget({ uri: editor.document.uri, position: editor.selection.active });
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.languageId !== "hfa" || e.textEditor.document.uri.toString() !== this.target.uri.toString()) return;
        this.target = { uri: e.textEditor.document.uri, position: e.selections[0]?.active ?? this.target.position };
        this.schedule();
      }),
    );
    this.setDocument();
    void this.refresh();
  }

  retarget(target: Target): void {
    this.target = target;
    this.schedule(0);
  }

  /** Re-requests the data after `delay` ms, collapsing bursts of keystrokes into one request. */
  schedule(delay = TYPING_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  async refresh(): Promise<void> {
    const client = this.getClient();
    if (!client || !client.isRunning()) return;
    const generation = ++this.generation;
    const params: BalanceParams = {
      textDocument: { uri: client.code2ProtocolConverter.asUri(this.target.uri) },
      position: { line: this.target.position.line, character: this.target.position.character },
    };
    let data: BalanceViewData | null;
    try {
      data = await client.sendRequest<BalanceViewData | null>(BALANCE_REQUEST, params);
    } catch (error) {
      client.warn(`hfa/balance failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (generation !== this.generation) return; // a newer request is on its way
    this.update(data ?? null);
  }

  private update(data: BalanceViewData | null): void {
    const json = JSON.stringify(data);
    if (this.answered && json === this.latestJson) return;
    this.latest = data;
    this.latestJson = json;
    const strings = balanceStrings(data?.locale ?? this.fallbackLocale());
    const title = documentTitle(data, strings);
    this.panel.title = title;
    if (!this.answered || !this.panel.visible) {
      this.setDocument();
      this.answered = true;
      return;
    }
    const message: UpdateMessage = { type: "update", html: renderBalanceBody(data, strings), title };
    void this.panel.webview.postMessage(message);
  }

  private setDocument(): void {
    const strings = balanceStrings(this.latest?.locale ?? this.fallbackLocale());
    this.panel.webview.html = renderBalanceDocument(this.latest, strings, {
      nonce: randomBytes(16).toString("base64url"),
      cspSource: this.panel.webview.cspSource,
    });
  }

  dispose(): void {
    if (BalancePanel.current === this) BalancePanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
