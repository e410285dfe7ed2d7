/**
 * Lexing: Chevrotain's lexer with offset-only positions, then one pass that
 * re-types words that are keywords (see tokens.ts for why).
 */
import { Lexer, type IToken, type TokenType } from "chevrotain";
import {
  BlockComment,
  Colon,
  Comma,
  CommaDash,
  DateLiteral,
  ForeignNumber,
  Identifier,
  keywordsBySpelling,
  LCurly,
  LineComment,
  lexerTokens,
  allTokens,
  NorwegianDate,
  NumberLiteral,
  PercentSign,
  Placeholder,
  RCurly,
  scanIdentifier,
  scanPlaceholder,
  scanString,
  Star,
  StringLiteral,
  UnterminatedBlockComment,
  UnterminatedString,
} from "./tokens.js";
import { TokenTable } from "./tokenTable.js";

export interface LexProblem {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly problems: LexProblem[];
}

let lexer: Lexer | undefined;

function getLexer(): Lexer {
  lexer ??= new Lexer(
    { modes: { main: lexerTokens }, defaultMode: "main" },
    {
      positionTracking: "onlyOffset",
      ensureOptimizations: true,
      // Our token definitions are validated by the test suite; skipping the
      // validations saves ~15 ms at every process start.
      skipValidations: true,
    },
  );
  return lexer;
}

export { allTokens };

/**
 * NFC form of a word. A word of characters below U+0300 (ASCII, Latin-1 and
 * Latin Extended: all Norwegian letters) is already NFC — none of them
 * decomposes or combines with another — so it is returned as it is;
 * `normalize` is costly and most words have an `ø`, `å` or `æ`.
 */
export function normalizeName(text: string): string {
  if (text === undefined) return ""; // grammar recording phase
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x300) return text.normalize("NFC");
  }
  return text;
}

/** Keyword token types with their spelling as one shared string. */
const keywordEntries = new Map([...keywordsBySpelling].map(([spelling, type]) => [spelling, { type, index: type.tokenTypeIdx!, spelling }]));

type KeywordEntry = { readonly type: TokenType; readonly index: number; readonly spelling: string };
/** Keywords by first character (all below 256) and length (below 32): index `code * 32 + length`. */
// Filled with `undefined` first: an array written at scattered indices is kept
// as a dictionary, and its lookup was a third of the keyword test's time.
const keywordsByStart: (KeywordEntry[] | undefined)[] = new Array<KeywordEntry[] | undefined>(256 * 32).fill(undefined);
for (const entry of keywordEntries.values()) {
  const code = entry.spelling.charCodeAt(0);
  if (code >= 256 || entry.spelling.length >= 32) throw new Error(`keyword ${entry.spelling} does not fit the lexer's table`);
  (keywordsByStart[code * 32 + entry.spelling.length] ??= []).push(entry);
}

/** The keyword text[start, end) is, written exactly as spelt, if any. */
function keywordAt(text: string, start: number, end: number): KeywordEntry | undefined {
  const code = text.charCodeAt(start);
  const length = end - start;
  if (code >= 256 || length >= 32) return undefined;
  const candidates = keywordsByStart[code * 32 + length];
  if (candidates === undefined) return undefined;
  // Compared by char code from the second character (the first is the
  // bucket's): cheaper than a `startsWith` call per candidate.
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c]!;
    const spelling = candidate.spelling;
    let k = 1;
    while (k < length && spelling.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === length) return candidate;
  }
  return undefined;
}

/** Whether text[start, end) has a character from `code` up. */
function hasCharFrom(text: string, start: number, end: number, code: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= code) return true;
  return false;
}

export function lex(text: string): LexResult {
  return lexFast(text) ?? lexWithChevrotain(text);
}

