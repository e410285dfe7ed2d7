/**
 * Document symbols (a hierarchical outline: helsefellesskap → helseforetak →
 * sykehus, kommuner, grupper; sats; tilskudd → rammer; avtale → tiltak,
 * balanse …) and workspace symbols (fuzzy, case-insensitive).
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "vscode-languageserver";
import type * as Ast from "../../../../grammar/src/ast.js";
import { clauseKeywords, keywordSpan } from "../../../../grammar/src/ast.js";
import {
  describeFlow,
  formatKr,
  formatPercent,
  kindWord,
  type Declared,
  type Locale,
  type SourceFile,
  type Workspace,
  type WorkspaceAnalysis,
} from "../../analysis/index.js";
import type { FlowAmount } from "../../analysis/index.js";
import { HOSPITAL_KIND_TEXT } from "../../analysis/prelude.js";
import type { FeatureContext } from "./api.js";
import { agreementAnalysis } from "./indexes.js";
import { guard, locationOf, rangeOf, say } from "./util.js";

export const SYMBOL_KINDS: Readonly<Record<Declared["kind"], SymbolKind>> = {
  community: SymbolKind.Namespace,
  healthTrust: SymbolKind.Class,
  hospital: SymbolKind.Struct,
  municipality: SymbolKind.Module,
  group: SymbolKind.EnumMember,
  rate: SymbolKind.Constant,
  scheme: SymbolKind.Interface,
  agreement: SymbolKind.Package,
  measure: SymbolKind.Method,
};

/** Placeholder for a declaration whose header did not parse (LSP needs a non-empty name). */
const UNNAMED = "\u2026";

function symbol(
  file: SourceFile,
  name: string,
  kind: SymbolKind,
  span: Ast.Span,
  selection: Ast.Span,
  detail?: string,
  children?: DocumentSymbol[],
): DocumentSymbol {
  const inside = selection.start >= span.start && selection.end <= span.end && selection.end >= selection.start;
  const sel = inside ? selection : { start: span.start, end: span.start };
  return {
    name: name.trim() === "" ? UNNAMED : name,
    kind,
    detail: detail || undefined,
    range: rangeOf(file, span),
    selectionRange: rangeOf(file, sel),
    children: children && children.length ? children : undefined,
  };
}

function flowDetail(flows: ReadonlyMap<Ast.Flow, FlowAmount>, flow: Ast.Flow, locale: Locale): string | undefined {
  const amount = flows.get(flow);
  return amount ? describeFlow(amount, locale) : undefined;
}

