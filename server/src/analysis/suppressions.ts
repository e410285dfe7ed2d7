/**
 * Suppression comments (spec §6): `// hfa-ignore HFA604, HFA603: <reason>`
 * silences those codes for the construct on the next non-comment line.
 * A suppression without a reason, or naming an error, silences nothing and
 * is itself reported (HFA009).
 */
import type { IToken } from "chevrotain";
import type * as Ast from "../../../grammar/src/ast.js";
import type { ParseResult } from "../../../grammar/src/parser.js";
import type { Config } from "./config.js";
import { severityOf } from "./config.js";
import type { RawDiagnostic } from "./diagnostics.js";
import type { Locale } from "./i18n.js";
import { RULES } from "./rules.js";
import { wordCount } from "./i18n.js";
import { hasPlaceholderSegment } from "../../../grammar/src/tokens.js";

export interface Suppression {
  readonly comment: Ast.Span;
  readonly codes: readonly string[];
  readonly reason: string;
  /** The construct it covers. */
  readonly target: Ast.Span;
}

const DIRECTIVE = /^\/\/\s*hfa-ignore\b(.*)$/;

/** Nodes a suppression can cover (spec §6: a clause, or a declaration with its block). */
export function constructs(file: Ast.FileNode): Ast.Span[] {
  const out: Ast.Span[] = [];
  for (const decl of file.declarations) {
    out.push(decl);
    if (decl.kind === "community") {
      for (const item of decl.items) {
        out.push(item);
        if (item.kind === "healthTrust") for (const hospital of item.hospitals) out.push(hospital);
      }
    } else if (decl.kind === "scheme") {
      for (const item of decl.items) {
        out.push(item);
        if (item.kind === "distribution") for (const entry of item.entries) out.push(entry);
      }
    } else if (decl.kind === "agreement") {
      for (const clause of decl.clauses) {
        out.push(clause);
        if (clause.kind === "measure" || clause.kind === "balance") for (const item of clause.items) out.push(item);
      }
    }
  }
  return out;
}