/** Chevrotain's lexer, then keywords re-typed: the reference, and the path for text with lexing errors. */
export function lexWithChevrotain(text: string): LexResult {
  const result = getLexer().tokenize(text);
  const tokens = result.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.tokenType === Identifier) {
      // The image keeps the source spelling so that spans stay exact; names
      // are NFC-normalised where the syntax tree is built.
      const spelling = normalizeName(token.image);
      const keyword = keywordEntries.get(spelling);
      if (keyword !== undefined) {
        token.tokenType = keyword.type;
        token.tokenTypeIdx = keyword.type.tokenTypeIdx!;
        // Same text, one string for all occurrences: a copy per keyword token
        // was a tenth of the memory a parsed file keeps.
        if (spelling === token.image) token.image = keyword.spelling;
      }
    }
  }
  const comments = (result.groups["comments"] ?? []) as IToken[];
  const problems: LexProblem[] = result.errors.map((error) => ({
    start: error.offset,
    end: error.offset + error.length,
    text: text.slice(error.offset, error.offset + error.length),
  }));
  return { tokens, comments, problems };
}

// ------------------------------------------------------------------ the fast path

// The same patterns as the token definitions, sticky, tried in the lexer's order.
const sticky = (type: TokenType) => new RegExp((type.PATTERN as RegExp).source, "y");
const DATE = sticky(DateLiteral);
const NORWEGIAN_DATE = sticky(NorwegianDate);
const FOREIGN_NUMBER = sticky(ForeignNumber);
const NUMBER = sticky(NumberLiteral);
const NUMBER_PATTERNS: readonly [RegExp, TokenType][] = [
  [DATE, DateLiteral],
  [NORWEGIAN_DATE, NorwegianDate],
  [FOREIGN_NUMBER, ForeignNumber],
  [NUMBER, NumberLiteral],
];
const MILL_FOLLOWER = /[\p{L}_]/u;

/**
 * End of the ISO date whose four-digit year ends at `dash` (a `-`), or -1:
 * `DateLiteral`'s `\d{4}-\d{1,2}-\d{1,2}(?![\d.,])` by hand. A run of three
 * digits fails either way (backtracking to fewer leaves a digit or no `-`).
 */
function isoDateEnd(text: string, dash: number): number {
  let i = dash + 1;
  const month = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i - month < 1 || i - month > 2 || text.charCodeAt(i) !== 45) return -1;
  const day = ++i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i - day < 1 || i - day > 2) return -1;
  const after = text.charCodeAt(i);
  return after === 46 || after === 44 ? -1 : i;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isGroupSeparator = (code: number) => code === 32 || code === 0xa0 || code === 0x202f;

