/**
 * The token vocabulary of HFA (spec §2).
 *
 * Keywords are not matched by regexes of their own: every word is lexed as an
 * `Identifier` and then re-typed by a single map lookup (see `lexer.ts`). With
 * some eighty Norwegian keywords that share prefixes (`til`, `tilskudd`,
 * `til-behandling`), one lookup is both faster and gives the spec's
 * "longest match" rule for free.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

// ---------------------------------------------------------------- categories
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });
export const UnitKeyword = createToken({ name: "UnitKeyword", pattern: Lexer.NA, categories: [Keyword] });
export const CurrencyKeyword = createToken({ name: "CurrencyKeyword", pattern: Lexer.NA, categories: [Keyword] });
export const HospitalKindKeyword = createToken({ name: "HospitalKindKeyword", pattern: Lexer.NA, categories: [Keyword] });
export const BodyKeyword = createToken({ name: "BodyKeyword", pattern: Lexer.NA, categories: [Keyword] });
export const StatusKeyword = createToken({ name: "StatusKeyword", pattern: Lexer.NA, categories: [Keyword] });
export const OutcomeKeyword = createToken({ name: "OutcomeKeyword", pattern: Lexer.NA, categories: [Keyword] });
export const EffectKeyword = createToken({ name: "EffectKeyword", pattern: Lexer.NA, categories: [Keyword] });

/**
 * Where the grammar asks for a name: an identifier or a placeholder (spec §2).
 * One category instead of an OR of two alternatives, because a failing OR
 * builds a NoViableAlt exception whose message costs several times a
 * mismatched token's — and a broken file fails at names by the thousand.
 */
export const NameToken = createToken({ name: "NameToken", pattern: Lexer.NA, label: "name" });

// ---------------------------------------------------------------- trivia
export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\u00A0\u202F\uFEFF]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const LineComment = createToken({
  name: "LineComment",
  pattern: /\/\/[^\n\r]*/,
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});
/** A `/*` that is never closed runs to the end of the file; the parser reports it. */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});

// ---------------------------------------------------------------- literals
/**
 * Strings are scanned by hand: a regex like `"(?:[^"\\]|\\.)*"` backtracks
 * once per character in V8 and overflows the stack on a multi-megabyte string.
 */
export function scanString(text: string, offset: number, stopAtLineEnd: boolean): number {
  // Chevrotain's error recovery calls custom patterns at every offset,
  // ignoring start_chars_hint: fail fast anywhere but at a quote.
  if (text.charCodeAt(offset) !== 34) return -1;
  let i = offset + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) return stopAtLineEnd ? -1 : i + 1;
    if (ch === 92 /* \ */) {
      if (stopAtLineEnd && (text.charCodeAt(i + 1) === 10 || text.charCodeAt(i + 1) === 13)) return i + 1;
      i += 2;
      continue;
    }
    if (stopAtLineEnd && (ch === 10 || ch === 13)) return i;
    i++;
  }
  return stopAtLineEnd ? Math.min(i, text.length) : -1;
}

function matchOf(text: string, offset: number, end: number): RegExpExecArray | null {
  if (end < 0) return null;
  const match = [text.slice(offset, end)] as unknown as RegExpExecArray;
  return match;
}

export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: { exec: (text: string, offset: number) => matchOf(text, offset, scanString(text, offset, false)) },
  line_breaks: true,
  start_chars_hint: ['"'],
});
/** A string whose closing quote is missing ends at the end of its line (reported). */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: { exec: (text: string, offset: number) => matchOf(text, offset, scanString(text, offset, true)) },
  line_breaks: false,
  start_chars_hint: ['"'],
});
/** ISO date; whether it is a calendar date is checked later (HFA003). */
export const DateLiteral = createToken({ name: "DateLiteral", pattern: /\d{4}-\d{1,2}-\d{1,2}(?![\d.,])/ });
/** Norwegian `12.03.2025`: an error (HFA003) with a quick fix to ISO. */
export const NorwegianDate = createToken({ name: "NorwegianDate", pattern: /\d{1,2}\.\d{1,2}\.\d{4}(?!\d)/ });
/**
 * Numbers in foreign notation (`1.200.000`, `1,200,000`, `1,200.50`, `0.5`):
 * lexed as numbers so that parsing goes on, and reported as HFA002.
 */
