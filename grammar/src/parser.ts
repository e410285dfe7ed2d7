/**
 * Parsing a file: the structural driver.
 *
 * Declarations and blocks are found here, by keywords and braces; each clause
 * segment is then parsed by one flat Chevrotain rule (`clauses.ts`). A clause
 * that fails to parse becomes an `IncompleteClause` and parsing goes on at the
 * next clause keyword of the same block, respecting nested braces (spec §3).
 *
 * A block left open is closed at the first keyword that cannot occur inside
 * it (`avtale` inside an agreement body, say), so one missing `}` never
 * swallows the declarations after it.
 */
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import type * as Ast from "./ast.js";
import { clauseParser, tokenEnd, type ClauseRuleName } from "./clauses.js";
import { FastClauses } from "./fastClauses.js";
import { keepHiddenClass } from "./hiddenClasses.js";
import { fitted, settled } from "./fitted.js";
import { interned } from "./intern.js";
import { lexTable, lexWithChevrotain, normalizeName, PLACEHOLDER, STRING_LITERAL, UNTERMINATED_STRING } from "./lexer.js";
import { TokenTable, typeByIndex } from "./tokenTable.js";
import {
  Identifier,
  KW,
  LCurly,
  hasPlaceholderSegment,
  RCurly,
  StringLiteral,
  UnterminatedBlockComment,
} from "./tokens.js";

/** What went wrong, in structured form; `server/src/analysis` words it for users. */
export type SyntaxProblem =
  | {
      readonly kind: "unexpected";
      readonly start: number;
      readonly end: number;
      /** The token found (its source text), or undefined at the end of the input. */
      readonly found: string | undefined;
      /** Token labels or descriptions the grammar would accept here. */
      readonly expected: readonly string[];
      /** The clause or declaration being parsed, by its keyword. */
      readonly context: string | undefined;
    }
  | { readonly kind: "unknownCharacter"; readonly start: number; readonly end: number; readonly text: string }
  | { readonly kind: "unterminatedString"; readonly start: number; readonly end: number }
  | { readonly kind: "unterminatedComment"; readonly start: number; readonly end: number }
  | { readonly kind: "unclosedBlock"; readonly start: number; readonly end: number; readonly context: string }
  | {
      readonly kind: "strayToken";
      readonly start: number;
      readonly end: number;
      readonly found: string;
      readonly context: string | undefined;
      /** Keywords that could start the next clause here (for "did you mean"). */
      readonly clauseKeywords?: readonly string[];
    };

export interface ParseResult {
  readonly file: Ast.FileNode;
  /**
   * Every token (comments and white space aside), in offset order. Kept
   * compactly and built at the first use, then kept: the editor's features
   * and the formatter use them; the analysis asks for the few it needs below.
   */
  readonly tokens: readonly IToken[];
  /** The tokens of the given types, in offset order, without building all tokens. */
  tokensOfTypes(types: ReadonlySet<TokenType>): IToken[];
  /** The first token starting at or after `offset`, without building all tokens. */
  firstTokenAtOrAfter(offset: number): IToken | undefined;
  readonly comments: readonly IToken[];
  readonly problems: readonly SyntaxProblem[];
  /**
   * Every placeholder (spec §2) in offset order: `<…>` tokens and strings
   * holding a `<…>` segment. HFA011 is reported on each; a clause holding one
   * is left out of the computations.
   */
  readonly placeholders: readonly Ast.Span[];
}

// ------------------------------------------------------------------ block kinds

interface BlockKind {
  /** Keywords (token types) that begin an item of this block. */
  readonly itemStarts: ReadonlySet<TokenType>;
  /** Keywords that cannot occur inside the block: a missing `}` is assumed before them. */
  readonly breakers: ReadonlySet<TokenType>;
  readonly name: string;
}

const TOP_LEVEL_STARTS = new Set<TokenType>([KW.helsefellesskap, KW.sats, KW.tilskudd, KW.avtale]);

