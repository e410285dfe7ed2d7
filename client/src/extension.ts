/**
 * The HFA extension: starts the bundled language server (dist/server.js),
 * and adds the commands "HFA: Ny avtale", "HFA: Vis balanse",
 * "HFA: Start språktjeneren på nytt", "HFA: Vis regel" and "HFA: Lag styrenotat".
 */
import { availableParallelism } from "node:os";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
// The Node flags the server runs with (the benchmark starts it with the same).
import { serverNodeFlags } from "../../server/src/lsp/nodeFlags.js";
import { BalancePanel } from "./balanceView/panel.js";
import { makeReport } from "./commands/makeReport.js";
import { newAgreement } from "./commands/newAgreement.js";
import { ruleLinkMiddleware, ruleUriHandler } from "./commands/ruleLinks.js";
import { RULE_SCHEME, RuleDocProvider, ShowRuleCodeActions, showRule } from "./commands/showRule.js";
import { PRELUDE_REQUEST, ruleSettings, type InitializationOptions, type PreludeResult } from "./protocol.js";
import { refreshWorkspaceLocale, settingLocale, t, uiLocale } from "./uiLocale.js";

const PRELUDE_SCHEME = "hfa-prelude";

let client: LanguageClient | undefined;


function initializationOptions(): InitializationOptions {
  // Left out for `auto`: the server then follows hfa.json, else bokmål.
  const locale = settingLocale();
  // The extension contributes snippets/hfa.code-snippets itself; the server's copies would appear twice.
  return { ...(locale ? { locale } : {}), rules: ruleSettings(vscode.workspace.getConfiguration("hfa").get("rules")), snippets: false };
}

function createClient(context: vscode.ExtensionContext, watchers: vscode.FileSystemWatcher[]): LanguageClient {
  const module = context.asAbsolutePath("dist/server.js");
  // Spawned over stdio, not forked over Node IPC: a forked child sets up its
  // IPC channel while Node boots, and --stdio gets `initialize` answered
  // before the connection library loads (server/src/lsp/earlyInitialize.ts):
  // spawn → initialize ~55 ms sooner (docs/performance.md, round 6). `runtime`
  // is this extension host's own executable, which is Node when told so
  // (ELECTRON_RUN_AS_NODE: what `fork` sets for the same executable). In VS
  // Code for the web there is no `process` and the browser client
  // (./browser/languageClient.ts) ignores these options.
  const runtime = globalThis.process?.execPath;
  const env = { ELECTRON_RUN_AS_NODE: "1", ELECTRON_NO_ASAR: "1" };
  const serverExecArgv = serverNodeFlags(availableParallelism());
  const serverOptions: ServerOptions = {
    run: { runtime, module, transport: TransportKind.stdio, options: { execArgv: serverExecArgv, env } },
    debug: { runtime, module, transport: TransportKind.stdio, options: { execArgv: [...serverExecArgv, "--nolazy", "--inspect=6009"], env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "hfa" }],
    synchronize: { fileEvents: watchers, configurationSection: "hfa" },
    initializationOptions: initializationOptions(),
    outputChannelName: "HFA",
    middleware: ruleLinkMiddleware(context.extension.id),
  };
  // The client id "hfa" makes the `hfa.trace.server` setting trace the protocol.
  return new LanguageClient("hfa", t("HFA language server"), serverOptions, clientOptions);
}

/** Where "HFA: Vis balanse" looks: the code lens's `(uri, offset)`, else the active `.hfa` editor's cursor. */
async function balanceTarget(uriArg: unknown, offsetArg: unknown): Promise<{ uri: vscode.Uri; position: vscode.Position } | undefined> {
  const uri = typeof uriArg === "string" ? vscode.Uri.parse(uriArg) : uriArg instanceof vscode.Uri ? uriArg : undefined;
  if (uri) {
    const document = await vscode.workspace.openTextDocument(uri);
    const position = typeof offsetArg === "number" ? document.positionAt(offsetArg) : (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor.selection.active : new vscode.Position(0, 0));
    return { uri, position };
  }
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.languageId === "hfa");
  if (!editor || editor.document.languageId !== "hfa") return undefined;
  return { uri: editor.document.uri, position: editor.selection.active };
}