export const ForeignNumber = createToken({
  name: "ForeignNumber",
  pattern: /\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?!\d)|\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+\.\d+/,
});
/**
 * Norwegian notation: groups of exactly three digits after a space, no-break
 * space or narrow no-break space, decimal comma. The first group has 1–3
 * digits, so `2025 500 000` is a year and then an amount.
 */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d{1,3}(?:[ \u00A0\u202F]\d{3}(?!\d))+(?:,\d+)?|\d+(?:,\d+)?/,
});

/** End of a placeholder `<…>` starting at `offset` (spec §2: one line, at least one letter inside), or -1. */
export function scanPlaceholder(text: string, offset: number): number {
  if (text.charCodeAt(offset) !== 60 /* < */) return -1;
  let letter = false;
  for (let i = offset + 1; i < text.length && i - offset <= 200; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 62 /* > */) return letter ? i + 1 : -1;
    if (ch === 60 || ch === 10 || ch === 13 || ch === 34 /* " */) return -1;
    if (!letter && /\p{L}/u.test(text.charAt(i))) letter = true;
  }
  return -1;
}

/**
 * A placeholder (`<beløp>`, `<begrunnelse>`): something the author has still
 * to fill in. It may stand for any single token the grammar expects (spec §2)
 * and is HFA011 wherever it stands.
 */
export const Placeholder = createToken({
  name: "Placeholder",
  pattern: { exec: (text: string, offset: number) => matchOf(text, offset, scanPlaceholder(text, offset)) },
  line_breaks: false,
  start_chars_hint: ["<"],
  label: "'<…>'",
  categories: [NameToken],
});

const LETTER_PATTERN = /\p{L}/u;

/**
 * The placeholder segments `<…>` of a text (spec §2: one line, no quote, at
 * least one letter inside), as offsets into it. One linear pass: a regex with
 * two starred groups around the letter backtracks quadratically on a long
 * text that opens `<` and never closes it.
 */
export function placeholderSegments(text: string, limit = Infinity): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let open = -1;
  let letter = false;
  for (let i = 0; i < text.length && found.length < limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 60 /* < */) {
      open = i;
      letter = false;
    } else if (open >= 0) {
      if (ch === 62 /* > */) {
        if (letter) found.push({ start: open, end: i + 1 });
        open = -1;
      } else if (ch === 10 || ch === 13 || ch === 34 /* " */) {
        open = -1;
      } else if (!letter && (ch >= 0x80 ? LETTER_PATTERN.test(text.charAt(i)) : (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122))) {
        letter = true;
      }
    }
  }
  return found;
}

/** Whether a string's text holds a placeholder segment (a placeholder string, spec §2). */
export function hasPlaceholderSegment(text: string): boolean {
  return text.includes("<") && placeholderSegments(text, 1).length > 0;
}

/** `,-` after an amount (`1 200 000,- kr`): lexed so that it can be HFA002 with a fix, not a syntax error. */
export const CommaDash = createToken({ name: "CommaDash", pattern: ",-", label: "',-'" });

export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "'}'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "':'" });
export const PercentSign = createToken({ name: "PercentSign", pattern: "%", label: "'%'" });
export const Star = createToken({ name: "Star", pattern: "*", label: "'*'" });

const millPattern = /mill\./y;

// Character classes for identifiers, as `/[\p{L}_][\p{L}\p{N}_-]*/u` sees them.
// A table filled in as characters are met: a Unicode property regex per
// character (and the match array it returns) was the lexer's largest cost.
const UNKNOWN = 0;
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
/** Combining marks (\p{M}): inside a name, so `forma\u030Al` typed decomposed is `formål` (spec §2, NFC). */
const MARK = 4;
const bmpClasses = new Uint8Array(0x10000);
const letterPattern = /\p{L}/u;
const numberPattern = /\p{N}/u;
const markPattern = /\p{M}/u;

function classify(char: string): number {
  return letterPattern.test(char) ? LETTER : numberPattern.test(char) ? NUMBER : markPattern.test(char) ? MARK : OTHER;
}

function classOf(codePoint: number): number {
  if (codePoint >= 0x10000) return classify(String.fromCodePoint(codePoint));
  let known = bmpClasses[codePoint]!;
  if (known === UNKNOWN) {
    // A lone surrogate is neither letter nor number, as for the regex.
    known = classify(String.fromCharCode(codePoint));
    bmpClasses[codePoint] = known;
  }
  return known;
}