const COMMUNITY_BLOCK: BlockKind = {
  name: "helsefellesskap",
  itemStarts: new Set([KW.region, KW.helseforetak, KW.kommune, KW.gruppe]),
  breakers: new Set([KW.avtale, KW.sats, KW.tilskudd, KW.helsefellesskap, KW.parter, KW.periode]),
};
const HEALTH_TRUST_BLOCK: BlockKind = {
  name: "helseforetak",
  itemStarts: new Set([KW.sykehus]),
  breakers: new Set([...COMMUNITY_BLOCK.itemStarts, ...COMMUNITY_BLOCK.breakers]),
};
const SCHEME_BLOCK: BlockKind = {
  name: "tilskudd",
  itemStarts: new Set([KW.region, KW.ramme, KW.fordeling]),
  breakers: new Set([KW.avtale, KW.sats, KW.tilskudd, KW.helsefellesskap, KW.parter, KW.periode]),
};
const DISTRIBUTION_BLOCK: BlockKind = {
  name: "fordeling",
  itemStarts: new Set([Identifier]),
  breakers: new Set([...SCHEME_BLOCK.itemStarts, ...SCHEME_BLOCK.breakers]),
};
const AGREEMENT_ITEM_RULES = new Map<TokenType, ClauseRuleName>([
  [KW.helsefellesskap, "communityClause"],
  [KW.parter, "partiesClause"],
  [KW.periode, "periodClause"],
  [KW.status, "statusClause"],
  [KW.sykehus, "hospitalClause"],
  [KW.maalgruppe, "targetGroupClause"],
  [KW.formaal, "purposeClause"],
  [KW.tiltak, "blockHeader"],
  [KW.innsats, "inputClause"],
  [KW.tilskudd, "grantClause"],
  [KW.besparelse, "savingClause"],
  [KW.balanse, "balanceHeader"],
  [KW.videreforing, "continuationClause"],
  [KW.indikator, "indicatorClause"],
  [KW.behandling, "decisionClause"],
  [KW.personelleffekt, "personnelEffectClause"],
]);
const AGREEMENT_BLOCK: BlockKind = {
  name: "avtale",
  itemStarts: new Set(AGREEMENT_ITEM_RULES.keys()),
  breakers: new Set([KW.avtale, KW.sats]),
};
const MEASURE_ITEM_RULES = new Map<TokenType, ClauseRuleName>([
  [KW.formaal, "measurePurposesItem"],
  [KW.stilling, "positionItem"],
  [KW.beskrivelse, "descriptionItem"],
]);
const MEASURE_BLOCK: BlockKind = {
  name: "tiltak",
  itemStarts: new Set(MEASURE_ITEM_RULES.keys()),
  breakers: new Set([...AGREEMENT_BLOCK.itemStarts, ...AGREEMENT_BLOCK.breakers].filter((t) => t !== KW.formaal)),
};
const BALANCE_ITEM_RULES = new Map<TokenType, ClauseRuleName>([
  [KW.horisont, "horizonItem"],
  [KW.overforing, "transferItem"],
  [KW.begrunnelse, "justificationItem"],
]);
const BALANCE_BLOCK: BlockKind = {
  name: "balanse",
  itemStarts: new Set(BALANCE_ITEM_RULES.keys()),
  breakers: new Set([...AGREEMENT_BLOCK.itemStarts, ...AGREEMENT_BLOCK.breakers]),
};

const CLAUSE_KIND_BY_RULE: Partial<Record<ClauseRuleName, Ast.ClauseKind>> = {
  communityClause: "community",
  partiesClause: "parties",
  periodClause: "period",
  statusClause: "status",
  hospitalClause: "hospital",
  targetGroupClause: "targetGroups",
  purposeClause: "purpose",
  inputClause: "input",
  grantClause: "grant",
  savingClause: "saving",
  continuationClause: "continuation",
  indicatorClause: "indicator",
  decisionClause: "decision",
  personnelEffectClause: "personnelEffect",
  measurePurposesItem: "measurePurposes",
  positionItem: "position",
  descriptionItem: "description",
  horizonItem: "horizon",
  transferItem: "transfer",
  justificationItem: "justification",
};

/** The kind of block a `{` opens, for tools that need the context at a position (completion). */
export type BlockContext = "top" | "helsefellesskap" | "helseforetak" | "tilskudd" | "fordeling" | "avtale" | "tiltak" | "balanse";

export const BLOCK_ITEM_RULES: Readonly<Record<BlockContext, ReadonlyMap<TokenType, ClauseRuleName>>> = {
  top: new Map([
    [KW.helsefellesskap, "blockHeader"],
    [KW.sats, "rateDecl"],
    [KW.tilskudd, "blockHeader"],
    [KW.avtale, "blockHeader"],
  ]),
  helsefellesskap: new Map([
    [KW.region, "regionItem"],
    [KW.helseforetak, "blockHeader"],
    [KW.kommune, "municipalityItem"],
    [KW.gruppe, "groupItem"],
  ]),
  helseforetak: new Map([[KW.sykehus, "hospitalItem"]]),
  tilskudd: new Map([
    [KW.region, "regionItem"],
    [KW.ramme, "frameItem"],
    [KW.fordeling, "distributionHeader"],
  ]),
  fordeling: new Map([[Identifier, "distributionEntry"]]),
  avtale: AGREEMENT_ITEM_RULES,
  tiltak: MEASURE_ITEM_RULES,
  balanse: BALANCE_ITEM_RULES,
};

