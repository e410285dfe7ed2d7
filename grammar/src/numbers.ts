/** Norwegian number notation (spec §2): reading source text and writing the canonical form. */

const GROUP_SEPARATORS = /[ \u00A0\u202F]/g;

/** Value of a number written in Norwegian notation (`1 200 000,50`). */
export function parseNorwegianNumber(text: string): number {
  return parseNorwegianNumberAt(text, 0, text.length);
}

/** `parseNorwegianNumber(text.slice(start, end))`, without the slice for a whole number. */
export function parseNorwegianNumberAt(source: string, start: number, end: number): number {
  // Most numbers are whole (years, counts, amounts in kroner): their value
  // summed digit by digit, exact up to 15 digits, without a string built for
  // Number(). Anything else (a decimal comma, a longer number) as before.
  let value = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      digits++;
    } else if (!(code === 32 || code === 0xa0 || code === 0x202f)) {
      digits = -1;
      break;
    }
  }
  if (digits > 0 && digits <= 15) return value;
  return Number(source.slice(start, end).replace(GROUP_SEPARATORS, "").replace(",", "."));
}

/**
 * Value of a number in foreign notation, and its Norwegian form.
 * `1.200.000` and `1,200,000` use a thousands separator; `0.5` a decimal point.
 */
export function readForeignNumber(text: string): { value: number; norwegian: string } {
  let plain: string;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text) && (text.split(",").length > 2 || text.includes("."))) {
    plain = text.replace(/,/g, ""); // 1,200,000 or 1,200.50
  } else if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(text)) {
    plain = text.replace(/\./g, "").replace(",", "."); // 1.200.000 or 1.200,50
  } else {
    plain = text; // 0.5
  }
  const value = Number(plain);
  return { value, norwegian: formatNumberSource(plain) };
}

/**
 * Canonical Norwegian spelling of a plain decimal string such as `1200000.5`:
 * thousands grouped with a space, decimal comma, decimals kept as written.
 */
export function formatNumberSource(plain: string): string {
  const [whole = "", decimals] = plain.split(".");
  const grouped = groupThousands(whole);
  return decimals === undefined ? grouped : `${grouped},${decimals}`;
}

function groupThousands(digits: string): string {
  // Four-digit integers stay ungrouped only when the caller says so (years);
  // amounts are always grouped.
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    const fromEnd = digits.length - i;
    if (i > 0 && fromEnd % 3 === 0) out += " ";
    out += digits[i];
  }
  return out;
}

/** Canonical form of a number token already in Norwegian notation (`1200000` → `1 200 000`). */
export function canonicalNorwegianNumber(text: string): string {
  const plain = text.replace(GROUP_SEPARATORS, "").replace(",", ".");
  return formatNumberSource(plain);
}
