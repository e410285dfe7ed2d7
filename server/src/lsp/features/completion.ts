/**
 * Completion: what may come at the cursor, taken from the parser's own
 * expectations rather than a fixed list.
 *
 * The tokens before the cursor are replayed through a small model of the
 * structural driver (blocks by braces, clause segments by each block's item
 * keywords, blocks left open closed at their breakers). At the start of a
 * clause the block's item keywords (and snippets) are offered; inside one,
 * Chevrotain's `computeContentAssist` on the clause's rule says which tokens
 * may follow, and each token type is mapped to completions: keywords, the
 * members of a keyword category, or names of the kind the position expects.
 */
import type { IToken, TokenType } from "chevrotain";
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type MarkupContent,
  type Range,
} from "vscode-languageserver";
import type * as Ast from "../../../../grammar/src/ast.js";
import { clauseParser, tokenEnd, type ClauseRuleName } from "../../../../grammar/src/clauses.js";
import { normalizeName } from "../../../../grammar/src/lexer.js";
import { BLOCK_BREAKERS, BLOCK_ITEM_RULES, type BlockContext } from "../../../../grammar/src/parser.js";
import {
  BodyKeyword,
  CurrencyKeyword,
  EffectKeyword,
  HospitalKindKeyword,
  Identifier,
  KW,
  keywordsBySpelling,
  keywordTokens,
  LCurly,
  OutcomeKeyword,
  RCurly,
  Star,
  StatusKeyword,
  UnitKeyword,
} from "../../../../grammar/src/tokens.js";
import { formatKr, type Declared, type Locale, type SourceFile } from "../../analysis/index.js";
import {
  GROUP_SOURCE,
  HOSPITAL_KIND_TEXT,
  NATIONAL_GROUPS,
  PURPOSES,
  SMALL_HOSPITAL_KINDS,
  WORDINGS,
} from "../../analysis/prelude.js";
import type { FeatureContext } from "./api.js";
import { agreementAnalysis, agreementAt, membersOf } from "./indexes.js";
import { inStringOrComment, tokenIndexBefore } from "./locate.js";
import { SNIPPETS } from "./snippets.js";
import { clampOffset, guard, say } from "./util.js";

// ------------------------------------------------------------------ keyword tables

const SPELLING = new Map<TokenType, string>();
for (const [spelling, type] of keywordsBySpelling) SPELLING.set(type, spelling);
const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(keywordTokens);

/** Members of the keyword categories (`UnitKeyword` → døgn, årsverk, …). */
const CATEGORY_MEMBERS = new Map<TokenType, string[]>();
for (const category of [UnitKeyword, BodyKeyword, StatusKeyword, HospitalKindKeyword, EffectKeyword, OutcomeKeyword, CurrencyKeyword]) {
  const members: string[] = [];
  for (const type of keywordTokens) {
    if (type.CATEGORIES?.includes(category)) members.push(SPELLING.get(type)!);
  }
  CATEGORY_MEMBERS.set(category, members);
}

const KEYWORD_HELP: Readonly<Record<string, { nb: string; en: string }>> = {
  helsefellesskap: { nb: "Helsefellesskapet avtalen hører til", en: "The helsefellesskap the agreement belongs to" },
  parter: { nb: "Partene: helseforetak og kommuner", en: "The parties: health trusts and municipalities" },
  periode: { nb: "Avtaleperioden, f.eks. 2025 til 2027", en: "The agreement period, e.g. 2025 til 2027" },
  status: { nb: "utkast, til-behandling eller vedtatt", en: "utkast, til-behandling or vedtatt" },
  sykehus: { nb: "Sykehuset hvis opptaksområde tiltaket betjener", en: "The hospital whose catchment area the measure serves" },
  målgruppe: { nb: "Prioriterte pasientgrupper", en: "Priority patient groups" },
  formål: { nb: "Hvordan tiltaket understøtter tilskuddets formål", en: "How the measure supports the grant's purpose" },
  tiltak: { nb: "Et tiltak med formål og stillinger", en: "A measure with purposes and positions" },
  innsats: { nb: "Partens egen innsats", en: "A party's own input" },
  tilskudd: { nb: "Tilskudd fra en tilskuddsordning", en: "A grant from a scheme" },
  besparelse: { nb: "Fremtidig besparelse for en part", en: "A future saving for a party" },
  balanse: { nb: "Horisont, overføringer og begrunnelse", en: "Horizon, transfers and justification" },
  videreføring: { nb: "Hvordan tiltaket videreføres når tilskuddet tar slutt", en: "How the measure goes on when the grant ends" },
  indikator: { nb: "Hvordan effekten følges opp", en: "How the effect is followed up" },
  behandling: { nb: "Behandling i partens beslutningsorgan", en: "Treatment by a party's decision body" },
  personelleffekt: { nb: "Om tiltaket sparer, holder uendret eller krever mer personell", en: "Whether the measure saves, keeps or needs more personnel" },
};

