/**
 * Locale and the Norwegian way of writing amounts ("1 250 000 kr",
 * "1,3 mill. kr"), years and lists, used by every message.
 */
export type Locale = "nb" | "en";

const NBSP_GROUP = " "; // plain space: the spec's canonical group separator

/** `1250000` → `1 250 000`; decimals (to at most 2) with a comma. */
export function formatNumber(value: number, locale: Locale = "nb"): string {
  // Amounts above the HFA803 maximum are errors, but their sums still reach
  // messages: never «NaN,NaN» or «In fin ity», never «1e+21».
  if (Number.isNaN(value)) return "?";
  if (!Number.isFinite(value)) return value < 0 ? "−∞" : "∞";
  const negative = value < 0;
  const rounded = Math.round(Math.abs(value) * 100) / 100;
  const whole = Math.floor(rounded);
  const cents = whole >= 1e15 ? 0 : Math.round((rounded - whole) * 100);
  const digits = BigInt(whole).toString();
  let grouped = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += locale === "nb" ? NBSP_GROUP : ",";
    grouped += digits[i];
  }
  const decimals = cents === 0 ? "" : (locale === "nb" ? "," : ".") + String(cents).padStart(2, "0").replace(/0$/, "");
  return (negative ? "−" : "") + grouped + decimals;
}

/** An amount in kroner, e.g. `1 250 000 kr` (nb) or `NOK 1,250,000` (en). */
export function formatKr(amount: number, locale: Locale = "nb"): string {
  return locale === "nb" ? `${formatNumber(amount, "nb")} kr` : `NOK ${formatNumber(amount, "en")}`;
}

/** Signed amount for balance tables: `+250 000 kr`, `−25 000 kr`. */
export function formatSignedKr(amount: number, locale: Locale = "nb"): string {
  const rounded = Math.round(amount);
  return (rounded > 0 ? "+" : "") + formatKr(rounded, locale);
}

/** Large amounts in millions: `1,3 mill. kr` (nb) / `NOK 1.3 million` (en). */
export function formatMillions(amount: number, locale: Locale = "nb"): string {
  const millions = Math.round((amount / 1_000_000) * 10) / 10;
  // Beyond 10^15 millions `String` would write «1e+21»: group the digits instead.
  const text = !(Math.abs(millions) < 1e15) ? formatNumber(millions, locale) : locale === "nb" ? String(millions).replace(".", ",") : String(millions);
  return locale === "nb" ? `${text} mill. kr` : `NOK ${text} million`;
}

/** Amounts of a million or more in millions, smaller ones in full. */
export function formatAmount(amount: number, locale: Locale = "nb"): string {
  return Math.abs(amount) >= 10_000_000 ? formatMillions(amount, locale) : formatKr(amount, locale);
}

export function formatPercent(value: number, locale: Locale = "nb"): string {
  const rounded = Math.round(value * 100) / 100;
  return `${locale === "nb" ? String(rounded).replace(".", ",") : String(rounded)} %`;
}

/** `A, B og C` / `A, B and C`. */
export function joinList(items: readonly string[], locale: Locale = "nb"): string {
  if (items.length <= 1) return items[0] ?? "";
  const and = locale === "nb" ? " og " : " and ";
  return items.slice(0, -1).join(", ") + and + items[items.length - 1];
}

/** `A, B eller C` / `A, B or C`. */
export function joinAlternatives(items: readonly string[], locale: Locale = "nb"): string {
  if (items.length <= 1) return items[0] ?? "";
  const or = locale === "nb" ? " eller " : " or ";
  return items.slice(0, -1).join(", ") + or + items[items.length - 1];
}

/** Words of a text as the spec counts them: runs of letters or digits, inner hyphens included. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
}