/** Keywords that end a block left open, per block kind (as the driver uses them; completion too). */
export const BLOCK_BREAKERS: Readonly<Record<BlockContext, ReadonlySet<TokenType>>> = {
  top: new Set(),
  helsefellesskap: COMMUNITY_BLOCK.breakers,
  helseforetak: HEALTH_TRUST_BLOCK.breakers,
  tilskudd: SCHEME_BLOCK.breakers,
  fordeling: DISTRIBUTION_BLOCK.breakers,
  avtale: AGREEMENT_BLOCK.breakers,
  tiltak: MEASURE_BLOCK.breakers,
  balanse: BALANCE_BLOCK.breakers,
};

// ------------------------------------------------------------------ the driver

const segmentEndsByBlock = new Map<BlockKind | undefined, Uint8Array>();

/**
 * The token types that end a flat segment in `block` (braces, its item
 * starts and breakers; at the top level the declaration starts), marked by
 * `tokenTypeIdx`: one array read per token instead of two or three Set lookups.
 */
function segmentEndTypes(block: BlockKind | undefined): Uint8Array {
  let ends = segmentEndsByBlock.get(block);
  if (ends === undefined) {
    ends = new Uint8Array(256);
    const types = [LCurly, RCurly, ...(block === undefined ? TOP_LEVEL_STARTS : [...block.itemStarts, ...block.breakers])];
    for (const type of types) ends[type.tokenTypeIdx!] = 1;
    segmentEndsByBlock.set(block, ends);
  }
  return ends;
}

class Driver {
  readonly problems: SyntaxProblem[] = [];
  private index = 0;
  /**
   * The segment handed to Chevrotain, refilled for each clause with token
   * objects built from the table. Chevrotain needs an array it may pad with
   * sentinels (it pushes and pops them); one reused array for all clauses.
   */
  private readonly segment: IToken[] = [];
  /** Number of tokens. */
  private readonly count: number;
  // The table's arrays, read directly (token i starts at offsets[2i], ends at
  // offsets[2i + 1]): a one-shot run parses mostly in the interpreter and
  // baseline code, where every call counts.
  private readonly types: Uint8Array;
  private readonly offsets: Int32Array;

  constructor(
    private readonly table: TokenTable,
    private readonly textLength: number,
    /** The hand-written rules for clean clauses (fastClauses.ts); Chevrotain alone when undefined. */
    private readonly fast: FastClauses | undefined,
  ) {
    this.count = table.length;
    this.types = table.types;
    this.offsets = table.offsets;
  }

  /** The type of the token at the current index, undefined at the end. */
  private peekType(): TokenType | undefined {
    return this.index < this.count ? typeByIndex[this.types[this.index]!]! : undefined;
  }

  /** The image of the token at the current index, undefined at the end. */
  private peekImage(): string | undefined {
    return this.index < this.count ? this.table.image(this.index) : undefined;
  }

  private endOfInput(): number {
    return this.textLength;
  }

  /** Index of the end of a flat segment starting at `from`: the next item start, breaker or brace. */
  private segmentEnd(from: number, block: BlockKind | undefined): number {
    const ends = segmentEndTypes(block);
    const types = this.table.types;
    const count = this.count;
    let j = from + 1;
    for (; j < count; j++) if (ends[types[j]!] === 1) break;
    return j;
  }

  /** Runs `rule` over tokens [from, to); reports the first problem. */
  private runRule<T>(rule: ClauseRuleName, from: number, to: number, context: string | undefined, block?: BlockKind): T | undefined {
    // A clean clause needs nothing of Chevrotain's; anything else goes to it.
    const fast = this.fast?.run(rule, this.table, from, to);
    if (fast !== undefined) return fast as T;
    // Built at the first clause that needs it: recording the grammar costs
    // milliseconds at every start, and clean files never need it.
    const parser = clauseParser();
    const segment = this.segment;
    segment.length = 0;
    for (let i = from; i < to; i++) segment.push(this.table.token(i));
    parser.input = segment;
    if (parser.ruleProblems.length > 0) parser.ruleProblems = [];
    const result = (parser[rule] as () => T)();
    const error: IRecognitionException | undefined = parser.errors[0];
    if (error !== undefined && error.name === "NotAllInputParsedException" && parser.ruleProblems.length === 0) {
      // The clause is complete; what follows it (often a misspelt keyword
      // starting the next clause) is reported on its own and skipped.
      const token = error.token;
      this.problems.push({
        kind: "strayToken",
        start: token.startOffset,
        end: tokenEnd(token),
        found: token.image,
        context,
        clauseKeywords: block ? keywordSpellings(block) : undefined,
      });
      return result;
    }
    if (error !== undefined) {
      this.reportRecognition(error, from, to, rule, context);
      return undefined;
    }
    const ruleProblem = parser.ruleProblems[0];
    if (ruleProblem !== undefined) {
      // The first token starting at the problem, as `find` over all tokens would give it.
      const at = this.table.indexAtOrAfter(ruleProblem.start);
      const found = at < this.count && this.offsets[2 * at]! === ruleProblem.start ? this.table.image(at) : undefined;
      this.problems.push({
        kind: "unexpected",
        start: ruleProblem.start,
        end: ruleProblem.end,
        found,
        expected: [ruleProblem.expected],
        context,
      });
      return undefined;
    }
    return result;
  }