// ------------------------------------------------------------------ the block model

interface Frame {
  readonly block: BlockContext | "unknown";
  /** Index of the token that starts the current clause; -1 at the start of a clause. */
  clauseStart: number;
}

/** Keywords that cannot occur inside a block: a missing `}` is assumed before them (the parser's own sets). */
const BREAKERS: Readonly<Record<BlockContext | "unknown", ReadonlySet<TokenType>>> = { ...BLOCK_BREAKERS, unknown: new Set() };

function itemRules(block: BlockContext | "unknown"): ReadonlyMap<TokenType, ClauseRuleName> {
  return block === "unknown" ? new Map() : BLOCK_ITEM_RULES[block];
}

/** The block a `{` opens after a clause starting with `starter` in `block`. */
function childBlock(block: BlockContext | "unknown", starter: TokenType | undefined): BlockContext | "unknown" {
  if (block === "top") {
    if (starter === KW.helsefellesskap) return "helsefellesskap";
    if (starter === KW.tilskudd) return "tilskudd";
    if (starter === KW.avtale) return "avtale";
  } else if (block === "helsefellesskap" && starter === KW.helseforetak) return "helseforetak";
  else if (block === "tilskudd" && starter === KW.fordeling) return "fordeling";
  else if (block === "avtale" && starter === KW.tiltak) return "tiltak";
  else if (block === "avtale" && starter === KW.balanse) return "balanse";
  return "unknown";
}

/** The block and clause segment at the end of `tokens` (the tokens before the cursor). */
export function contextAt(tokens: readonly IToken[], count: number): Frame {
  const stack: Frame[] = [{ block: "top", clauseStart: -1 }];
  for (let i = 0; i < count; i++) {
    const type = tokens[i]!.tokenType;
    let frame = stack[stack.length - 1]!;
    // A block left open ends at a keyword that cannot occur inside it.
    while (stack.length > 1 && BREAKERS[frame.block].has(type) && !itemRules(frame.block).has(type)) {
      stack.pop();
      frame = stack[stack.length - 1]!;
      frame.clauseStart = -1;
    }
    if (type === LCurly) {
      const starter = frame.clauseStart >= 0 ? tokens[frame.clauseStart]!.tokenType : undefined;
      stack.push({ block: childBlock(frame.block, starter), clauseStart: -1 });
      continue;
    }
    if (type === RCurly) {
      if (stack.length > 1) stack.pop();
      stack[stack.length - 1]!.clauseStart = -1;
      continue;
    }
    if (frame.block === "unknown") continue;
    if (itemRules(frame.block).has(type)) frame.clauseStart = i;
  }
  return stack[stack.length - 1]!;
}

// ------------------------------------------------------------------ names

type NameSlot = "community" | "party" | "hospital" | "group" | "purpose" | "measurePurpose" | "rate" | "scheme" | "none";

function slotFor(rule: ClauseRuleName, ruleStack: readonly string[]): NameSlot {
  if (ruleStack.includes("value")) return "rate";
  switch (rule) {
    case "communityClause":
    case "distributionEntry":
      return "community";
    case "partiesClause":
    case "inputClause":
    case "savingClause":
    case "decisionClause":
    case "transferItem":
    case "positionItem":
      return "party";
    case "grantClause":
      return ruleStack.includes("share") ? "party" : "scheme";
    case "hospitalClause":
      return "hospital";
    case "targetGroupClause":
      return "group";
    case "purposeClause":
      return "purpose";
    case "measurePurposesItem":
      return "measurePurpose";
    default:
      return "none";
  }
}

interface Completer {
  readonly ctx: FeatureContext;
  readonly locale: Locale;
  readonly range: Range;
  readonly file: SourceFile;
  readonly offset: number;
  readonly items: Map<string, CompletionItem>;
  /** Names already written in the list at the cursor (not offered again). */
  readonly written: Set<string>;
}