function clauseSymbol(file: SourceFile, clause: Ast.AgreementClause, flows: ReadonlyMap<Ast.Flow, FlowAmount>, locale: Locale): DocumentSymbol | undefined {
  const keyword = clauseKeywords[clause.kind === "incomplete" ? clause.clauseKind : clause.kind];
  const sel = keywordSpan(clause);
  switch (clause.kind) {
    case "measure": {
      const items: DocumentSymbol[] = [];
      for (const item of clause.items) {
        if (item.kind === "position") {
          items.push(symbol(file, `stilling «${item.title.value}»`, SymbolKind.Field, item, item.title, item.shares.map((s) => `${s.party.text} ${formatPercent(s.percent.value, locale)}`).join(", ")));
        } else if (item.kind === "measurePurposes") {
          items.push(symbol(file, `formål ${item.refs.map((r) => r.text).join(", ")}`, SymbolKind.EnumMember, item, keywordSpan(item)));
        } else if (item.kind === "description") {
          items.push(symbol(file, "beskrivelse", SymbolKind.String, item, keywordSpan(item), item.text.value.replace(/\s+/g, " ").slice(0, 60)));
        }
      }
      return symbol(file, `tiltak ${clause.name.text}`, SymbolKind.Method, clause, clause.name, clause.title.value, items);
    }
    case "balance": {
      const items: DocumentSymbol[] = [];
      for (const item of clause.items) {
        if (item.kind === "horizon") items.push(symbol(file, `horisont ${item.year.value}`, SymbolKind.Field, item, keywordSpan(item)));
        else if (item.kind === "transfer") items.push(symbol(file, `overføring ${item.from.text} → ${item.to.text}`, SymbolKind.Event, item, keywordSpan(item), flowDetail(flows, item.flow, locale)));
        else if (item.kind === "justification") items.push(symbol(file, "begrunnelse", SymbolKind.String, item, keywordSpan(item), item.text.value.replace(/\s+/g, " ").slice(0, 60)));
      }
      return symbol(file, "balanse", SymbolKind.Object, clause, keywordSpan(clause), undefined, items);
    }
    case "community":
      return symbol(file, `helsefellesskap ${clause.ref.text}`, SymbolKind.Property, clause, sel);
    case "parties":
      return symbol(file, "parter", SymbolKind.Property, clause, sel, clause.refs.map((r) => r.text).join(", "));
    case "period":
      return symbol(file, "periode", SymbolKind.Property, clause, sel, `${clause.from.value}–${clause.to.value}`);
    case "status":
      return symbol(file, "status", SymbolKind.Property, clause, sel, clause.value.value);
    case "hospital":
      return symbol(file, `sykehus ${clause.ref.text}`, SymbolKind.Property, clause, sel);
    case "targetGroups":
      return symbol(file, "målgruppe", SymbolKind.Property, clause, sel, clause.refs.map((r) => r.text).join(", "));
    case "purpose":
      return symbol(file, `formål ${clause.purpose.text}`, SymbolKind.EnumMember, clause, sel, clause.text.value.replace(/\s+/g, " ").slice(0, 60));
    case "input":
      return symbol(file, `innsats ${clause.party.text}`, SymbolKind.Event, clause, sel, flowDetail(flows, clause.flow, locale) ?? clause.note?.value.replace(/\s+/g, " "));
    case "grant":
      return symbol(file, `tilskudd ${clause.scheme.text}`, SymbolKind.Event, clause, sel, flowDetail(flows, clause.flow, locale) ?? clause.note?.value.replace(/\s+/g, " "));
    case "saving":
      return symbol(file, `besparelse ${clause.party.text}`, SymbolKind.Event, clause, sel, flowDetail(flows, clause.flow, locale) ?? clause.note?.value.replace(/\s+/g, " "));
    case "continuation":
      return symbol(file, "videreføring", SymbolKind.String, clause, sel, clause.text.value.replace(/\s+/g, " ").slice(0, 60));
    case "indicator":
      return symbol(file, "indikator", SymbolKind.Field, clause, sel, clause.text.value.replace(/\s+/g, " ").slice(0, 60));
    case "decision":
      return symbol(file, `behandling ${clause.party.text}`, SymbolKind.Property, clause, sel, `${clause.body.value} ${clause.date.text}${clause.outcome ? ` ${clause.outcome.value}` : ""}`);
    case "personnelEffect":
      return symbol(file, "personelleffekt", SymbolKind.Property, clause, sel, clause.value.value);
    case "incomplete":
      return symbol(file, keyword, SymbolKind.Property, clause, sel, say(locale, "(ufullstendig)", "(incomplete)"));
  }
}

