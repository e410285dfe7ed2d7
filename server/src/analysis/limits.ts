/**
 * The documented limits of the analysis (docs/language.md, docs/cli.md,
 * docs/lsp.md). Each keeps a pass linear or its output bounded whatever the
 * input: they are far above anything a real agreement needs.
 */

/**
 * The largest amount (kroner) and quantity the money model computes with
 * (HFA803 above them). The whole grant scheme is a few hundred million
 * kroner a year; below these every sum of a workspace stays an exact, finite
 * number, so no «NaN kr» or «Infinity» can reach a message.
 */
export const MAX_AMOUNT_KR = 1_000_000_000_000;
export const MAX_QUANTITY = 1_000_000;

/** At most this many diagnostics of one code in one file; the rest are counted in one summary diagnostic. */
export const MAX_DIAGNOSTICS_PER_CODE = 100;
/** At most this many diagnostics in one file (summaries of the omitted ones come on top, one per code). */
export const MAX_DIAGNOSTICS_PER_FILE = 500;
/** A message longer than this (a 500 KB name quoted in it) is cut, with «…». */
export const MAX_MESSAGE_LENGTH = 500;