const isAsciiLetter = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

function isInsideSurrogatePair(text: string, offset: number): boolean {
  const low = text.charCodeAt(offset);
  const high = text.charCodeAt(offset - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}

/** End of the identifier starting at `offset` (`[\p{L}_][\p{L}\p{M}\p{N}_-]*`), or -1. */
export function scanIdentifier(text: string, offset: number): number {
  const first = text.codePointAt(offset);
  if (first === undefined) return -1;
  if (!(isAsciiLetter(first) || first === 95 /* _ */ || (first >= 0x80 && classOf(first) === LETTER))) return -1;
  let i = offset + (first > 0xffff ? 2 : 1);
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (isAsciiLetter(code) || (code >= 48 && code <= 57) || code === 95 /* _ */ || code === 45 /* - */) {
        i++;
        continue;
      }
      break;
    }
    const codePoint = text.codePointAt(i)!;
    const kind = classOf(codePoint);
    if (kind !== LETTER && kind !== NUMBER && kind !== MARK) break;
    i += codePoint > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * Identifiers (and so keywords): a Unicode letter or `_`, then letters,
 * digits, `_` or `-`. `mill.` is the one keyword with a dot in it.
 */
export const Identifier = createToken({
  name: "Identifier",
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      // Only a word starting with `m` can be `mill.`: test the first character
      // before running a second regex at every word.
      if (text.charCodeAt(offset) === 109 /* m */) {
        millPattern.lastIndex = offset;
        const mill = millPattern.exec(text);
        if (mill) {
          const next = text.charCodeAt(offset + 5);
          if (!(next >= 48 && next <= 57) && !/[\p{L}_]/u.test(text.charAt(offset + 5))) return mill;
        }
      }
      const end = scanIdentifier(text, offset);
      if (end < 0 && isInsideSurrogatePair(text, offset)) {
        // Chevrotain's error recovery tries patterns at every offset, also
        // between the halves of a character outside the BMP. The regex this
        // scanner replaces (sticky, /u) stepped back to the pair's start there
        // and so matched an astral letter; kept so that error spans stay as
        // they were. (Astral letters are not in start_chars_hint, so they are
        // lexing errors in the first place.)
        return matchOf(text, offset - 1, scanIdentifier(text, offset - 1));
      }
      return matchOf(text, offset, end);
    },
  },
  line_breaks: false,
  start_chars_hint: identifierStartChars(),
  categories: [NameToken],
});

/** `_`, the letters below 256 and one character per Chevrotain bucket above: keeps its first-character optimisation. */
function identifierStartChars(): string[] {
  // Chevrotain files characters above 255 into buckets of 255 (its
  // `charCodeToOptimizedIndex`: 255 + ⌊code / 255⌋), so one character per
  // bucket stands for all of them; below 256 every character is its own. The
  // scanner rejects non-letters at once. Listing every BMP letter instead cost
  // ~10 ms and 50 000 strings at each start of the CLI and the server.
  // tests/parser.test.ts checks that every BMP letter still starts a name.
  const chars: string[] = ["_"];
  const letter = /\p{L}/u;
  for (let code = 0x41; code < 0x100; code++) {
    const ch = String.fromCharCode(code);
    if (letter.test(ch)) chars.push(ch);
  }
  for (let bucket = Math.floor(0x100 / 255); bucket <= Math.floor(0xffff / 255); bucket++) {
    chars.push(String.fromCharCode(Math.max(0x100, bucket * 255)));
  }
  return chars;
}

// ---------------------------------------------------------------- keywords
/** Keyword token types by their exact spelling (NFC). */
export const keywordsBySpelling = new Map<string, TokenType>();
export const keywordTokens: TokenType[] = [];

