/**
 * The HFA formatter (spec §9, decisions in docs/formatting.md).
 *
 * The formatter never re-prints the syntax tree. It keeps every token and
 * comment of the source, in order, and decides only
 *   - the whitespace in each gap between two of them (from the token kinds and
 *     the clause structure of the syntax tree), and
 *   - the spelling of Norwegian numbers outside year positions (thousands
 *     grouped by a plain space) and `*` (written `à`).
 * Everything else, strings and comments included, is copied byte for byte.
 * That makes "never loses or moves content" true by construction, and lets
 * `formatEdits` return one small edit per changed gap or token.
 *
 * Pure: no I/O, no state between calls.
 */
import {
  canonicalNorwegianNumber,
  parse,
  tokenEnd,
  Tokens,
  type Declaration,
  type FileNode,
  type Flow,
  type YearLit,
} from "../../../grammar/src/index.js";

export type FormatResult =
  | { readonly kind: "formatted"; readonly text: string; readonly changed: boolean }
  | { readonly kind: "syntaxErrors"; readonly count: number };

export interface TextEdit {
  /** Offset into the original text (UTF-16 code units). */
  readonly start: number;
  /** Exclusive end offset into the original text. */
  readonly end: number;
  readonly newText: string;
}

/** Thrown if formatting would change the token sequence (a bug; the text is then left alone). */
export class FormatterInvariantError extends Error {
  override readonly name = "FormatterInvariantError";
}

type Token = ReturnType<typeof parse>["tokens"][number];

const INDENT = "  ";

/** Formats a whole file. Files with syntax problems are not formatted. */
export function formatText(text: string): FormatResult {
  const plan = planFormat(text);
  if (plan.kind === "syntaxErrors") return plan;
  const formatted = plan.pieces.map((piece) => piece.newText).join("");
  return { kind: "formatted", text: formatted, changed: formatted !== text };
}

/**
 * Minimal edits (offsets into `text`, non-overlapping, in order) that turn
 * `text` into `formatText(text).text`. With `range`, only the edits that
 * intersect it. No edits for a file with syntax problems.
 */
export function formatEdits(text: string, range?: { start: number; end: number }): TextEdit[] {
  const plan = planFormat(text);
  if (plan.kind === "syntaxErrors") return [];
  const edits: TextEdit[] = [];
  for (const piece of plan.pieces) {
    const edit = piece.token ? wholeEdit(text, piece) : minimalEdit(text, piece);
    if (edit === undefined) continue;
    if (range !== undefined && !intersects(edit, range)) continue;
    const previous = edits[edits.length - 1];
    if (previous !== undefined && previous.end === edit.start) {
      // Touching edits (a gap and the number after it) become one, so that no
      // client has to know how to order an insertion and a replacement at one offset.
      edits[edits.length - 1] = { start: previous.start, end: edit.end, newText: previous.newText + edit.newText };
    } else {
      edits.push(edit);
    }
  }
  return edits;
}

// ------------------------------------------------------------------ planning

/** A span of the original text and what it becomes; the pieces tile the whole text. */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /** A token or comment (replaced whole when it changes), not a gap. */
  readonly token: boolean;
}

type Plan = { readonly kind: "formatted"; readonly pieces: Piece[] } | { readonly kind: "syntaxErrors"; readonly count: number };

/** Whitespace before an element: on the same line, or line break(s) and an indentation. */
type Separator =
  | { readonly kind: "space"; readonly text: "" | " " }
  | { kind: "lines"; blank: boolean; readonly indent: number };

interface Element {
  readonly start: number;
  readonly end: number;
  readonly image: string;
  /** Index into the token array; undefined for a comment. */
  readonly token: number | undefined;
  readonly lineComment: boolean;
}