  private reportRecognition(error: IRecognitionException, from: number, to: number, rule: ClauseRuleName, context: string | undefined): void {
    const token = error.token;
    const atEnd = token.tokenType.name === "EOF" || Number.isNaN(token.startOffset);
    let start: number;
    let end: number;
    if (atEnd) {
      // Point at the end of the segment's last token.
      const last = to - 1 < this.count && to - 1 >= 0 ? to - 1 : from;
      end = last < this.count ? this.offsets[2 * last + 1]! : this.endOfInput();
      start = Math.max(0, end);
    } else {
      start = token.startOffset;
      end = tokenEnd(token);
    }
    // What would have been accepted at the failing token (the segment holds this clause's tokens, from `from` on).
    const segment = this.segment;
    const consumed = atEnd ? to - from : segment.indexOf(token);
    const expected = expectedAt(rule, segment.slice(0, consumed < 0 ? to - from : consumed));
    this.problems.push({ kind: "unexpected", start, end, found: atEnd ? undefined : token.image, expected, context });
  }

  // -------------------------------------------------------------- file

  parseFile(): Ast.Declaration[] {
    const declarations: Ast.Declaration[] = [];
    while (this.index < this.count) {
      const type = typeByIndex[this.types[this.index]!]!;
      if (type === KW.sats) {
        const end = this.segmentEnd(this.index, undefined);
        const rate = this.runRule<Ast.RateDecl>("rateDecl", this.index, end, "sats", TOP_LEVEL_BLOCK);
        if (rate) declarations.push(rate);
        this.index = end;
        this.skipStrayBlock(undefined);
      } else if (type === KW.helsefellesskap || type === KW.tilskudd || type === KW.avtale) {
        const declaration = this.parseBlockDeclaration(type);
        if (declaration) declarations.push(declaration);
      } else {
        this.problems.push({
          kind: "unexpected",
          start: this.offsets[2 * this.index]!,
          end: this.offsets[2 * this.index + 1]!,
          found: this.table.image(this.index),
          expected: ["'helsefellesskap'", "'sats'", "'tilskudd'", "'avtale'"],
          context: undefined,
        });
        this.index++;
        this.skipToNext(undefined);
      }
    }
    return declarations;
  }

  /** After an error: skip tokens (whole blocks at a time) up to the next item start of `block`. */
  private skipToNext(block: BlockKind | undefined): void {
    const starts = block?.itemStarts ?? TOP_LEVEL_STARTS;
    while (this.index < this.count) {
      const type = typeByIndex[this.types[this.index]!]!;
      if (starts.has(type)) return;
      if (type === RCurly) {
        if (block) return;
        this.index++;
        continue;
      }
      if (block?.breakers.has(type)) return;
      if (type === LCurly) {
        this.skipBalanced();
        continue;
      }
      this.index++;
    }
  }

  /** Skips a `{ … }` at the current index, nested braces included. */
  private skipBalanced(): void {
    let depth = 0;
    while (this.index < this.count) {
      const type = typeByIndex[this.types[this.index]!]!;
      this.index++;
      if (type === LCurly) depth++;
      else if (type === RCurly && --depth === 0) return;
    }
  }

  /** A `{` where the grammar has none (after `sats …`, say): reported, skipped whole. */
  private skipStrayBlock(context: string | undefined): void {
    if (this.peekType() !== LCurly) return;
    this.problems.push({ kind: "strayToken", start: this.offsets[2 * this.index]!, end: this.offsets[2 * this.index + 1]!, found: "{", context });
    this.skipBalanced();
  }

  /** The index of the `{` at the current index, consumed; -1 (nothing consumed) if there is none. */
  private takeOpen(): number {
    if (this.peekType() !== LCurly) return -1;
    return this.index++;
  }

  /** Header tokens up to (not including) the `{`, then the block (`open`: the `{`'s index, or -1). */
  private parseHeaderAndBlock(block: BlockKind, parentBlock: BlockKind | undefined): {
    header: { name: Ast.Name; title: Ast.StringLit };
    open: number;
  } {
    const headerStart = this.index;
    const end = this.segmentEnd(this.index, parentBlock);
    const parsed = this.runRule<{ name: Ast.Name; title: Ast.StringLit }>("blockHeader", headerStart, end, block.name);
    const header = parsed ?? this.salvageHeader(headerStart, end);
    this.index = end;
    const open = this.takeOpen();
    if (open < 0 && parsed) {
      const at = end - 1 < this.count ? end - 1 : headerStart;
      this.problems.push({
        kind: "unexpected",
        start: this.offsets[2 * at + 1]!,
        end: this.offsets[2 * at + 1]!,
        found: this.peekImage(),
        expected: ["'{'"],
        context: block.name,
      });
    }
    return { header, open };
  }

