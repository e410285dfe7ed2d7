/**
 * A parsed file's tokens, kept compactly: offsets in one Int32Array and token
 * types in a Uint8Array (9 bytes a token) instead of one object each (≈ 75
 * bytes with its image: half the memory a parsed file kept). The token objects
 * (`IToken`, as Chevrotain's lexer makes them) are built from it when asked
 * for: all of them once, for the editor's features and the formatter, or just
 * the few a check needs (`ofTypes`, `firstAtOrAfter`), so that the analysis of
 * a workspace never builds them all.
 */
import type { IToken, TokenType } from "chevrotain";
import { allTokens, keywordsBySpelling } from "./tokens.js";

/** Token types by their `tokenTypeIdx`. */
const typeByIndex: TokenType[] = [];
for (const type of allTokens) typeByIndex[type.tokenTypeIdx!] = type;
if (typeByIndex.length > 256) throw new Error("more token types than a Uint8Array holds");
/** Keyword spellings by token type index: the one string the lexer's keyword tokens share. */
const spellingByIndex: (string | undefined)[] = [];
for (const [spelling, type] of keywordsBySpelling) spellingByIndex[type.tokenTypeIdx!] = spelling;

export class TokenTable {
  /** Start and end offset of token i at 2i and 2i + 1. */
  private readonly offsets: Int32Array;
  private readonly types: Uint8Array;
  private all: readonly IToken[] | undefined;

  constructor(
    private readonly text: string,
    tokens: readonly IToken[],
  ) {
    const count = tokens.length;
    // One buffer for both: each typed array's memory is allocated outside the
    // heap, which costs more than filling it.
    const buffer = new ArrayBuffer(9 * count);
    this.offsets = new Int32Array(buffer, 0, 2 * count);
    this.types = new Uint8Array(buffer, 8 * count, count);
    for (let i = 0; i < count; i++) {
      const token = tokens[i]!;
      this.offsets[2 * i] = token.startOffset;
      this.offsets[2 * i + 1] = token.startOffset + token.image.length;
      this.types[i] = token.tokenTypeIdx;
    }
  }

  get length(): number {
    return this.types.length;
  }

  /** Token i, as the lexer made it: same fields in the same order, the same image text. */
  token(i: number): IToken {
    const index = this.types[i]!;
    const type = typeByIndex[index]!;
    const start = this.offsets[2 * i]!;
    const end = this.offsets[2 * i + 1]!;
    // A keyword written in its own spelling shares one string, as the lexer's tokens do.
    const spelling = spellingByIndex[index];
    const image = spelling !== undefined && spelling.length === end - start && this.text.startsWith(spelling, start) ? spelling : this.text.slice(start, end);
    return { image, startOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
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
    const wanted = new Uint8Array(typeByIndex.length);
    for (const type of types) wanted[type.tokenTypeIdx!] = 1;
    const found: IToken[] = [];
    const kinds = this.types;
    for (let i = 0; i < kinds.length; i++) if (wanted[kinds[i]!] === 1) found.push(this.token(i));
    return found;
  }

  /** The first token starting at or after `offset`, if any. */
  firstAtOrAfter(offset: number): IToken | undefined {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.offsets[2 * mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low < this.length ? this.token(low) : undefined;
  }
}