function keyword(spelling: string, categories: TokenType[] = []): TokenType {
  const name = "Kw_" + spelling.replace(/[^A-Za-z0-9]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}`);
  const token = createToken({
    name,
    pattern: Lexer.NA,
    label: `'${spelling}'`,
    categories: [Keyword, ...categories],
  });
  keywordsBySpelling.set(spelling, token);
  keywordTokens.push(token);
  return token;
}

export const KW = {
  helsefellesskap: keyword("helsefellesskap"),
  sats: keyword("sats"),
  tilskudd: keyword("tilskudd"),
  avtale: keyword("avtale"),
  region: keyword("region"),
  helseforetak: keyword("helseforetak"),
  kommune: keyword("kommune"),
  nr: keyword("nr"),
  gruppe: keyword("gruppe"),
  sykehus: keyword("sykehus"),
  regionsykehus: keyword("regionsykehus", [HospitalKindKeyword]),
  stortAkuttsykehus: keyword("stort-akuttsykehus", [HospitalKindKeyword]),
  akuttsykehus: keyword("akuttsykehus", [HospitalKindKeyword]),
  utenAkutt: keyword("sykehus-uten-akuttfunksjon", [HospitalKindKeyword]),
  per: keyword("per"),
  kilde: keyword("kilde"),
  ramme: keyword("ramme"),
  fordeling: keyword("fordeling"),
  parter: keyword("parter"),
  periode: keyword("periode"),
  til: keyword("til"),
  status: keyword("status"),
  utkast: keyword("utkast", [StatusKeyword]),
  tilBehandling: keyword("til-behandling", [StatusKeyword]),
  vedtatt: keyword("vedtatt", [StatusKeyword, OutcomeKeyword]),
  planlagt: keyword("planlagt", [OutcomeKeyword]),
  avvist: keyword("avvist", [OutcomeKeyword]),
  maalgruppe: keyword("målgruppe"),
  formaal: keyword("formål"),
  tiltak: keyword("tiltak"),
  innsats: keyword("innsats"),
  besparelse: keyword("besparelse"),
  balanse: keyword("balanse"),
  videreforing: keyword("videreføring"),
  indikator: keyword("indikator"),
  fra: keyword("fra"),
  innen: keyword("innen"),
  behandling: keyword("behandling"),
  personelleffekt: keyword("personelleffekt"),
  personellbesparende: keyword("personellbesparende", [EffectKeyword]),
  noytral: keyword("nøytral", [EffectKeyword]),
  personelldrivende: keyword("personelldrivende", [EffectKeyword]),
  stilling: keyword("stilling"),
  beskrivelse: keyword("beskrivelse"),
  horisont: keyword("horisont"),
  overforing: keyword("overføring"),
  begrunnelse: keyword("begrunnelse"),
  kr: keyword("kr", [CurrencyKeyword]),
  kroner: keyword("kroner", [CurrencyKeyword]),
  mill: keyword("mill."),
  aa: keyword("à"),
  aar: keyword("år"),
  i: keyword("i"),
  doegn: keyword("døgn", [UnitKeyword]),
  aarsverk: keyword("årsverk", [UnitKeyword]),
  innleggelse: keyword("innleggelse", [UnitKeyword]),
  innleggelser: keyword("innleggelser", [UnitKeyword]),
  konsultasjon: keyword("konsultasjon", [UnitKeyword]),
  konsultasjoner: keyword("konsultasjoner", [UnitKeyword]),
  time: keyword("time", [UnitKeyword]),
  timer: keyword("timer", [UnitKeyword]),
  pasient: keyword("pasient", [UnitKeyword]),
  pasienter: keyword("pasienter", [UnitKeyword]),
  stk: keyword("stk", [UnitKeyword]),
  styre: keyword("styre", [BodyKeyword]),
  kommunestyre: keyword("kommunestyre", [BodyKeyword]),
  bystyre: keyword("bystyre", [BodyKeyword]),
  formannskap: keyword("formannskap", [BodyKeyword]),
  delegert: keyword("delegert", [BodyKeyword]),
} as const;

/** Lexer order matters: dates before numbers, foreign numbers before Norwegian ones. */
export const lexerTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLiteral,
  UnterminatedString,
  DateLiteral,
  NorwegianDate,
  ForeignNumber,
  NumberLiteral,
  Placeholder,
  CommaDash,
  LCurly,
  RCurly,
  Comma,
  Colon,
  PercentSign,
  Star,
  Identifier,
];

/** Everything the parser may see, categories included. */
export const allTokens: TokenType[] = [
  ...lexerTokens,
  NameToken,
  Keyword,
  UnitKeyword,
  CurrencyKeyword,
  HospitalKindKeyword,
  BodyKeyword,
  StatusKeyword,
  OutcomeKeyword,
  EffectKeyword,
  ...keywordTokens,
];
