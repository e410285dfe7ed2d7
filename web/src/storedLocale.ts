/**
 * The web app's language as last chosen on this machine (localStorage):
 * bokmål unless English was chosen. Read by the app and, once when the page
 * loads, by monaco's words (./monacoNls.ts).
 */
import type { UiLocale } from "./strings.js";

export const LOCALE_KEY = "hfa.web.locale";

export function storedLocale(): UiLocale {
  try {
    return globalThis.localStorage?.getItem(LOCALE_KEY) === "en" ? "en" : "nb";
  } catch {
    // Storage refused (a private window, a locked-down browser): the default.
    return "nb";
  }
}

export function storeLocale(locale: UiLocale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  } catch {
    // Private windows may refuse storage; the choice then lasts this visit.
  }
}