function planFormat(text: string): Plan {
  const parsed = parse(text);
  if (parsed.problems.length > 0) return { kind: "syntaxErrors", count: parsed.problems.length };
  const tokens = parsed.tokens;
  const eol = dominantLineEnding(text);
  const { lineStarts, years } = structure(parsed.file);

  // ---- per token: line start, indentation depth, clause unit
  const isLineStart: boolean[] = [];
  const depthOf: number[] = [];
  const unitOf: number[] = []; // index of the first token of the token's unit
  {
    let open = 0;
    let unit = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const type = token.tokenType;
      if (type === Tokens.RCurly) open = Math.max(0, open - 1);
      const starts = type === Tokens.RCurly || lineStarts.has(token.startOffset) || i === 0;
      if (starts) unit = i;
      isLineStart.push(starts);
      depthOf.push(open);
      unitOf.push(unit);
      if (type === Tokens.LCurly) open++;
    }
  }

  // ---- elements: tokens and comments in source order
  const elements: Element[] = [];
  {
    let c = 0;
    const comments = parsed.comments;
    const pushComment = (comment: Token): void => {
      elements.push({
        start: comment.startOffset,
        end: tokenEnd(comment),
        image: comment.image,
        token: undefined,
        lineComment: comment.tokenType === Tokens.LineComment,
      });
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      while (c < comments.length && comments[c]!.startOffset < token.startOffset) pushComment(comments[c++]!);
      elements.push({ start: token.startOffset, end: tokenEnd(token), image: token.image, token: i, lineComment: false });
    }
    while (c < comments.length) pushComment(comments[c++]!);
  }

  // ---- for each comment: the next token (to know whether it sits inside a clause) and its brace depth
  const nextToken: (number | undefined)[] = new Array(elements.length);
  {
    let next: number | undefined;
    for (let k = elements.length - 1; k >= 0; k--) {
      const token = elements[k]!.token;
      if (token !== undefined) next = token;
      nextToken[k] = next;
    }
  }
  const insideUnit = (k: number): number | undefined => {
    const next = nextToken[k];
    return next !== undefined && !isLineStart[next] ? unitOf[next] : undefined;
  };

  // ---- separators
  const separators: Separator[] = [];
  let open = 0; // brace depth at the current element
  for (let k = 0; k < elements.length; k++) {
    const element = elements[k]!;
    if (k === 0) {
      separators.push({ kind: "space", text: "" });
    } else {
      const previous = elements[k - 1]!;
      const breaks = countLineBreaks(text, previous.end, element.start);
      const previousToken = previous.token === undefined ? undefined : tokens[previous.token]!;
      const afterOpen = previousToken?.tokenType === Tokens.LCurly;
      const previousAtLineStart = separators[k - 1]!.kind === "lines" || k - 1 === 0;
      if (element.token !== undefined) {
        const i = element.token;
        const type = tokens[i]!.tokenType;
        if (isLineStart[i]) {
          if (previous.token === undefined && !previous.lineComment && breaks === 0 && previousAtLineStart && type !== Tokens.RCurly) {
            // `/* note */ innsats …` at the start of a line stays together.
            separators.push({ kind: "space", text: " " });
          } else {
            const blank = type !== Tokens.RCurly && !afterOpen && breaks >= 2;
            separators.push({ kind: "lines", blank, indent: depthOf[i]! });
          }
        } else {
          const unit = unitOf[i]!;
          if (previous.lineComment) {
            // Nothing can follow a `// comment` on its line. A `{` pushed onto
            // its own line lines up with its `}`; anything else continues the clause.
            const indent = type === Tokens.LCurly ? depthOf[unit]! : depthOf[unit]! + 1;
            separators.push({ kind: "lines", blank: false, indent });
          } else if (breaks > 0 && type !== Tokens.LCurly) {
            // The author's line break inside a clause is kept (one, however many
            // there were): a continuation line, one level deeper than the clause.
            separators.push({ kind: "lines", blank: false, indent: depthOf[unit]! + 1 });
          } else if ((type === Tokens.Comma || type === Tokens.CommaDash || type === Tokens.Colon) && previous.token !== undefined) {
            separators.push({ kind: "space", text: "" });
          } else {
            separators.push({ kind: "space", text: " " });
          }
        }
      } else if (breaks === 0) {
        // A trailing comment, or one between the tokens of a line.
        separators.push({ kind: "space", text: " " });
      } else {
        const unit = insideUnit(k);
        if (unit !== undefined) {
          separators.push({ kind: "lines", blank: false, indent: depthOf[unit]! + 1 });
        } else {
          separators.push({ kind: "lines", blank: !afterOpen && breaks >= 2, indent: open });
        }
      }
    }
    if (element.token !== undefined) {
      const type = tokens[element.token]!.tokenType;
      if (type === Tokens.LCurly) open++;
      else if (type === Tokens.RCurly) open = Math.max(0, open - 1);
    }
  }

  // ---- exactly one blank line between top-level declarations (at least one where comments sit between)
  {
    const elementOfToken: number[] = new Array(tokens.length);
    elements.forEach((element, k) => {
      if (element.token !== undefined) elementOfToken[element.token] = k;
    });
    for (let i = 1; i < tokens.length; i++) {
      if (!isLineStart[i] || depthOf[i] !== 0 || tokens[i]!.tokenType === Tokens.RCurly) continue;
      const from = elementOfToken[i - 1]! + 1;
      const to = elementOfToken[i]!;
      let first: Separator | undefined;
      let hasBlank = false;
      for (let k = from; k <= to; k++) {
        const separator = separators[k]!;
        if (separator.kind !== "lines") continue;
        first ??= separator;
        if (separator.blank) hasBlank = true;
      }
      if (!hasBlank && first?.kind === "lines") first.blank = true;
    }
  }

  // ---- pieces
  const pieces: Piece[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (bom) pieces.push({ start: 0, end: 1, newText: "\uFEFF", token: false });
  let at = bom;
  for (let k = 0; k < elements.length; k++) {
    const element = elements[k]!;
    pieces.push({ start: at, end: element.start, newText: render(separators[k]!, eol), token: false });
    let image = element.image;
    if (element.token !== undefined) {
      const token = tokens[element.token]!;
      if (token.tokenType === Tokens.Star) image = "à";
      else if (token.tokenType === Tokens.NumberLiteral && !years.has(token.startOffset)) image = canonicalNorwegianNumber(image);
    }
    pieces.push({ start: element.start, end: element.end, newText: image, token: true });
    at = element.end;
  }
  pieces.push({ start: at, end: text.length, newText: elements.length > 0 ? eol : "", token: false });

  verify(text, tokens, parsed.comments, pieces);
  return { kind: "formatted", pieces };
}