function add(c: Completer, item: CompletionItem, sortGroup: number): void {
  const key = `${item.kind ?? 0}:${item.label}`;
  if (c.items.has(key)) return;
  c.items.set(key, {
    ...item,
    sortText: `${sortGroup}${item.sortText ?? item.label}`,
    textEdit: { range: c.range, newText: item.insertText ?? item.label },
    insertText: undefined,
  });
}

function markdown(value: string): MarkupContent {
  return { kind: MarkupKind.Markdown, value };
}

function addKeyword(c: Completer, spelling: string, sortGroup: number): void {
  const help = KEYWORD_HELP[spelling];
  add(c, { label: spelling, kind: CompletionItemKind.Keyword, detail: help ? help[c.locale] : undefined }, sortGroup);
}

function declaredItem(c: Completer, declared: Declared, kind: CompletionItemKind, detail: string, sortGroup: number): void {
  if (c.written.has(declared.name.text)) return;
  add(c, { label: declared.name.text, kind, detail }, sortGroup);
}

/** The helsefellesskap of the agreement around the cursor, if it names one. */
function communityAtCursor(c: Completer): Ast.CommunityDecl | undefined {
  const node = agreementAt(c.file, c.offset);
  if (!node) return undefined;
  const analysed = agreementAnalysis(c.ctx.analysis, c.file.uri, node);
  if (analysed?.resolved.community) return analysed.resolved.community.node;
  for (const clause of node.clauses) {
    if (clause.kind === "community") return c.ctx.analysis.symbols.first("community", clause.ref.text)?.node;
  }
  return undefined;
}

function partiesAtCursor(c: Completer): ReadonlySet<string> {
  const node = agreementAt(c.file, c.offset);
  const out = new Set<string>();
  if (!node) return out;
  for (const clause of node.clauses) if (clause.kind === "parties") for (const ref of clause.refs) out.add(ref.text);
  return out;
}

function addNames(c: Completer, slot: NameSlot, precedingUnit: string | undefined): void {
  const { symbols } = c.ctx.analysis;
  const locale = c.locale;
  switch (slot) {
    case "community":
      for (const d of symbols.all("community")) {
        if (d.kind === "community") declaredItem(c, d, CompletionItemKind.Module, d.node.title.value, 1);
      }
      return;
    case "party": {
      const community = communityAtCursor(c);
      const parties = partiesAtCursor(c);
      const trusts = community ? membersOf(c.ctx.analysis, community).healthTrusts : symbols.all("healthTrust");
      const municipalities = community ? membersOf(c.ctx.analysis, community).municipalities : symbols.all("municipality");
      for (const d of trusts) {
        const group = parties.has(d.name.text) ? 0 : 1;
        declaredItem(c, d, CompletionItemKind.Class, `${say(locale, "helseforetak", "health trust")} – ${d.node.kind === "healthTrust" ? d.node.title.value : ""}`, group);
      }
      for (const d of municipalities) {
        const group = parties.has(d.name.text) ? 0 : 1;
        declaredItem(c, d, CompletionItemKind.Module, `${say(locale, "kommune", "municipality")} – ${d.node.kind === "municipality" ? d.node.title.value : ""}`, group);
      }
      return;
    }
    case "hospital": {
      const community = communityAtCursor(c);
      for (const d of symbols.all("hospital")) {
        if (d.kind !== "hospital") continue;
        const kind = HOSPITAL_KIND_TEXT[d.node.hospitalKind.value]?.[locale] ?? d.node.hospitalKind.value;
        const small = SMALL_HOSPITAL_KINDS.has(d.node.hospitalKind.value);
        const group = community === undefined || d.community === community ? 1 : 3;
        declaredItem(
          c,
          d,
          CompletionItemKind.Struct,
          `${d.node.title.value} – ${kind}${small ? say(locale, " (et av de minste sykehusene)", " (one of the smallest hospitals)") : ""}`,
          group,
        );
      }
      return;
    }
    case "group": {
      for (const group of NATIONAL_GROUPS) {
        if (c.written.has(group.id)) continue;
        add(
          c,
          {
            label: group.id,
            kind: CompletionItemKind.EnumMember,
            detail: say(locale, `nasjonal prioritert gruppe – ${group.nb}`, `national priority group – ${group.en}`),
            documentation: markdown(`**${group.nb}**${locale === "en" ? ` (${group.en})` : ""}\n\n${say(locale, "Kilde", "Source")}: ${GROUP_SOURCE}`),
          },
          1,
        );
      }
      const community = communityAtCursor(c);
      const locals = community ? membersOf(c.ctx.analysis, community).groups : symbols.all("group");
      for (const d of locals) {
        if (d.kind === "group") declaredItem(c, d, CompletionItemKind.EnumMember, `${say(locale, "lokal målgruppe", "local target group")} – ${d.node.title.value}`, 2);
      }
      return;
    }
    case "purpose":
    case "measurePurpose": {
      let stated: readonly string[] = [];
      if (slot === "measurePurpose") {
        const node = agreementAt(c.file, c.offset);
        const analysed = node ? agreementAnalysis(c.ctx.analysis, c.file.uri, node) : undefined;
        stated = analysed?.resolved.purposes ?? [];
      }
      for (const purpose of PURPOSES) {
        if (c.written.has(purpose.id)) continue;
        const wording = WORDINGS[purpose.wording];
        add(
          c,
          {
            label: purpose.id,
            kind: CompletionItemKind.EnumMember,
            detail: say(locale, `formål – ${purpose.nb}`, `purpose – ${purpose.en}`),
            documentation: markdown(
              `**${say(locale, purpose.nb, purpose.en)}**\n\n${say(locale, "Offisiell ordlyd", "Official wording")} (${wording.id}):\n\n> «${wording.text}»\n\n${say(locale, "Kilde", "Source")}: ${wording.source}`,
            ),
          },
          stated.includes(purpose.id) ? 0 : 1,
        );
      }
      return;
    }
    case "rate":
      for (const d of symbols.all("rate")) {
        if (d.kind !== "rate") continue;
        const unit = d.node.unit.unit;
        const group = precedingUnit === undefined || precedingUnit === unit ? 1 : 3;
        declaredItem(c, d, CompletionItemKind.Constant, `${formatKr(d.node.price.amount, locale)} per ${unit} – ${d.node.title.value}`, group);
      }
      return;
    case "scheme":
      for (const d of symbols.all("scheme")) {
        if (d.kind === "scheme") declaredItem(c, d, CompletionItemKind.Interface, d.node.title.value, 1);
      }
      return;
    case "none":
      return;
  }
}