/**
 * A command and its English twin `hfa.en.…`. Contributed titles are static
 * (package.nls.json, chosen by VS Code's display language, and VS Code has
 * no Norwegian one), so the palette shows the bokmål command unless
 * `hfa.locale` is `en`, and then the twin with the English title (the
 * `when` clauses in package.json).
 */
function registerCommand(id: `hfa.${string}`, handler: (...args: never[]) => unknown): vscode.Disposable[] {
  const run = handler as (...args: unknown[]) => unknown;
  return [vscode.commands.registerCommand(id, run), vscode.commands.registerCommand(id.replace(/^hfa\./, "hfa.en."), run)];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const watchers = [vscode.workspace.createFileSystemWatcher("**/*.hfa"), vscode.workspace.createFileSystemWatcher("**/hfa.json")];
  context.subscriptions.push(...watchers);
  await refreshWorkspaceLocale();
  const configWatcher = watchers[1]!;
  context.subscriptions.push(
    configWatcher.onDidChange(() => void refreshWorkspaceLocale()),
    configWatcher.onDidCreate(() => void refreshWorkspaceLocale()),
    configWatcher.onDidDelete(() => void refreshWorkspaceLocale()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refreshWorkspaceLocale()),
  );
  client = createClient(context, watchers);
  const getClient = () => client;

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PRELUDE_SCHEME, {
      async provideTextDocumentContent(): Promise<string> {
        if (!client?.isRunning()) return "";
        const prelude = await client.sendRequest<PreludeResult>(PRELUDE_REQUEST);
        return prelude.text;
      },
    }),
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocProvider(getClient, context.extensionUri)),
    vscode.languages.registerCodeActionsProvider({ language: "hfa" }, new ShowRuleCodeActions(), { providedCodeActionKinds: [ShowRuleCodeActions.kind] }),
    vscode.languages.registerCodeActionsProvider({ pattern: "**/hfa.json" }, new ShowRuleCodeActions(), { providedCodeActionKinds: [ShowRuleCodeActions.kind] }),

    ...registerCommand("hfa.newAgreement", () => newAgreement(uiLocale())),
    ...registerCommand("hfa.showBalance", async (uriArg?: unknown, offsetArg?: unknown) => {
      const target = await balanceTarget(uriArg, offsetArg);
      if (!target) {
        void vscode.window.showInformationMessage(t("Open an agreement (.hfa file) and place the cursor in it to see its balance."));
        return;
      }
      BalancePanel.show(getClient, uiLocale, target);
    }),
    ...registerCommand("hfa.restartServer", async () => {
      if (!client) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t("Restarting the HFA language server…") }, async () => {
        if (client?.isRunning()) await client.stop();
        client = createClient(context, watchers);
        await startClient(client);
      });
      BalancePanel.instance?.schedule(0);
      void vscode.window.setStatusBarMessage(t("HFA language server restarted."), 4000);
    }),
    ...registerCommand("hfa.showRule", (code?: unknown) => showRule(code)),
    vscode.window.registerUriHandler(ruleUriHandler((code) => showRule(code))),

    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server re-reads the `hfa` section itself (workspace/didChangeConfiguration);
      // the balance view asks again, since the locale words its figures.
      if (e.affectsConfiguration("hfa.locale") || e.affectsConfiguration("hfa.rules")) BalancePanel.instance?.schedule(500);
    }),
    // «HFA: Lag styrenotat» (docs/report.md).
    ...registerCommand("hfa.makeReport", async (uriArg?: unknown, offsetArg?: unknown) => {
      // From the balance view's title bar: the agreement the view shows.
      const fromView = uriArg === undefined && BalancePanel.instance?.active ? BalancePanel.instance.currentTarget : undefined;
      await makeReport(getClient, fromView ?? (await balanceTarget(uriArg, offsetArg)));
    }),
    { dispose: () => void client?.stop() },
  );

  await startClient(client);
}

async function startClient(languageClient: LanguageClient): Promise<void> {
  try {
    await languageClient.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(t("The HFA language server could not start: {0}", message));
  }
}

export async function deactivate(): Promise<void> {
  BalancePanel.instance?.dispose();
  if (client) await client.stop();
  client = undefined;
}
