/**
 * The language of the extension's own UI (see ./l10n.ts): `hfa.locale` when
 * it names one, else the `locale` of the workspace's hfa.json, else bokmål —
 * the same order as the server's (spec §7), so the wizard and the
 * notifications speak the language of the checker's messages.
 */
import { parse } from "jsonc-parser";
import * as vscode from "vscode";
import { localeFromSetting, translate } from "./l10n.js";
import type { Locale } from "./protocol.js";

/** hfa.json's `locale` at the root of a workspace folder, when it names one. */
let workspaceLocale: Locale | undefined;

/** `hfa.locale` when it names a language, else undefined (`auto`). */
export function settingLocale(): Locale | undefined {
  const setting = vscode.workspace.getConfiguration("hfa").get<string>("locale", "auto");
  return setting === "nb" || setting === "en" ? setting : undefined;
}

export function uiLocale(): Locale {
  return settingLocale() ?? workspaceLocale ?? "nb";
}

/** Re-reads hfa.json's `locale` (the first workspace folder that has the file decides). */
export async function refreshWorkspaceLocale(): Promise<void> {
  let found: Locale | undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, "hfa.json"));
      const value: unknown = parse(new TextDecoder("utf-8").decode(bytes), [], { allowTrailingComma: true });
      const locale = typeof value === "object" && value !== null ? (value as { locale?: unknown }).locale : undefined;
      if (typeof locale === "string") found = localeFromSetting(locale);
      break;
    } catch {
      // no hfa.json in this folder
    }
  }
  workspaceLocale = found;
}

/** A message of the extension (keyed by its English text) in the UI language. */
export function t(message: string, ...args: readonly (string | number)[]): string {
  return translate(uiLocale(), message, ...args);
}