// ------------------------------------------------------------------ snippets and clause starts

function addSnippets(c: Completer, block: BlockContext): void {
  if (c.ctx.offerSnippets === false) return;
  for (const snippet of SNIPPETS) {
    if (!snippet.blocks.includes(block)) continue;
    add(
      c,
      {
        label: snippet.name,
        kind: CompletionItemKind.Snippet,
        insertTextFormat: InsertTextFormat.Snippet,
        insertText: snippet.body,
        filterText: snippet.prefix,
        detail: say(c.locale, "Mal", "Snippet"),
        documentation: markdown(`${c.locale === "en" ? snippet.en : snippet.nb}\n\n\`\`\`hfa\n${snippet.body.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1").replace(/\$\{\d+:([^}]*)\}/g, "$1").replace(/\$\d+/g, "")}\n\`\`\``),
      },
      5,
    );
  }
}

function addClauseStarts(c: Completer, block: BlockContext | "unknown", sortGroup: number): void {
  if (block === "unknown") return;
  if (block === "fordeling") {
    addNames(c, "community", undefined);
    return;
  }
  for (const type of BLOCK_ITEM_RULES[block].keys()) {
    const spelling = SPELLING.get(type);
    if (spelling) addKeyword(c, spelling, sortGroup);
  }
  addSnippets(c, block);
}

type Suggestion = { readonly nextTokenType: TokenType; readonly ruleStack: readonly string[] };

/** Content assist depends only on the rule and the token types before the cursor: cached (bounded). */
const assistCache = new Map<string, readonly Suggestion[]>();

function contentAssist(rule: ClauseRuleName, tokens: IToken[]): readonly Suggestion[] {
  const key = `${rule}:${tokens.map((t) => t.tokenTypeIdx).join(",")}`;
  let found = assistCache.get(key);
  if (!found) {
    found = clauseParser()
      .computeContentAssist(rule, tokens)
      .map((s) => ({ nextTokenType: s.nextTokenType, ruleStack: [...s.ruleStack] }));
    if (assistCache.size >= 2000) assistCache.delete(assistCache.keys().next().value!);
    assistCache.set(key, found);
  }
  return found;
}

/** Runs `rule` over the clause tokens: true when they form a whole clause. */
function clauseComplete(rule: ClauseRuleName, tokens: IToken[]): boolean {
  const parser = clauseParser();
  parser.input = tokens;
  parser.ruleProblems = [];
  (parser[rule] as () => unknown).call(parser);
  const complete = parser.errors.length === 0;
  parser.input = [];
  return complete;
}