  /** A header that did not parse still gives the block a name, so its body is analysed. */
  private salvageHeader(from: number, to: number): { name: Ast.Name; title: Ast.StringLit } {
    let name: Ast.Name | undefined;
    let title: Ast.StringLit | undefined;
    const table = this.table;
    for (let j = from + 1; j < to; j++) {
      const type = typeByIndex[this.types[j]!]!;
      if (!name && type === Identifier) {
        name = { start: this.offsets[2 * j]!, end: this.offsets[2 * j + 1]!, text: interned(normalizeName(table.image(j))) };
      }
      if (!title && type === StringLiteral) {
        title = { start: this.offsets[2 * j]!, end: this.offsets[2 * j + 1]!, value: table.image(j).slice(1, -1) };
      }
    }
    const after = this.offsets[2 * from + 1]!;
    return {
      name: name ?? { start: after, end: after, text: "" },
      title: title ?? { start: after, end: after, value: "" },
    };
  }

  /**
   * Parses items until the block's `}` (consumed) or a breaker / end of input
   * (reported as an unclosed block). `open` is the index of the block's `{`.
   * Returns the offset where the block ends.
   */
  private parseItems(block: BlockKind, open: number, item: (type: TokenType) => boolean): number {
    const table = this.table;
    for (;;) {
      if (this.index >= this.count) {
        this.problems.push({ kind: "unclosedBlock", start: this.offsets[2 * open]!, end: this.offsets[2 * open + 1]!, context: block.name });
        return this.endOfInput();
      }
      const type = typeByIndex[this.types[this.index]!]!;
      if (type === RCurly) {
        const close = this.index++;
        return this.offsets[2 * close + 1]!;
      }
      if (block.breakers.has(type) && !block.itemStarts.has(type)) {
        this.problems.push({ kind: "unclosedBlock", start: this.offsets[2 * open]!, end: this.offsets[2 * open + 1]!, context: block.name });
        return this.index > 0 ? this.offsets[2 * (this.index - 1) + 1]! : this.offsets[2 * this.index]!;
      }
      if (block.itemStarts.has(type) && item(type)) continue;
      // Not an item start: report once and skip to the next item.
      this.problems.push({
        kind: "unexpected",
        start: this.offsets[2 * this.index]!,
        end: this.offsets[2 * this.index + 1]!,
        found: table.image(this.index),
        expected: expectedItemStarts(block),
        context: block.name,
      });
      this.index++;
      this.skipToNext(block);
    }
  }

  private parseBlockDeclaration(type: TokenType): Ast.Declaration | undefined {
    const start = this.offsets[2 * this.index]!;
    if (type === KW.helsefellesskap) return this.parseCommunity(start);
    if (type === KW.tilskudd) return this.parseScheme(start);
    return this.parseAgreement(start);
  }

  /** The image of the last token of the segment ending before `segmentEnd`, if any. */
  private lastImage(segmentEnd: number): string | undefined {
    const last = segmentEnd - 1;
    return last >= 0 && last < this.count ? this.table.image(last) : undefined;
  }

  private parseCommunity(start: number): Ast.CommunityDecl {
    const { header, open } = this.parseHeaderAndBlock(COMMUNITY_BLOCK, undefined);
    const items: Ast.CommunityItem[] = [];
    let end = header.title.end;
    let body: Ast.Span = { start: end, end };
    if (open >= 0) {
      end = this.parseItems(COMMUNITY_BLOCK, open, (type) => {
        if (type === KW.helseforetak) {
          items.push(this.parseHealthTrust());
          return true;
        }
        const rule = BLOCK_ITEM_RULES.helsefellesskap.get(type)!;
        const segmentEnd = this.segmentEnd(this.index, COMMUNITY_BLOCK);
        const parsed = this.runRule<Ast.CommunityItem>(rule, this.index, segmentEnd, this.table.image(this.index), COMMUNITY_BLOCK);
        if (parsed) items.push(parsed);
        this.index = segmentEnd;
        this.skipStrayBlock(this.lastImage(segmentEnd));
        return true;
      });
      body = { start: this.offsets[2 * open]!, end };
    }
    return { kind: "community", name: header.name, title: header.title, items: fitted(items), body, start, end };
  }

