/**
 * Lexing: Chevrotain's lexer with offset-only positions, then one pass that
 * re-types words that are keywords (see tokens.ts for why).
 */
import { Lexer, type IToken } from "chevrotain";
import { Identifier, keywordsBySpelling, lexerTokens, allTokens } from "./tokens.js";

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
const keywordEntries = new Map([...keywordsBySpelling].map(([spelling, type]) => [spelling, { type, spelling }]));

export function lex(text: string): LexResult {
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