/** Offsets of the tokens that begin a line (declarations, block items), and of year literals. */
function structure(file: FileNode): { lineStarts: Set<number>; years: Set<number> } {
  const lineStarts = new Set<number>();
  const years = new Set<number>();
  const year = (literal: YearLit | undefined): void => {
    if (literal !== undefined) years.add(literal.start);
  };
  const flow = (value: Flow): void => {
    if (value.schedule.kind === "yearly") {
      year(value.schedule.from);
      year(value.schedule.to);
    } else {
      year(value.schedule.year);
    }
  };
  const declaration = (decl: Declaration): void => {
    lineStarts.add(decl.start);
    switch (decl.kind) {
      case "community":
        for (const item of decl.items) {
          lineStarts.add(item.start);
          if (item.kind === "healthTrust") for (const hospital of item.hospitals) lineStarts.add(hospital.start);
        }
        break;
      case "rate":
        break;
      case "scheme":
        for (const item of decl.items) {
          lineStarts.add(item.start);
          if (item.kind === "frame") year(item.year);
          else if (item.kind === "distribution") for (const entry of item.entries) lineStarts.add(entry.start);
        }
        break;
      case "agreement":
        for (const clause of decl.clauses) {
          lineStarts.add(clause.start);
          switch (clause.kind) {
            case "period":
              year(clause.from);
              year(clause.to);
              break;
            case "input":
            case "grant":
            case "saving":
              flow(clause.flow);
              break;
            case "indicator":
              year(clause.by);
              break;
            case "measure":
              for (const item of clause.items) lineStarts.add(item.start);
              break;
            case "balance":
              for (const item of clause.items) {
                lineStarts.add(item.start);
                if (item.kind === "horizon") year(item.year);
                else if (item.kind === "transfer") flow(item.flow);
              }
              break;
            default:
              break;
          }
        }
        break;
    }
  };
  for (const decl of file.declarations) declaration(decl);
  return { lineStarts, years };
}

function render(separator: Separator, eol: string): string {
  if (separator.kind === "space") return separator.text;
  return (separator.blank ? eol + eol : eol) + INDENT.repeat(separator.indent);
}

/** `\r\n` when most line breaks of the file are CRLF, else `\n`. */
function dominantLineEnding(text: string): string {
  let crlf = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else other++;
    } else if (code === 10) other++;
  }
  return crlf > other ? "\r\n" : "\n";
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

function wholeEdit(text: string, piece: Piece): TextEdit | undefined {
  if (text.slice(piece.start, piece.end) === piece.newText) return undefined;
  return { start: piece.start, end: piece.end, newText: piece.newText };
}

/** The piece as an edit, shrunk to the part that differs; undefined if nothing changes. */
function minimalEdit(text: string, piece: Piece): TextEdit | undefined {
  const old = text.slice(piece.start, piece.end);
  const replacement = piece.newText;
  if (old === replacement) return undefined;
  let prefix = 0;
  const shorter = Math.min(old.length, replacement.length);
  while (prefix < shorter && old.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a CRLF pair or a surrogate pair between kept and replaced text.
  while (prefix > 0 && splitsPair(old, prefix)) prefix--;
  while (suffix > 0 && splitsPair(old, old.length - suffix)) suffix--;
  return {
    start: piece.start + prefix,
    end: piece.end - suffix,
    newText: replacement.slice(prefix, replacement.length - suffix),
  };
}

function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

function intersects(edit: TextEdit, range: { start: number; end: number }): boolean {
  if (edit.start < edit.end && range.start < range.end) return edit.start < range.end && edit.end > range.start;
  return edit.start <= range.end && edit.end >= range.start;
}

// ------------------------------------------------------------------ safety net

/** The token sequence (numbers without group separators, `*` as `à`) and comment texts. */
function sequenceOf(tokens: readonly Token[], comments: readonly Token[]): string[] {
  const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  return all.map((token) => {
    if (token.tokenType === Tokens.Star) return "à";
    if (token.tokenType === Tokens.NumberLiteral) return token.image.replace(/[ \u00A0\u202F]/g, "");
    return token.image;
  });
}

/** The formatted text must parse cleanly to the same tokens and comments; otherwise this is a formatter bug. */
function verify(text: string, tokens: readonly Token[], comments: readonly Token[], pieces: readonly Piece[]): void {
  const formatted = pieces.map((piece) => piece.newText).join("");
  if (formatted === text) return;
  const reparsed = parse(formatted);
  const before = sequenceOf(tokens, comments);
  const after = sequenceOf(reparsed.tokens, reparsed.comments);
  const same = before.length === after.length && before.every((image, i) => image === after[i]);
  if (reparsed.problems.length > 0 || !same) {
    throw new FormatterInvariantError("HFA-formatereren ville endret innholdet i filen; filen er ikke endret.");
  }
}