  private parseHealthTrust(): Ast.HealthTrustDecl {
    const start = this.offsets[2 * this.index]!;
    // The block is optional here: `helseforetak X "…"` alone is complete.
    const headerEnd = this.segmentEnd(this.index, COMMUNITY_BLOCK);
    const parsed = this.runRule<{ name: Ast.Name; title: Ast.StringLit }>("blockHeader", this.index, headerEnd, "helseforetak");
    const header = parsed ?? this.salvageHeader(this.index, headerEnd);
    this.index = headerEnd;
    const hospitals: Ast.HospitalDecl[] = [];
    let end = header.title.end;
    let body: Ast.Span | undefined;
    const open = this.takeOpen();
    if (open >= 0) {
      end = this.parseItems(HEALTH_TRUST_BLOCK, open, () => {
        const segmentEnd = this.segmentEnd(this.index, HEALTH_TRUST_BLOCK);
        const hospital = this.runRule<Ast.HospitalDecl>("hospitalItem", this.index, segmentEnd, "sykehus", HEALTH_TRUST_BLOCK);
        if (hospital) hospitals.push(hospital);
        this.index = segmentEnd;
        this.skipStrayBlock("sykehus");
        return true;
      });
      body = { start: this.offsets[2 * open]!, end };
    }
    return { kind: "healthTrust", name: header.name, title: header.title, hospitals: fitted(hospitals), body, start, end };
  }

  private parseScheme(start: number): Ast.SchemeDecl {
    const { header, open } = this.parseHeaderAndBlock(SCHEME_BLOCK, undefined);
    const items: Ast.SchemeItem[] = [];
    let end = header.title.end;
    let body: Ast.Span = { start: end, end };
    if (open >= 0) {
      end = this.parseItems(SCHEME_BLOCK, open, (type) => {
        if (type === KW.fordeling) {
          const distribution = this.parseDistribution();
          if (distribution) items.push(distribution);
          return true;
        }
        const rule = BLOCK_ITEM_RULES.tilskudd.get(type)!;
        const segmentEnd = this.segmentEnd(this.index, SCHEME_BLOCK);
        const parsed = this.runRule<Ast.SchemeItem>(rule, this.index, segmentEnd, this.table.image(this.index), SCHEME_BLOCK);
        if (parsed) items.push(parsed);
        this.index = segmentEnd;
        this.skipStrayBlock(this.lastImage(segmentEnd));
        return true;
      });
      body = { start: this.offsets[2 * open]!, end };
    }
    return { kind: "scheme", name: header.name, title: header.title, items: fitted(items), body, start, end };
  }

  private parseDistribution(): Ast.DistributionItem | undefined {
    const keyword = this.index;
    const headerEnd = this.segmentEnd(this.index, SCHEME_BLOCK);
    const ok = this.runRule<Ast.Span>("distributionHeader", this.index, headerEnd, "fordeling");
    this.index = headerEnd;
    const open = this.takeOpen();
    if (open < 0) {
      if (ok) {
        this.problems.push({
          kind: "unexpected",
          start: this.offsets[2 * keyword + 1]!,
          end: this.offsets[2 * keyword + 1]!,
          found: this.peekImage(),
          expected: ["'{'"],
          context: "fordeling",
        });
      }
      return undefined;
    }
    const entries: Ast.DistributionEntry[] = [];
    const end = this.parseItems(DISTRIBUTION_BLOCK, open, () => {
      const segmentEnd = this.segmentEnd(this.index, DISTRIBUTION_BLOCK);
      const entry = this.runRule<Ast.DistributionEntry>("distributionEntry", this.index, segmentEnd, "fordeling");
      if (entry) entries.push(entry);
      this.index = segmentEnd;
      this.skipStrayBlock("fordeling");
      return true;
    });
    return { kind: "distribution", entries: fitted(entries), body: { start: this.offsets[2 * open]!, end }, start: this.offsets[2 * keyword]!, end };
  }

  private parseAgreement(start: number): Ast.AgreementDecl {
    const { header, open } = this.parseHeaderAndBlock(AGREEMENT_BLOCK, undefined);
    const clauses: Ast.AgreementClause[] = [];
    let end = header.title.end;
    let body: Ast.Span = { start: end, end };
    if (open >= 0) {
      end = this.parseItems(AGREEMENT_BLOCK, open, (type) => {
        if (type === KW.tiltak) clauses.push(this.parseMeasure());
        else if (type === KW.balanse) clauses.push(this.parseBalance());
        else clauses.push(this.parseFlatClause(AGREEMENT_ITEM_RULES.get(type)!, AGREEMENT_BLOCK));
        return true;
      });
      body = { start: this.offsets[2 * open]!, end };
    }
    return { kind: "agreement", name: header.name, title: header.title, clauses: fitted(clauses), body, start, end };
  }

