/**
 * "HFA: Vis regel": the documentation of a diagnostic's rule. The Markdown
 * comes from the server (`hfa/ruleDoc`, in the server's locale) through a
 * virtual `hfa-rule:` document shown in VS Code's Markdown preview; when the
 * server cannot answer, the page shipped in the extension (docs/rules/) is
 * shown instead.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { RULE_DOC_REQUEST, type RuleDocParams } from "../protocol.js";
import { t } from "../uiLocale.js";

export const RULE_SCHEME = "hfa-rule";
const CODE = /^HFA\d{3}$/;

export function ruleUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${code}.md` });
}

/** The code of an HFA diagnostic, or undefined for anyone else's. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === "object" && diagnostic.code !== null ? diagnostic.code.value : diagnostic.code;
  const text = code === undefined ? undefined : String(code);
  return text !== undefined && CODE.test(text) ? text : undefined;
}

export class RuleDocProvider implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly extensionUri: vscode.Uri,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const code = uri.path.replace(/^\//, "").replace(/\.md$/, "");
    const client = this.getClient();
    if (client?.isRunning()) {
      try {
        const params: RuleDocParams = { code };
        const markdown = await client.sendRequest<string | null>(RULE_DOC_REQUEST, params);
        if (typeof markdown === "string" && markdown.length > 0) return markdown;
      } catch {
        // fall back to the page shipped with the extension
      }
    }
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, "docs", "rules", `${code}.md`));
      return new TextDecoder("utf-8").decode(bytes);
    } catch {
      return `# ${code}\n\n${t("No documentation found for {0}.", code)}\n`;
    }
  }
}

/** Asks which rule: the codes of the diagnostics at the cursor, else of the file, else typed in. */
async function pickCode(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const all = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => diagnosticCode(d) !== undefined);
    const cursor = editor.selection.active;
    const here = all.filter((d) => d.range.contains(cursor) || d.range.start.line === cursor.line);
    const candidates = here.length > 0 ? here : all;
    const byCode = new Map<string, vscode.Diagnostic>();
    for (const d of candidates) byCode.set(diagnosticCode(d)!, byCode.get(diagnosticCode(d)!) ?? d);
    if (byCode.size === 1 && here.length > 0) return [...byCode.keys()][0];
    if (byCode.size > 0) {
      const picked = await vscode.window.showQuickPick(
        [...byCode.entries()].map(([code, d]) => ({ label: code, detail: d.message, description: here.length > 0 ? undefined : t("line {0}", d.range.start.line + 1) })),
        { title: t("Show rule"), placeHolder: t("Which rule's documentation?") },
      );
      return picked?.label;
    }
  }
  const typed = await vscode.window.showInputBox({
    title: t("Show rule"),
    prompt: t("Rule code, e.g. HFA402"),
    validateInput: (value) => (CODE.test(value.trim().toUpperCase()) ? undefined : t("A rule code is HFA and three digits, e.g. HFA402.")),
  });
  return typed?.trim().toUpperCase();
}

/** `hfa.showRule` with an optional code (from the code action or a link); otherwise asks. */
export async function showRule(code?: unknown): Promise<void> {
  const chosen = typeof code === "string" && CODE.test(code) ? code : await pickCode();
  if (!chosen) return;
  const uri = ruleUri(chosen);
  try {
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  } catch {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}

/**
 * "Vis regel HFA402" in the light bulb of every HFA diagnostic. A quick fix
 * by kind (as ESLint's "Show documentation" is), since `Ctrl+.` lists quick
 * fixes only; it comes after the server's fixes (the server's provider is
 * registered first) and never is the preferred one.
 */
export class ShowRuleCodeActions implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.QuickFix.append("hfa").append("showRule");

  provideCodeActions(_document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const codes = new Set<string>();
    for (const d of context.diagnostics) {
      const code = diagnosticCode(d);
      if (code) codes.add(code);
    }
    return [...codes].map((code) => {
      const action = new vscode.CodeAction(t("Show rule {0}", code), ShowRuleCodeActions.kind);
      action.command = { command: "hfa.showRule", title: t("Show rule {0}", code), arguments: [code] };
      return action;
    });
  }
}