// ------------------------------------------------------------------ the feature

const LIST_RULES: ReadonlySet<ClauseRuleName> = new Set(["partiesClause", "targetGroupClause", "measurePurposesItem", "positionItem", "grantClause"]);

const WORD_CHAR = /[\p{L}\p{N}_-]/u;
const WORD_START = /[\p{L}_]/u;

/** The partial word before the cursor: [start, offset). */
function wordBefore(text: string, offset: number): number {
  let start = offset;
  while (start > 0) {
    const ch = text.charAt(start - 1);
    if (WORD_CHAR.test(ch)) start--;
    else if (/[\uDC00-\uDFFF]/.test(ch) && start > 1 && WORD_CHAR.test(text.slice(start - 2, start))) start -= 2;
    else break;
  }
  // Skip leading digits and hyphens: a word starts with a letter or `_`.
  while (start < offset && !WORD_START.test(text.charAt(start))) start++;
  return start;
}

export function completion(ctx: FeatureContext, rawOffset: number): CompletionItem[] {
  return guard(
    () => [],
    () => {
      const file = ctx.file;
      const offset = clampOffset(rawOffset, file.text.length);
      if (inStringOrComment(file, offset)) return [];
      const wordStart = wordBefore(file.text, offset);
      const tokens = file.parse.tokens;
      // Tokens wholly before the partial word.
      let count = tokenIndexBefore(tokens, wordStart) + 1;
      while (count > 0 && tokenEnd(tokens[count - 1]!) > wordStart) count--;
      const range: Range = { start: file.lines.position(wordStart), end: file.lines.position(offset) };
      const frame = contextAt(tokens, count);
      const written = new Set<string>();
      const c: Completer = { ctx, locale: ctx.locale, range, file, offset, items: new Map(), written };

      if (frame.clauseStart < 0) {
        addClauseStarts(c, frame.block === "unknown" ? "unknown" : frame.block, 0);
        return [...c.items.values()];
      }
      const starter = tokens[frame.clauseStart]!;
      const rule = itemRules(frame.block).get(starter.tokenType);
      if (!rule) return [];
      const clauseTokens = tokens.slice(frame.clauseStart, count) as IToken[];
      // In a list (parties, groups, purposes, shares), names already written are not offered again.
      if (LIST_RULES.has(rule)) {
        const sharesFrom = rule === "grantClause" ? clauseTokens.findIndex((t) => t.tokenType === KW.til) : 0;
        if (sharesFrom >= 0) {
          for (const token of clauseTokens.slice(sharesFrom)) if (token.tokenType === Identifier) written.add(normalizeName(token.image));
        }
      }
      const suggestions = contentAssist(rule, clauseTokens);
      const last = clauseTokens[clauseTokens.length - 1];
      const beforeLast = clauseTokens[clauseTokens.length - 2];
      const precedingUnit =
        last && (last.tokenType === KW.aa || last.tokenType === Star) && beforeLast?.tokenType.CATEGORIES?.includes(UnitKeyword)
          ? unitOf(normalizeName(beforeLast.image))
          : undefined;
      for (const suggestion of suggestions) {
        const type = suggestion.nextTokenType;
        if (type === Identifier) {
          addNames(c, slotFor(rule, suggestion.ruleStack), precedingUnit);
        } else if (CATEGORY_MEMBERS.has(type)) {
          for (const member of CATEGORY_MEMBERS.get(type)!) addKeyword(c, member, 0);
        } else if (KEYWORD_TYPES.has(type)) {
          const spelling = SPELLING.get(type);
          if (spelling) addKeyword(c, spelling, 0);
        }
      }
      const isHeader = rule === "blockHeader" || rule === "balanceHeader" || rule === "distributionHeader";
      // A clause that is complete (or broken beyond repair) may be followed by the next clause.
      if (!isHeader && (suggestions.length === 0 || clauseComplete(rule, clauseTokens))) {
        written.clear();
        addClauseStarts(c, frame.block, 2);
      }
      return [...c.items.values()];
    },
  );
}

const UNITS: Readonly<Record<string, string>> = {
  innleggelser: "innleggelse",
  konsultasjoner: "konsultasjon",
  timer: "time",
  pasienter: "pasient",
};

function unitOf(spelling: string): string {
  return UNITS[spelling] ?? spelling;
}
