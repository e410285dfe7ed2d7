/**
 * A finished list, its storage trimmed to its length. An array grown by
 * `push` keeps room for at least 16 more elements (V8 grows it by half plus
 * 16): a clause's two names, kept in the syntax tree for as long as the file
 * is open, take 152 bytes of elements instead of 16. The copy is exact. Use
 * it on lists that are kept and no longer grown; an empty list is returned
 * as it is (it has no storage).
 */
export function fitted<T>(list: T[]): T[];
export function fitted<T>(list: readonly T[]): readonly T[];
export function fitted<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? list : list.slice();
}

/** The one empty list every finished empty list shares (frozen: a list no one grows). */
const NONE: readonly never[] = Object.freeze([]);

/** A finished list that stays as it is, typed `readonly`: fitted, or the shared empty list (an empty array is still 32 bytes, and most of these are empty). */
export function settled<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NONE : list.slice();
}
