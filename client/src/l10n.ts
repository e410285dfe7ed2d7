/**
 * The extension's own words (wizard, «Vis regel», notifications, the balance
 * view's title) in the language `hfa.locale` names — bokmål unless it says
 * `en` (spec §7).
 *
 * Not `vscode.l10n`: that follows VS Code's display language, and VS Code has
 * no Norwegian one, so a secretariat would always get English. The messages
 * are keyed by their English text, as `vscode.l10n` keys them, and the bokmål
 * bundle (l10n/bundle.l10n.nb.json) is bundled into dist/client.js.
 */
import nb from "../../l10n/bundle.l10n.nb.json";
import type { Locale } from "./protocol.js";

const BOKMAL: Readonly<Record<string, string>> = nb;

/** The `hfa.locale` setting's value as a locale: `en` only when it says so, else bokmål (`auto` included). */
export function localeFromSetting(setting: unknown): Locale {
  return typeof setting === "string" && /^en(-|_|$)/i.test(setting.trim()) ? "en" : "nb";
}

/** `message` (English) in `locale`, with `{0}`, `{1}` … replaced by `args`. */
export function translate(locale: Locale, message: string, ...args: readonly (string | number)[]): string {
  const template = locale === "nb" ? BOKMAL[message] ?? message : message;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** The messages the extension uses, for tests: every key must have a bokmål text. */
export function bokmalKeys(): readonly string[] {
  return Object.keys(BOKMAL);
}