export function findSuppressions(
  text: string,
  file: Ast.FileNode,
  comments: readonly IToken[],
  /** The parse's tokens, asked for the one after a directive only. */
  tokens: Pick<ParseResult, "firstTokenAtOrAfter">,
  config: Config,
  uri: string,
  locale: Locale,
): { suppressions: Suppression[]; diagnostics: RawDiagnostic[] } {
  const say = (nb: string, en: string) => (locale === "nb" ? nb : en);
  const suppressions: Suppression[] = [];
  const diagnostics: RawDiagnostic[] = [];
  // The outermost construct starting at an offset (a declaration covers its
  // whole block). Built at the first directive: most files have none.
  let starts: Map<number, Ast.Span> | undefined;

  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.image);
    if (!match) continue;
    const span = { start: comment.startOffset, end: comment.startOffset + comment.image.length };
    const body = match[1]!;
    const colon = body.indexOf(":");
    const codePart = colon >= 0 ? body.slice(0, colon) : body;
    const reason = colon >= 0 ? body.slice(colon + 1).trim() : "";
    const codes = codePart.split(/[\s,]+/).filter((c) => c.length > 0).map((c) => c.toUpperCase());
    const reasonWords = wordCount(reason);
    const placeholderReason = hasPlaceholderSegment(reason);
    if (codes.length > 0 && reason !== "" && (placeholderReason || reasonWords < config.suppressionMinWords)) {
      const minimum = config.suppressionMinWords;
      diagnostics.push({
        code: "HFA009",
        uri,
        ...span,
        message: placeholderReason
          ? say(
              `Begrunnelsen i unntaket er en plassholder, så unntaket gjelder ikke. Skriv hvorfor regelen ikke passer her (minst ${minimum} ord) i stedet for plassholderen.`,
              `The suppression's reason is a placeholder, so the suppression has no effect. Write why the rule does not fit here (at least ${minimum} words) instead of the placeholder.`,
            )
          : say(
              `Begrunnelsen i unntaket har ${reasonWords} ord; minst ${minimum} trengs for at en som leser avtalen skal se hvorfor regelen er fraveket. Unntaket gjelder ikke før begrunnelsen er utfylt.`,
              `The suppression's reason has ${reasonWords} word${reasonWords === 1 ? "" : "s"}; at least ${minimum} are needed for a reviewer to see why the rule is waived. The suppression has no effect until the reason is filled in.`,
            ),
      });
      continue;
    }
    if (codes.length === 0 || reason === "") {
      diagnostics.push({
        code: "HFA009",
        uri,
        ...span,
        message: say(
          "Unntaket mangler begrunnelse og gjelder derfor ikke. Skriv «// hfa-ignore HFAnnn: <hvorfor>», så en som leser avtalen ser hva som er fraveket og hvorfor.",
          'The suppression has no reason and so has no effect. Write "// hfa-ignore HFAnnn: <why>", so that a reviewer sees what was waived and why.',
        ),
      });
      continue;
    }
    const valid: string[] = [];
    for (const code of codes) {
      if (!RULES.has(code)) {
        diagnostics.push({ code: "HFA009", uri, ...span, message: say(`Ukjent regelkode «${code}» i unntaket.`, `Unknown rule code "${code}" in the suppression.`) });
      } else if (severityOf(code, config) === "error") {
        diagnostics.push({
          code: "HFA009",
          uri,
          ...span,
          message: say(
            `${code} er en feil og kan ikke unntas i avtalen. Endre heller regelens alvorlighetsgrad i hfa.json, der hele depotet ser det.`,
            `${code} is an error and cannot be suppressed in the agreement. Change the rule's severity in hfa.json instead, where the whole repository sees it.`,
          ),
        });
      } else valid.push(code);
    }
    if (valid.length === 0) continue;
    // The next token after the comment (other comments between are stacked suppressions).
    const next = tokens.firstTokenAtOrAfter(span.end);
    if (next && !starts) {
      starts = new Map();
      for (const node of constructs(file)) if (!starts.has(node.start)) starts.set(node.start, node);
    }
    const target = next ? starts!.get(next.startOffset) : undefined;
    if (!target) {
      diagnostics.push({
        code: "HFA009",
        uri,
        ...span,
        message: say(
          "Unntaket står ikke rett foran en klausul eller deklarasjon, og gjelder derfor ikke.",
          "The suppression does not stand right before a clause or declaration, and so has no effect.",
        ),
      });
      continue;
    }
    void text;
    suppressions.push({ comment: span, codes: valid, reason, target });
  }
  return { suppressions, diagnostics };
}


/** The suppression that covers a diagnostic, if any. */
export function suppressionFor(diagnostic: { code: string; start: number; end: number }, suppressions: readonly Suppression[]): Suppression | undefined {
  for (const s of suppressions) {
    if (s.codes.includes(diagnostic.code) && diagnostic.start >= s.target.start && diagnostic.end <= s.target.end) return s;
  }
  return undefined;
}

/**
 * HFA012: the codes of a suppression that silenced nothing on its construct.
 * `used` holds "comment offset/code" of every code that silenced something.
 * A code switched off in hfa.json is not stale: it silences nothing because
 * the whole repository has waived it.
 */
export function staleSuppressions(suppressions: readonly Suppression[], used: ReadonlySet<string>, config: Config, uri: string, locale: Locale): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const s of suppressions) {
    const stale = s.codes.filter((code) => !used.has(`${s.comment.start}/${code}`) && severityOf(code, config) !== "off");
    if (stale.length === 0) continue;
    const list = stale.join(", ");
    out.push({
      code: "HFA012",
      uri,
      start: s.comment.start,
      end: s.comment.end,
      message:
        locale === "nb"
          ? `Unntaket for ${list} demper ingenting: klausulen under gir ikke ${stale.length === 1 ? "denne diagnosen" : "disse diagnosene"}. Fjern ${stale.length === s.codes.length ? "kommentaren" : `${list} fra kommentaren`}, så ingen tror noe er fraveket.`
          : `The suppression of ${list} silences nothing: the construct below does not give ${stale.length === 1 ? "this diagnostic" : "these diagnostics"}. Remove ${stale.length === s.codes.length ? "the comment" : `${list} from the comment`}, so that nobody thinks something was waived.`,
      tags: [1],
    });
  }
  return out;
}
