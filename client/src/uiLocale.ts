/** The language of the extension's own UI: the `hfa.locale` setting, bokmål by default (see ./l10n.ts). */
import * as vscode from "vscode";
import { localeFromSetting, translate } from "./l10n.js";
import type { Locale } from "./protocol.js";

export function uiLocale(): Locale {
  return localeFromSetting(vscode.workspace.getConfiguration("hfa").get<string>("locale", "auto"));
}

/** A message of the extension (keyed by its English text) in the UI language. */
export function t(message: string, ...args: readonly (string | number)[]): string {
  return translate(uiLocale(), message, ...args);
}
