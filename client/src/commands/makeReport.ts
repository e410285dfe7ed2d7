/**
 * "HFA: Lag styrenotat": the board memo of the agreement at the cursor (or
 * the one the balance view shows), in the format the user picks, written
 * next to the agreement (or where the user says, when that file exists or
 * the agreement is not on disk), then opened. The document comes whole from
 * the server (`hfa/report`): the client renders and computes nothing.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { REPORT_REQUEST, type RenderedReport, type ReportFormat, type ReportParams } from "../protocol.js";
import { t } from "../uiLocale.js";

interface FormatItem extends vscode.QuickPickItem {
  readonly format: ReportFormat;
}

function formatItems(): FormatItem[] {
  return [
    { format: "pdf", label: "PDF", description: t("for printing and for the case documents") },
    { format: "docx", label: "Word (DOCX)", description: t("to paste into a case presentation (saksframlegg)") },
    { format: "html", label: "HTML", description: t("one file, opens in any browser") },
    { format: "md", label: "Markdown", description: t("for repositories and wikis") },
    { format: "json", label: "JSON", description: t("the figures, for spreadsheets and other tools") },
  ];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Where to write: beside the agreement, unless that is impossible or taken; then the user decides. */
async function destination(agreement: vscode.Uri, fileName: string, format: ReportFormat): Promise<vscode.Uri | undefined> {
  const beside = agreement.scheme === "file" || agreement.scheme === "vscode-remote" ? vscode.Uri.joinPath(agreement, "..", fileName) : undefined;
  if (beside && !(await exists(beside))) return beside;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: t("Save board memo"),
    defaultUri: beside ?? (folder ? vscode.Uri.joinPath(folder, fileName) : undefined),
    filters: { [formatItems().find((f) => f.format === format)!.label]: [format] },
  });
}

async function open(uri: vscode.Uri, format: ReportFormat): Promise<void> {
  if (format === "md") {
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  } else if (format === "json") {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  } else {
    // PDF, Word and HTML open in the program the system has for them.
    await vscode.env.openExternal(uri);
  }
}

export async function makeReport(getClient: () => LanguageClient | undefined, target: { uri: vscode.Uri; position: vscode.Position } | undefined): Promise<void> {
  if (!target) {
    void vscode.window.showInformationMessage(t("Open an agreement (.hfa file) and place the cursor in it to make its board memo."));
    return;
  }
  const client = getClient();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(t("The HFA language server is not running."));
    return;
  }
  const picked = await vscode.window.showQuickPick(formatItems(), { title: t("Make board memo"), placeHolder: t("Which format?") });
  if (!picked) return;
  const params: ReportParams = { textDocument: { uri: target.uri.toString() }, position: { line: target.position.line, character: target.position.character }, format: picked.format };
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t("Making the board memo…") }, () =>
    client.sendRequest<RenderedReport | null>(REPORT_REQUEST, params),
  );
  if (!report) {
    void vscode.window.showInformationMessage(t("There is no agreement at the cursor. Place the cursor in an agreement and try again."));
    return;
  }
  const uri = await destination(target.uri, report.fileName, report.format);
  if (!uri) return;
  const bytes = Uint8Array.from(atob(report.base64), (c) => c.charCodeAt(0));
  await vscode.workspace.fs.writeFile(uri, bytes);
  await open(uri, report.format);
  if (report.model.control.errors > 0) {
    void vscode.window.showWarningMessage(t("The board memo is marked as a draft: the agreement has {0} errors.", report.model.control.errors));
  }
}
