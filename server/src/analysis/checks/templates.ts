/**
 * Quick fixes that insert a missing clause (HFA106, HFA201, HFA401, HFA603,
 * HFA604). The inserted text always parses, and its placeholders are
 * worded so that nobody mistakes them for real figures.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
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
  const period = node.clauses.find((c): c is Ast.PeriodClause => c.kind === "period");
  const year = period?.from.value ?? new Date().getFullYear();
  switch (kind) {
    case "community": {
      const names = [...symbols.names("community")];
      return `helsefellesskap ${names.length === 1 ? names[0] : names[0] ?? "Helsefellesskap"}`;
    }
    case "parties": {
      const members: string[] = [];
      if (community) {
        const trust = community.node.items.find((i) => i.kind === "healthTrust");
        const municipality = community.node.items.find((i) => i.kind === "municipality");
        if (trust && trust.kind === "healthTrust") members.push(trust.name.text);
        if (municipality && municipality.kind === "municipality") members.push(municipality.name.text);
      }
      return `parter ${members.length ? members.join(", ") : "Helseforetak, Kommune"}`;
    }
    case "period":
      return `periode ${year} til ${year + 2}`;
    case "purpose":
      return 'formål samhandling "Beskriv hvordan tiltaket endrer samarbeidet mellom sykehuset og kommunene, og for hvilke pasienter det gjelder."';
    case "saving": {
      const party = parties?.refs[0]?.text ?? "Part";
      return `besparelse ${party} 100 000 kr per år fra ${year + 1} "ANSLAG – erstatt med forventet besparelse og grunnlaget for den"`;
    }
    case "continuation":
      return 'videreføring "Beskriv hvordan tiltaket finansieres i partenes ordinære budsjetter når tilskuddet opphører."';
    case "indicator":
      return `indikator "Beskriv hva som måles, og hvor dataene kommer fra" fra 0 % til 0 % innen ${period?.to.value ?? year + 2}`;
  }
}

/** A fix inserting the template as the last clause of the agreement. */
export function insertClauseFix(node: Ast.AgreementDecl, kind: TemplateKind | Ast.ClauseKind, ctx: CheckContext): Fix[] {
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
      edits: [{ start: insertAt, end: insertAt, newText: newText + suffix }],
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