  /** One clause; on failure an IncompleteClause covering the segment. */
  private parseFlatClause<T extends Ast.AgreementClause | Ast.MeasureItem | Ast.BalanceItem>(
    rule: ClauseRuleName,
    block: BlockKind,
  ): T | Ast.IncompleteClause {
    const keyword = this.index;
    const context = normalizeName(this.table.image(keyword));
    const segmentEnd = this.segmentEnd(this.index, block);
    const parsed = this.runRule<T>(rule, this.index, segmentEnd, context, block);
    const last = segmentEnd - 1;
    this.index = segmentEnd;
    this.skipStrayBlock(context);
    if (parsed) return parsed;
    return {
      kind: "incomplete",
      clauseKind: CLAUSE_KIND_BY_RULE[rule]!,
      keywordEnd: this.offsets[2 * keyword + 1]!,
      start: this.offsets[2 * keyword]!,
      end: this.offsets[2 * last + 1]!,
    };
  }

  private parseMeasure(): Ast.MeasureClause | Ast.IncompleteClause {
    const keyword = this.index;
    const keywordEnd = this.offsets[2 * keyword + 1]!;
    const headerEnd = this.segmentEnd(this.index, AGREEMENT_BLOCK);
    const parsed = this.runRule<{ name: Ast.Name; title: Ast.StringLit }>("blockHeader", this.index, headerEnd, "tiltak");
    this.index = headerEnd;
    const open = this.takeOpen();
    if (open < 0) {
      if (parsed) {
        this.problems.push({
          kind: "unexpected",
          start: parsed.title.end,
          end: parsed.title.end,
          found: this.peekImage(),
          expected: ["'{'"],
          context: "tiltak",
        });
      }
      return { kind: "incomplete", clauseKind: "measure", keywordEnd, start: this.offsets[2 * keyword]!, end: this.offsets[2 * (headerEnd - 1) + 1]! };
    }
    const items: Ast.MeasureItem[] = [];
    const end = this.parseItems(MEASURE_BLOCK, open, (type) => {
      items.push(this.parseFlatClause<Ast.MeasureItem>(MEASURE_ITEM_RULES.get(type)!, MEASURE_BLOCK));
      return true;
    });
    const header = parsed ?? this.salvageHeader(keyword, headerEnd);
    return {
      kind: "measure",
      keywordEnd,
      name: header.name,
      title: header.title,
      items: fitted(items),
      body: { start: this.offsets[2 * open]!, end },
      start: this.offsets[2 * keyword]!,
      end,
    };
  }

  private parseBalance(): Ast.BalanceClause | Ast.IncompleteClause {
    const keyword = this.index;
    const keywordEnd = this.offsets[2 * keyword + 1]!;
    const headerEnd = this.segmentEnd(this.index, AGREEMENT_BLOCK);
    const ok = this.runRule<Ast.Span>("balanceHeader", this.index, headerEnd, "balanse");
    this.index = headerEnd;
    const open = this.takeOpen();
    if (open < 0) {
      if (ok) {
        this.problems.push({ kind: "unexpected", start: keywordEnd, end: keywordEnd, found: this.peekImage(), expected: ["'{'"], context: "balanse" });
      }
      return { kind: "incomplete", clauseKind: "balance", keywordEnd, start: this.offsets[2 * keyword]!, end: keywordEnd };
    }
    const items: Ast.BalanceItem[] = [];
    const end = this.parseItems(BALANCE_BLOCK, open, (type) => {
      items.push(this.parseFlatClause<Ast.BalanceItem>(BALANCE_ITEM_RULES.get(type)!, BALANCE_BLOCK));
      return true;
    });
    return { kind: "balance", keywordEnd, items: fitted(items), body: { start: this.offsets[2 * open]!, end }, start: this.offsets[2 * keyword]!, end };
  }
}

const TOP_LEVEL_BLOCK: BlockKind = { name: "fil", itemStarts: TOP_LEVEL_STARTS, breakers: new Set() };

/** The keywords that start an item of `block`, as written. */
function keywordSpellings(block: BlockKind): string[] {
  return [...block.itemStarts].map((t) => (t.LABEL ?? t.name).replace(/^'(.*)'$/, "$1"));
}

function expectedItemStarts(block: BlockKind): string[] {
  if (block === DISTRIBUTION_BLOCK) return ["name"];
  return [...block.itemStarts].map((t) => t.LABEL ?? t.name).concat("'}'");
}

/**
 * Content assist depends only on the rule and the token types before the
 * error, and is costly (it walks the grammar): a file with thousands of the
 * same broken clause asks the same question thousands of times. Bounded.
 */
const expectedCache = new Map<string, readonly string[]>();
const EXPECTED_CACHE_SIZE = 1000;

/** Token labels Chevrotain would accept after `preceding` in `rule`. */
export function expectedAt(rule: ClauseRuleName, preceding: IToken[]): string[] {
  let key = rule;
  for (const token of preceding) key += "," + token.tokenTypeIdx;
  const cached = expectedCache.get(key);
  if (cached) return [...cached];
  const labels = computeExpected(rule, preceding);
  if (expectedCache.size >= EXPECTED_CACHE_SIZE) expectedCache.delete(expectedCache.keys().next().value!);
  expectedCache.set(key, labels);
  return [...labels];
}