export function documentSymbols(ctx: FeatureContext): DocumentSymbol[] {
  return guard(
    () => [],
    () => {
      const file = ctx.file;
      const locale = ctx.locale;
      const out: DocumentSymbol[] = [];
      for (const decl of file.parse.file.declarations) {
        switch (decl.kind) {
          case "community": {
            const children: DocumentSymbol[] = [];
            for (const item of decl.items) {
              if (item.kind === "healthTrust") {
                const hospitals = item.hospitals.map((h) =>
                  symbol(file, h.name.text, SymbolKind.Struct, h, h.name, `${h.title.value} – ${HOSPITAL_KIND_TEXT[h.hospitalKind.value]?.[locale] ?? h.hospitalKind.value}`),
                );
                children.push(symbol(file, item.name.text, SymbolKind.Class, item, item.name, item.title.value, hospitals));
              } else if (item.kind === "municipality") {
                children.push(symbol(file, item.name.text, SymbolKind.Module, item, item.name, `${item.title.value}${item.number ? ` (${item.number.value})` : ""}`));
              } else if (item.kind === "group") {
                children.push(symbol(file, item.name.text, SymbolKind.EnumMember, item, item.name, item.title.value));
              }
            }
            out.push(symbol(file, decl.name.text, SymbolKind.Namespace, decl, decl.name, decl.title.value, children));
            break;
          }
          case "rate":
            out.push(symbol(file, decl.name.text, SymbolKind.Constant, decl, decl.name, `${decl.title.value} – ${formatKr(decl.price.amount, locale)} per ${decl.unit.unit}`));
            break;
          case "scheme": {
            const children: DocumentSymbol[] = [];
            for (const item of decl.items) {
              if (item.kind === "frame") children.push(symbol(file, `ramme ${item.year.value}`, SymbolKind.Field, item, item.year, formatKr(item.money.amount, locale)));
              else if (item.kind === "distribution") {
                const entries = item.entries.map((e) => symbol(file, e.community.text, SymbolKind.Field, e, e.community, formatPercent(e.percent.value, locale)));
                children.push(symbol(file, "fordeling", SymbolKind.Object, item, { start: item.start, end: item.start + "fordeling".length }, undefined, entries));
              }
            }
            out.push(symbol(file, decl.name.text, SymbolKind.Interface, decl, decl.name, decl.title.value, children));
            break;
          }
          case "agreement": {
            const analysed = agreementAnalysis(ctx.analysis, file.uri, decl);
            const flows = new Map<Ast.Flow, FlowAmount>();
            for (const flow of analysed?.money.flows ?? []) flows.set(flow.flow, flow);
            const children: DocumentSymbol[] = [];
            for (const clause of decl.clauses) {
              const child = clauseSymbol(file, clause, flows, locale);
              if (child) children.push(child);
            }
            out.push(symbol(file, decl.name.text, SymbolKind.Package, decl, decl.name, decl.title.value, children));
            break;
          }
        }
      }
      return out;
    },
  );
}

// ------------------------------------------------------------------ workspace symbols

/** A subsequence match score (lower is better), or undefined when `query` does not match. */
export function fuzzyScore(query: string, name: string): number | undefined {
  if (query === "") return 0;
  const q = query.toLocaleLowerCase("nb");
  const n = name.toLocaleLowerCase("nb");
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  if (n.includes(q)) return 2;
  let i = 0;
  let gaps = 0;
  for (let j = 0; j < n.length && i < q.length; j++) {
    if (n[j] === q[i]) i++;
    else if (i > 0) gaps++;
  }
  return i === q.length ? 3 + gaps : undefined;
}

function containerName(declared: Declared): string | undefined {
  switch (declared.kind) {
    case "healthTrust":
    case "municipality":
    case "group":
      return declared.community.name.text;
    case "hospital":
      return `${declared.community.name.text}.${declared.healthTrust.name.text}`;
    case "measure":
      return declared.agreement.name.text;
    default:
      return undefined;
  }
}

export function workspaceSymbols(analysis: WorkspaceAnalysis, workspace: Workspace, query: string, locale?: Locale): SymbolInformation[] {
  return guard(
    () => [],
    () => {
      const scored: { score: number; info: SymbolInformation }[] = [];
      const text = typeof query === "string" ? query.trim() : "";
      const lang: Locale = locale ?? analysis.locale;
      for (const uri of workspace.uris()) {
        const file = workspace.file(uri);
        if (!file) continue;
        for (const declared of file.declarations) {
          if (declared.name.text === "") continue;
          const score = fuzzyScore(text, declared.name.text);
          const titleScore = score === undefined && text.length >= 3 ? fuzzyScore(text, declared.node.title.value) : undefined;
          const best = score ?? (titleScore !== undefined && titleScore <= 2 ? titleScore + 10 : undefined);
          if (best === undefined) continue;
          scored.push({
            score: best,
            info: {
              name: declared.name.text,
              kind: SYMBOL_KINDS[declared.kind],
              location: locationOf(file, declared.name),
              containerName: containerName(declared) ?? kindWord(declared.kind, lang),
            },
          });
        }
      }
      scored.sort((a, b) => a.score - b.score || a.info.name.localeCompare(b.info.name, "nb"));
      return scored.slice(0, 1000).map((s) => s.info);
    },
  );
}