/** A comment token as Chevrotain's lexer makes it with `positionTracking: "onlyOffset"` (same fields, same order). */
function token(image: string, startOffset: number, tokenType: TokenType): IToken {
  return { image, startOffset, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
}

/**
 * The token table being written: offsets and types of the tokens lexed so
 * far, in scratch arrays reused from file to file (grown by doubling), copied
 * into a table of the right size at the end.
 */
let scratchOffsets = new Int32Array(2 * 4096);
let scratchTypes = new Uint8Array(4096);
let count = 0;
/** Above this many tokens the scratch arrays are let go after the file, not kept for the next. */
const SCRATCH_KEPT = 1 << 18;

function grow(): void {
  const offsets = new Int32Array(2 * scratchOffsets.length);
  offsets.set(scratchOffsets);
  scratchOffsets = offsets;
  const types = new Uint8Array(2 * scratchTypes.length);
  types.set(scratchTypes);
  scratchTypes = types;
}

/** Appends a token [start, end) of type index `type`. */
function emit(start: number, end: number, type: number): void {
  if (count === scratchTypes.length) grow();
  scratchOffsets[2 * count] = start;
  scratchOffsets[2 * count + 1] = end;
  scratchTypes[count] = type;
  count++;
}

/** The tokens emitted, as a table of their own. */
function finish(text: string): TokenTable {
  const table = new TokenTable(text, count);
  table.offsets.set(scratchOffsets.subarray(0, 2 * count));
  table.types.set(scratchTypes.subarray(0, count));
  if (count > SCRATCH_KEPT) {
    scratchOffsets = new Int32Array(2 * 4096);
    scratchTypes = new Uint8Array(4096);
  }
  count = 0;
  return table;
}

// Token types by index, as the table holds them (the parser reads some too).
const IDENTIFIER = Identifier.tokenTypeIdx!;
const NUMBER_LITERAL = NumberLiteral.tokenTypeIdx!;
const DATE_LITERAL = DateLiteral.tokenTypeIdx!;
export const STRING_LITERAL = StringLiteral.tokenTypeIdx!;
export const UNTERMINATED_STRING = UnterminatedString.tokenTypeIdx!;
export const PLACEHOLDER = Placeholder.tokenTypeIdx!;
const COMMA_DASH = CommaDash.tokenTypeIdx!;
const COMMA = Comma.tokenTypeIdx!;
const LCURLY = LCurly.tokenTypeIdx!;
const RCURLY = RCurly.tokenTypeIdx!;
const COLON = Colon.tokenTypeIdx!;
const PERCENT_SIGN = PercentSign.tokenTypeIdx!;
const STAR = Star.tokenTypeIdx!;

/** What the hand-written lexer makes: the tokens in a table, the comments as tokens (few, and kept). */
export interface LexedTable {
  readonly table: TokenTable;
  readonly comments: IToken[];
}

/** `lexTable`, its tokens as objects: exactly the tokens `lexWithChevrotain` makes, or undefined where it gives up. */
export function lexFast(text: string): LexResult | undefined {
  const lexed = lexTable(text);
  return lexed === undefined ? undefined : { tokens: [...lexed.table.tokens()], comments: lexed.comments, problems: [] };
}
/**
 * The lexer for text without lexing errors, by hand: one switch on the first
 * character instead of Chevrotain's candidate list, no match array per token,
 * keywords typed at once. It makes exactly Chevrotain's tokens (first pattern
 * in `lexerTokens` order that matches wins, the same patterns and scanners);
 * at anything it does not know — a character no token starts with, a
 * surrogate — it gives up (undefined) and Chevrotain lexes the whole text, so
 * that error recovery and its spans stay Chevrotain's. It writes the
 * token table directly: no token object and no image per token.
 */
export function lexTable(text: string): LexedTable | undefined {
  count = 0;
  const comments: IToken[] = [];
  const length = text.length;
  /** The first backslash at or after the last string's start (`length` if none). */
  let backslash = -1;
  let i = 0;
  while (i < length) {
    const ch = text.charCodeAt(i);
    // WhiteSpace: [ \t\r\n\u00A0\u202F\uFEFF]+, skipped.
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 0xa0 || ch === 0x202f || ch === 0xfeff) {
      i++;
      continue;
    }
    const start = i;
    if ((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95 /* _ */ || (ch >= 0x80 && !(ch >= 0xd800 && ch <= 0xdfff))) {
      let end = -1;
      if (ch === 109 /* m */ && text.startsWith("mill.", i)) {
        const next = text.charCodeAt(i + 5);
        if (!(next >= 48 && next <= 57) && !MILL_FOLLOWER.test(text.charAt(i + 5))) end = i + 5;
      }
      if (end < 0) end = scanIdentifier(text, i);
      if (end < 0) return undefined;
      i = end;
      // A keyword written as spelt: found by its first letter and length, without a slice.
      const keyword = keywordAt(text, start, end);
      if (keyword !== undefined) {
        emit(start, end, keyword.index);
        continue;
      }
      // A word with a combining mark may still be a keyword once normalised (`forma\u030Al`).
      const spelled = hasCharFrom(text, start, end, 0x300) ? keywordEntries.get(normalizeName(text.slice(start, end))) : undefined;
      emit(start, end, spelled?.index ?? IDENTIFIER);
      continue;
    }
    if (ch >= 48 && ch <= 57) {
      // Dates and foreign numbers all have `-`, `.` or `,` right after their
      // first run of digits; without one only NumberLiteral can match.
      let next = i + 1;
      while (next < length && text.charCodeAt(next) >= 48 && text.charCodeAt(next) <= 57) next++;
      const after = text.charCodeAt(next);
      // Digits alone (years, counts, shares — most numbers): NumberLiteral is
      // the run of digits unless a group separator may follow (`1 200`), so
      // no regex and no match array for them.
      if (next - i > 3 || !(after === 32 || after === 0xa0 || after === 0x202f)) {
        if (!(after === 45 || after === 46 || after === 44)) {
          emit(start, next, NUMBER_LITERAL);
          i = next;
          continue;
        }
        if (after === 45 && next - i === 4) {
          const end = isoDateEnd(text, next);
          if (end > 0) {
            emit(start, end, DATE_LITERAL);
            i = end;
            continue;
          }
        }
        if (after === 44) {
          // A decimal comma (`1,5`, `0,8`): NumberLiteral's `\d+,\d+` unless
          // `,` or `.` follows its decimals (`1,200,000` and `1,200.50` may
          // be foreign); without decimals (`1,-`, `1, 2`) the digits alone.
          let end = next + 1;
          while (isDigit(text.charCodeAt(end))) end++;
          const following = text.charCodeAt(end);
          if (end === next + 1 || !(following === 44 || following === 46)) {
            if (end === next + 1) end = next;
            emit(start, end, NUMBER_LITERAL);
            i = end;
            continue;
          }
        }
      } else {
        // One to three digits and a group separator (`80 døgn`, `500 000`):
        // NumberLiteral's `\d{1,3}(?:[ \u00A0\u202F]\d{3}(?!\d))+(?:,\d+)?`,
        // else (no group follows) the digits alone.
        let end = next;
        while (isGroupSeparator(text.charCodeAt(end)) && isDigit(text.charCodeAt(end + 1)) && isDigit(text.charCodeAt(end + 2)) && isDigit(text.charCodeAt(end + 3)) && !isDigit(text.charCodeAt(end + 4))) end += 4;
        if (end > next && text.charCodeAt(end) === 44 && isDigit(text.charCodeAt(end + 1))) {
          end += 2;
          while (isDigit(text.charCodeAt(end))) end++;
        }
        emit(start, end, NUMBER_LITERAL);
        i = end;
        continue;
      }
      // `-`, `.` or `,` after the digits, and no case above: the patterns in order.
      let matched = false;
      for (const [pattern, type] of NUMBER_PATTERNS) {
        pattern.lastIndex = i;
        const match = pattern.exec(text);
        if (match !== null) {
          i += match[0].length;
          emit(start, i, type.tokenTypeIdx!);
          matched = true;
          break;
        }
      }
      if (!matched) return undefined;
      continue;
    }
    switch (ch) {
      case 34 /* " */: {
        // A string with no backslash before its closing quote (nearly all) ends
        // there: two indexOf searches instead of a loop over its characters.
        if (backslash < i) {
          backslash = text.indexOf("\\", i);
          if (backslash < 0) backslash = length;
        }
        const close = text.indexOf('"', i + 1);
        if (close >= 0 && close < backslash) {
          emit(start, close + 1, STRING_LITERAL);
          i = close + 1;
          continue;
        }
        let end = scanString(text, i, false);
        let type = STRING_LITERAL;
        if (end < 0) {
          end = scanString(text, i, true);
          type = UNTERMINATED_STRING;
        }
        if (end <= i) return undefined;
        emit(start, end, type);
        i = end;
        continue;
      }
      case 47 /* / */: {
        const next = text.charCodeAt(i + 1);
        if (next === 47) {
          let end = i + 2;
          while (end < length) {
            const c = text.charCodeAt(end);
            if (c === 10 || c === 13) break;
            end++;
          }
          comments.push(token(text.slice(start, end), start, LineComment));
          i = end;
          continue;
        }
        if (next === 42 /* * */) {
          const close = text.indexOf("*/", i + 2);
          const end = close < 0 ? length : close + 2;
          comments.push(token(text.slice(start, end), start, close < 0 ? UnterminatedBlockComment : BlockComment));
          i = end;
          continue;
        }
        return undefined;
      }
      case 60 /* < */: {
        const end = scanPlaceholder(text, i);
        if (end < 0) return undefined;
        emit(start, end, PLACEHOLDER);
        i = end;
        continue;
      }
      case 44 /* , */:
        if (text.charCodeAt(i + 1) === 45 /* - */) {
          emit(start, start + 2, COMMA_DASH);
          i += 2;
        } else {
          emit(start, start + 1, COMMA);
          i++;
        }
        continue;
      case 123:
        emit(start, start + 1, LCURLY);
        i++;
        continue;
      case 125:
        emit(start, start + 1, RCURLY);
        i++;
        continue;
      case 58:
        emit(start, start + 1, COLON);
        i++;
        continue;
      case 37:
        emit(start, start + 1, PERCENT_SIGN);
        i++;
        continue;
      case 42:
        emit(start, start + 1, STAR);
        i++;
        continue;
      default:
        return undefined;
    }
  }
  return { table: finish(text), comments };
}
