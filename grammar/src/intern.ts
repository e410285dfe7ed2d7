/**
 * One string for each spelling of a name (and of a date), shared by every
 * syntax tree. A workspace names the same kommuner, parties and rates in
 * every agreement: 40 000 names of 1 100 spellings in the 1 000-agreement
 * benchmark, each a copy of its few characters (≈ 30 bytes) taken from the
 * file's text. The strings are equal either way; only their number changes.
 *
 * The table is bounded: when it is full it starts over, so an editor session
 * that types many passing spellings keeps at most `LIMIT` of them.
 */
import { normalizeName } from "./lexer.js";

const LIMIT = 16_384;
/** Spelling → its shared string; a name typed decomposed (not NFC) → its NFC form (`internedName`). */
const table = new Map<string, string>();

export function interned(text: string): string {
  const found = table.get(text);
  if (found !== undefined) return found;
  if (table.size >= LIMIT) table.clear();
  // From 13 characters `slice` makes a view into the whole file's text: the
  // table must not keep that text alive, so it keeps a copy of its own.
  const own = text.length >= 13 ? text.split("").join("") : text;
  table.set(own, own);
  return own;
}

/**
 * `interned(normalizeName(image))` for a name as written: a spelling met
 * before is found without scanning it for combining marks again. A spelling
 * that is not NFC (rare: typed decomposed) is kept as a key of its own, mapped
 * to its NFC form.
 */
export function internedName(image: string): string {
  const found = table.get(image);
  if (found !== undefined) return found;
  const name = interned(normalizeName(image));
  if (name !== image) table.set(image.split("").join(""), name);
  return name;
}