function computeExpected(rule: ClauseRuleName, preceding: IToken[]): string[] {
  const suggestions = clauseParser().computeContentAssist(rule, preceding);
  const labels = new Set<string>();
  for (const suggestion of suggestions) {
    const type = suggestion.nextTokenType;
    // A year is asked for by the rule that consumes it; say so.
    const ruleStack = suggestion.ruleStack;
    if (ruleStack[ruleStack.length - 1] === "year") labels.add("year");
    else labels.add(type.LABEL ?? type.name);
  }
  return [...labels];
}

export interface ParseOptions {
  /**
   * The hand-written lexer and clause rules for clean input (default). Off,
   * Chevrotain does all of it: the reference tests/fast-paths.test.ts
   * compares against. The result is the same either way.
   */
  readonly fastPaths?: boolean;
}

let fastClauses: FastClauses | undefined;

export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const fastPaths = options.fastPaths ?? true;
  const problems: SyntaxProblem[] = [];
  // The hand-written lexer writes the token table directly; where it gives up
  // (and without the fast paths) Chevrotain's tokens are copied into one.
  const fast = fastPaths ? lexTable(text) : undefined;
  let table: TokenTable;
  let comments: IToken[];
  if (fast !== undefined) {
    table = fast.table;
    comments = fast.comments;
  } else {
    const lexed = lexWithChevrotain(text);
    for (const problem of lexed.problems) {
      problems.push({ kind: "unknownCharacter", start: problem.start, end: problem.end, text: problem.text });
    }
    table = TokenTable.of(text, lexed.tokens);
    comments = lexed.comments;
  }
  // Unterminated strings stay in the token stream (the clause fails on them);
  // say what is really wrong as well.
  const placeholders: Ast.Span[] = [];
  const types = table.types;
  /** The first `<` at or after the last string's start (`text.length` if none): a string without one holds no placeholder. */
  let less = -1;
  for (let i = 0; i < types.length; i++) {
    const type = types[i]!;
    if (type === PLACEHOLDER) {
      placeholders.push({ start: table.start(i), end: table.end(i) });
    } else if (type === STRING_LITERAL) {
      const start = table.start(i);
      if (less < start) {
        less = text.indexOf("<", start);
        if (less < 0) less = text.length;
      }
      if (less < table.end(i) && hasPlaceholderSegment(table.image(i))) placeholders.push({ start, end: table.end(i) });
    } else if (type === UNTERMINATED_STRING) {
      problems.push({ kind: "unterminatedString", start: table.start(i), end: table.end(i) });
    }
  }
  for (const comment of comments) {
    if (comment.tokenType === UnterminatedBlockComment) {
      problems.push({ kind: "unterminatedComment", start: comment.startOffset, end: comment.startOffset + 2 });
    }
  }
  const driver = new Driver(table, text.length, fastPaths ? (fastClauses ??= new FastClauses()) : undefined);
  const declarations = driver.parseFile();
  // Not `push(...driver.problems)`: a spread of 125 000 problems overflows the stack.
  for (const problem of driver.problems) problems.push(problem);
  problems.sort((a, b) => a.start - b.start);
  return new ParsedFile({ declarations: fitted(declarations), start: 0, end: text.length }, table, fitted(comments), settled(dedupeProblems(problems)), settled(placeholders));
}

class ParsedFile implements ParseResult {
  constructor(
    readonly file: Ast.FileNode,
    private readonly table: TokenTable,
    readonly comments: readonly IToken[],
    readonly problems: readonly SyntaxProblem[],
    readonly placeholders: readonly Ast.Span[],
  ) {}

  get tokens(): readonly IToken[] {
    return this.table.tokens();
  }

  tokensOfTypes(types: ReadonlySet<TokenType>): IToken[] {
    return this.table.ofTypes(types);
  }

  firstTokenAtOrAfter(offset: number): IToken | undefined {
    return this.table.firstAtOrAfter(offset);
  }
}

// Each lives for one parse (see hiddenClasses.ts).
keepHiddenClass(new Driver(new TokenTable("", 0), 0, undefined));
keepHiddenClass(new ParsedFile({ declarations: [], start: 0, end: 0 }, new TokenTable("", 0), [], [], []));

/** An unterminated string also breaks its clause; one message at a place is enough. */
function dedupeProblems(problems: SyntaxProblem[]): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  for (const problem of problems) {
    const previous = out[out.length - 1];
    if (previous && previous.start === problem.start && previous.kind === "unterminatedString") continue;
    out.push(problem);
  }
  return out;
}
