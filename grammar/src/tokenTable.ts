/**
 * A file's tokens, kept compactly: offsets in one Int32Array and token types
 * in a Uint8Array (9 bytes a token) instead of one object each (≈ 75 bytes
 * with its image: half the memory a parsed file kept). The hand-written lexer
 * writes it directly and the parser reads types and offsets from it, so a
 * clean parse builds no token object at all. The token objects (`IToken`, as
 * Chevrotain's lexer makes them) are built from it when asked for: all of
 * them once, for the editor's features and the formatter, or just the few a
 * check needs (`ofTypes`, `firstAtOrAfter`) or a clause Chevrotain parses.
 */
import { EOF, type IToken, type TokenType } from "chevrotain";
import { allTokens, keywordsBySpelling } from "./tokens.js";

/** Token types by their `tokenTypeIdx` (the indexes no token has hold EOF: a packed array, read for every token). */
export const typeByIndex: TokenType[] = new Array<TokenType>(allTokens.reduce((top, type) => Math.max(top, type.tokenTypeIdx!), 0) + 1).fill(EOF);
for (const type of allTokens) typeByIndex[type.tokenTypeIdx!] = type;
if (typeByIndex.length > 256) throw new Error("more token types than a Uint8Array holds");
/** Keyword spellings by token type index: the one string the lexer's keyword tokens share. */
const spellingByIndex: (string | undefined)[] = new Array<string | undefined>(typeByIndex.length).fill(undefined);
for (const [spelling, type] of keywordsBySpelling) spellingByIndex[type.tokenTypeIdx!] = spelling;

export class TokenTable {
  /** Start and end offset of token i at 2i and 2i + 1. */
  readonly offsets: Int32Array;
  /** `tokenTypeIdx` of token i. */
  readonly types: Uint8Array;
  private all: readonly IToken[] | undefined;

  /** A table of `count` tokens to be filled in (`offsets`, `types`). */
  constructor(
    readonly text: string,
    count: number,
  ) {
    // One buffer for both: each typed array's memory is allocated outside the
    // heap, which costs more than filling it.
    const buffer = new ArrayBuffer(9 * count);
    this.offsets = new Int32Array(buffer, 0, 2 * count);
    this.types = new Uint8Array(buffer, 8 * count, count);
  }

  /** The table of tokens made by Chevrotain's lexer. */
  static of(text: string, tokens: readonly IToken[]): TokenTable {
    const table = new TokenTable(text, tokens.length);
    const { offsets, types } = table;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      offsets[2 * i] = token.startOffset;
      offsets[2 * i + 1] = token.startOffset + token.image.length;
      types[i] = token.tokenTypeIdx;
    }
    return table;
  }

  get length(): number {
    return this.types.length;
  }

  /** The type of token i. */
  type(i: number): TokenType {
    return typeByIndex[this.types[i]!]!;
  }

  start(i: number): number {
    return this.offsets[2 * i]!;
  }

  end(i: number): number {
    return this.offsets[2 * i + 1]!;
  }

  /** Token i's text, as the lexer's token has it: a keyword written in its own spelling shares one string. */
  image(i: number): string {
    const start = this.offsets[2 * i]!;
    const end = this.offsets[2 * i + 1]!;
    const spelling = spellingByIndex[this.types[i]!];
    return spelling !== undefined && spelling.length === end - start && this.text.startsWith(spelling, start) ? spelling : this.text.slice(start, end);
  }

  /** Whether token i's text is `word`, without a slice. */
  imageIs(i: number, word: string): boolean {
    const start = this.offsets[2 * i]!;
    return this.offsets[2 * i + 1]! - start === word.length && this.text.startsWith(word, start);
  }

  /** Token i, as the lexer made it: same fields in the same order, the same image text. A new object at every call. */
  token(i: number): IToken {
    const type = this.type(i);
    return { image: this.image(i), startOffset: this.start(i), tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
  }

  /** Every token, in order (built at the first call, then kept). */
  tokens(): readonly IToken[] {
    if (this.all === undefined) {
      const all: IToken[] = new Array<IToken>(this.length);
      for (let i = 0; i < all.length; i++) all[i] = this.token(i);
      this.all = all;
    }
    return this.all;
  }

  /** The tokens of the given types, in order, without building the others. */
  ofTypes(types: ReadonlySet<TokenType>): IToken[] {
    const found: IToken[] = [];
    const kinds = this.types;
    let runs = 0;
    // One native scan per type (a typed array's `indexOf`): in a one-shot run,
    // where this code is not yet optimised, a loop over every token read each
    // type in the interpreter (docs/performance.md, round 10).
    for (const type of types) {
      const before = found.length;
      for (let i = kinds.indexOf(type.tokenTypeIdx!); i >= 0; i = kinds.indexOf(type.tokenTypeIdx!, i + 1)) found.push(this.token(i));
      if (found.length > before) runs++;
    }
    // The tokens of two or more types are put back in order (they are few).
    if (runs > 1) found.sort((a, b) => a.startOffset - b.startOffset);
    return found;
  }

  /** Index of the first token starting at or after `offset` (`length` if none). */
  indexAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.offsets[2 * mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The first token starting at or after `offset`, if any. */
  firstAtOrAfter(offset: number): IToken | undefined {
    const index = this.indexAtOrAfter(offset);
    return index < this.length ? this.token(index) : undefined;
  }
}
