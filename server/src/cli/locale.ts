import type { Locale } from "../analysis/index.js";

export type { Locale };

/** `nb` text or `en` text. */
export function say(locale: Locale, nb: string, en: string): string {
  return locale === "nb" ? nb : en;
}

export function isLocale(value: unknown): value is Locale {
  return value === "nb" || value === "en";
}
