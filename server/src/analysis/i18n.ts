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
  // Beyond 10^15 a double has no cents left, and scaling by 100 would blur the digits.
  const rounded = Math.abs(value) >= 1e15 ? Math.round(Math.abs(value)) : Math.round(Math.abs(value) * 100) / 100;
  const whole = Math.floor(rounded);
  const cents = whole >= 1e15 ? 0 : Math.round((rounded - whole) * 100);
  // Above 2^53 `String` would round the digits (2^60 → «…847000»): BigInt writes them all.
  const digits = whole <= Number.MAX_SAFE_INTEGER ? String(whole) : BigInt(whole).toString();
  const separator = locale === "nb" ? NBSP_GROUP : ",";
  const head = digits.length % 3 || 3;
  let grouped = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) grouped += separator + digits.slice(i, i + 3);
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

/**
 * Words of a text as the spec counts them: runs of letters or digits, inner
 * hyphens included — what `/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*\/gu` matches.
 */
export function words(text: string): string[] {
  const found: string[] = [];
  forEachWord(text, (start, end) => found.push(text.slice(start, end)));
  return found;
}

/** `[\p{L}\p{N}]` below U+0100: exactly these (tests/analysis-helpers.test.ts checks all 256). */
const LATIN1_WORD_CHAR = "[0-9A-Za-z\\xaa\\xb2\\xb3\\xb5\\xb9\\xba\\xbc-\\xbe\\xc0-\\xd6\\xd8-\\xf6\\xf8-\\xff]";

/**
 * The spec's words (see `words`) in a text below U+0100, for one `match` over
 * the whole text. Without the `u` flag and its Unicode tables: with them, the
 * HFA203/HFA204 check cost as much as the loop it replaced (32,8 ms of a cold
 * run over 1 000 agreements, against 16 ms with this class).
 */
export const LATIN1_WORD_PATTERN = new RegExp(`${LATIN1_WORD_CHAR}+(?:-${LATIN1_WORD_CHAR}+)*`, "g");

/** How many words `words(text)` would return, without building them. */
export function wordCount(text: string): number {
  return forEachWord(text);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet classified, 1 a letter or digit, 2 neither. Filled on first sight. */
const bmpClass = new Uint8Array(0x10000);

/** Length in code units (1 or 2) of the code point at `i` when it is a letter or digit, else 0. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    // A surrogate pair is one (astral) code point, as the `u` flag reads it.
    if (next >= 0xdc00 && next <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = bmpClass[code]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    bmpClass[code] = known;
  }
  return known === 1 ? 1 : 0;
}

/** Where the first word at or after `from` starts (see `words`), or -1 when there is none. */
export function wordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (wordCharAt(text, i) > 0) return i;
    // Not a letter or digit: skip the whole code point (a surrogate pair is one).
    const code = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    i += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return -1;
}

/** Where the word starting at `start` (a `wordStart`) ends. */
export function wordEnd(text: string, start: number): number {
  let i = start;
  let step = wordCharAt(text, i);
  for (;;) {
    while (step > 0) {
      i += step;
      step = i < text.length ? wordCharAt(text, i) : 0;
    }
    // An inner hyphen joins two runs into one word.
    if (text.charCodeAt(i) === 0x2d && i + 1 < text.length && (step = wordCharAt(text, i + 1)) > 0) {
      i += 1;
      continue;
    }
    return i;
  }
}

/**
 * Calls `each` with the offsets of every word (see `words`), in order; returns
 * how many there are. One pass, no regex over the text. A hot caller loops
 * over `wordStart`/`wordEnd` itself instead of passing a closure.
 */
export function forEachWord(text: string, each?: (start: number, end: number) => void): number {
  let count = 0;
  for (let start = wordStart(text, 0); start >= 0; ) {
    const end = wordEnd(text, start);
    count++;
    each?.(start, end);
    start = wordStart(text, end);
  }
  return count;
}
