/**
 * Quick fixes that insert a missing clause (HFA106, HFA201, HFA401, HFA603,
 * HFA604). The inserted text always parses; what the author must decide is
 * a `<…>` placeholder (HFA011 until it is filled in), so a fix can never
 * make an agreement pass that nobody has written.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { placeholderSegments } from "../../../../grammar/src/tokens.js";
import type { Fix } from "../diagnostics.js";
import type { CheckContext } from "./context.js";

export type TemplateKind = "community" | "parties" | "period" | "purpose" | "saving" | "continuation" | "indicator";

/** Indentation of the agreement's clauses (or two spaces more than the `avtale` line). */
function clauseIndent(node: Ast.AgreementDecl, text: string): string {
  const first = node.clauses[0];
  const at = first ? first.start : node.start;
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== "\n") lineStart--;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, at))?.[0] ?? "";
  return first ? indent : indent + "  ";
}

function templateText(node: Ast.AgreementDecl, kind: TemplateKind, ctx: CheckContext): string {
  const symbols = ctx.symbols;
  const communityClause = node.clauses.find((c): c is Ast.CommunityClause => c.kind === "community");
  const community = communityClause ? symbols.first("community", communityClause.ref.text) : undefined;
  const parties = node.clauses.find((c): c is Ast.PartiesClause => c.kind === "parties");
  // Only what the agreement already determines is filled in; everything the
  // author must decide is a placeholder (spec §2), never a made-up figure.
  switch (kind) {
    case "community": {
      const names = [...symbols.names("community")];
      return `helsefellesskap ${names.length === 1 ? names[0] : "<helsefellesskap>"}`;
    }
    case "parties": {
      const trusts = community ? community.node.items.filter((i) => i.kind === "healthTrust") : [];
      const municipalities = community ? community.node.items.filter((i) => i.kind === "municipality") : [];
      const trust = trusts.length === 1 ? trusts[0]!.name.text : "<helseforetak>";
      const municipality = municipalities.length === 1 ? municipalities[0]!.name.text : "<kommune>";
      return `parter ${trust}, ${municipality}`;
    }
    case "period":
      return "periode <første år> til <siste år>";
    case "purpose":
      return 'formål <formål> "<hvordan tiltaket støtter formålet, og for hvilke pasienter>"';
    case "saving": {
      const party = parties && parties.refs.length === 1 && !parties.refs[0]!.placeholder ? parties.refs[0]!.text : "<part>";
      return `besparelse ${party} <beløp> kr per år fra <år> "<hva som spares, og grunnlaget for anslaget>"`;
    }
    case "continuation":
      return 'videreføring "<hvordan tiltaket finansieres når tilskuddet opphører>"';
    case "indicator":
      return 'indikator "<hva som måles, og hvor dataene kommer fra>" fra <utgangsverdi> til <mål> innen <år>';
  }
}

/** The `<…>` segments of an inserted text, for snippet tab stops (see `TextEdit.placeholders`). */
export function placeholderSpans(text: string): { start: number; end: number }[] {
  return placeholderSegments(text);
}

/** A fix inserting the template as the last clause of the agreement. */
export function insertClauseFix(node: Ast.AgreementDecl, kind: TemplateKind | Ast.ClauseKind, ctx: CheckContext): Fix[] {
  // Nothing offers the fix (`hfa check`): `report` drops it, so it is not built.
  if (!ctx.keepFixes) return [];
  const templateKinds: readonly string[] = ["community", "parties", "period", "purpose", "saving", "continuation", "indicator"];
  if (!templateKinds.includes(kind)) return [];
  const text = ctx.text;
  // The body's closing brace; without one (unclosed block) there is no safe place.
  const close = node.body.end - 1;
  if (close <= node.body.start || text[close] !== "}") return [];
  const indent = clauseIndent(node, text);
  const last = node.clauses[node.clauses.length - 1];
  const insertAt = last ? afterTrailingComment(text, last.end) : node.body.start + 1;
  const clause = templateText(node, kind as TemplateKind, ctx);
  const newline = newlineOf(text);
  // Inserted after the last clause, on a line of its own.
  const newText = `${newline}${indent}${clause}`;
  const suffix = last ? "" : newline;
  return [
    {
      title: ctx.say(`Sett inn «${clause.split(" ")[0]}»-klausul`, `Insert a "${clause.split(" ")[0]}" clause`),
      edits: [{ start: insertAt, end: insertAt, newText: newText + suffix, placeholders: placeholderSpans(newText + suffix) }],
      preferred: true,
    },
  ];
}

let lastText: string | undefined;
let lastNewline = "\n";
/** The file's line break, scanned once per text (not once per fix: 20 000 agreements made that quadratic). */
function newlineOf(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastNewline = text.includes("\r\n") ? "\r\n" : "\n";
  }
  return lastNewline;
}

/** Past a trailing `// …` on the same line, so that the comment stays with its clause. */
function afterTrailingComment(text: string, offset: number): number {
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
  const rest = text.slice(offset, lineEnd);
  return /^\s*(\/\/.*)?$/.test(rest) ? lineEnd : offset;
}
