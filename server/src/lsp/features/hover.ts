/**
 * Hover: what a name stands for (kind, title, file, container), the official
 * wording of a built-in, what a flow is worth in kroner per year, an
 * agreement's balance per party, and the rule behind a code in an
 * `hfa-ignore` comment.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MarkupKind, type Hover } from "vscode-languageserver";
import type * as Ast from "../../../../grammar/src/ast.js";
import type { DecisionBody, HospitalKind } from "../../../../grammar/src/ast.js";
import { tokenEnd } from "../../../../grammar/src/clauses.js";
import { normalizeName } from "../../../../grammar/src/lexer.js";
import { BodyKeyword, HospitalKindKeyword } from "../../../../grammar/src/tokens.js";
import {
  describeFlow,
  formatKr,
  formatNumber,
  formatPercent,
  kindWord,
  ruleInfo,
  type AgreementAnalysis,
  type FlowAmount,
  type Locale,
  type SymbolTarget,
} from "../../analysis/index.js";
import {
  GROUP_SOURCE,
  HEALTH_TRUST_BODIES,
  HOSPITAL_KIND_TEXT,
  MUNICIPALITY_BODIES,
  NATIONAL_GROUPS_BY_ID,
  PURPOSES_BY_ID,
  SMALL_HOSPITAL_KINDS,
  WORDINGS,
} from "../../analysis/prelude.js";
import type { FeatureContext } from "./api.js";
import { balanceTable } from "./balance.js";
import { agreementAnalysis, agreementAt } from "./indexes.js";
import { findStep, locate, tokenAt, type PathStep } from "./locate.js";
import { clampOffset, fileName, guard, md, rangeOf, say } from "./util.js";

function hoverOf(ctx: FeatureContext, value: string, span: Ast.Span): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(ctx.file, span) };
}

// ------------------------------------------------------------------ names

function quote(text: string, locale: Locale): string {
  return locale === "en" ? `"${md(text)}"` : `«${md(text)}»`;
}

/** Markdown describing a declaration or built-in. */
export function describeTarget(ctx: FeatureContext, target: SymbolTarget): string {
  const locale = ctx.locale;
  if (target.kind === "purpose") {
    const purpose = PURPOSES_BY_ID.get(target.id);
    if (!purpose) return "";
    const wording = WORDINGS[purpose.wording];
    return [
      `**${kindWord("purpose", locale)}** \`${target.id}\` — ${md(locale === "en" ? purpose.en : purpose.nb)}`,
      "",
      say(locale, `Innebygd formål (docs/language.md §4). Offisiell ordlyd ${wording.id}:`, `Built-in purpose (docs/language.md §4). Official wording ${wording.id}:`),
      "",
      `> «${wording.text}»`,
      "",
      `${say(locale, "Kilde", "Source")}: ${md(wording.source)}`,
    ].join("\n");
  }
  if (target.kind === "nationalGroup") {
    const group = NATIONAL_GROUPS_BY_ID.get(target.id);
    if (!group) return "";
    return [
      `**${kindWord("nationalGroup", locale)}** \`${target.id}\` — ${md(locale === "en" ? group.en : group.nb)}`,
      "",
      say(locale, `Innebygd (docs/language.md §4): «${group.nb}».`, `Built-in (docs/language.md §4): «${group.nb}».`),
      "",
      `${say(locale, "Kilde", "Source")}: ${md(GROUP_SOURCE)}`,
    ].join("\n");
  }
  const lines: string[] = [];
  const title = target.node.title.value;
  lines.push(`**${kindWord(target.kind, locale)}** \`${target.name.text}\`${title ? ` — ${quote(title, locale)}` : ""}`, "");
  switch (target.kind) {
    case "community": {
      const node = target.node;
      const trusts = node.items.filter((i) => i.kind === "healthTrust").length;
      const municipalities = node.items.filter((i) => i.kind === "municipality").length;
      const groups = node.items.filter((i) => i.kind === "group").length;
      const region = node.items.find((i): i is Ast.RegionItem => i.kind === "region");
      lines.push(
        say(
          locale,
          `${region ? `Region ${md(region.value.value)}. ` : ""}${trusts} helseforetak, ${municipalities} kommuner${groups ? `, ${groups} lokale målgrupper` : ""}.`,
          `${region ? `Region ${md(region.value.value)}. ` : ""}${trusts} health trust(s), ${municipalities} municipalities${groups ? `, ${groups} local target group(s)` : ""}.`,
        ),
      );
      break;
    }
    case "healthTrust": {
      lines.push(say(locale, `helseforetak i ${md(target.community.title.value)}`, `health trust in ${md(target.community.title.value)}`));
      const hospitals = target.node.hospitals.map((h) => `${h.name.text} (${md(h.title.value)})`);
      if (hospitals.length) lines.push("", `${say(locale, "Sykehus", "Hospitals")}: ${hospitals.join(", ")}`);
      break;
    }
    case "hospital": {
      const kind = target.node.hospitalKind.value;
      const kindText = HOSPITAL_KIND_TEXT[kind]?.[locale] ?? kind;
      const small = SMALL_HOSPITAL_KINDS.has(kind)
        ? say(locale, " – et av de minste sykehusene, som det skal legges vekt på ved tildelingen", " – one of the smallest hospitals, which the allocation is to favour")
        : "";
      lines.push(
        say(
          locale,
          `sykehus i ${md(target.healthTrust.title.value)} (${target.healthTrust.name.text}), ${md(target.community.title.value)}; ${kindText}${small}`,
          `hospital of ${md(target.healthTrust.title.value)} (${target.healthTrust.name.text}), ${md(target.community.title.value)}; ${kindText}${small}`,
        ),
      );
      break;
    }
    case "municipality": {
      const nr = target.node.number ? `, nr ${md(target.node.number.value)}` : "";
      lines.push(say(locale, `kommune i ${md(target.community.title.value)}${nr}`, `municipality in ${md(target.community.title.value)}${nr}`));
      break;
    }
    case "group":
      lines.push(say(locale, `lokal målgruppe i ${md(target.community.title.value)}`, `local target group of ${md(target.community.title.value)}`));
      break;
    case "rate": {
      const node = target.node;
      lines.push(`${formatKr(node.price.amount, locale)} per ${node.unit.unit}`);
      if (node.source) lines.push("", `${say(locale, "Kilde", "Source")}: ${md(node.source.value)}`);
      break;
    }
    case "scheme": {
      const node = target.node;
      const region = node.items.find((i): i is Ast.RegionItem => i.kind === "region");
      if (region) lines.push(`Region ${md(region.value.value)}`, "");
      const frames = node.items.filter((i): i is Ast.FrameItem => i.kind === "frame");
      if (frames.length) lines.push(`${say(locale, "Ramme", "Frame")}: ${frames.map((f) => `${f.year.value} ${formatKr(f.money.amount, locale)}`).join(", ")}`);
      const distribution = node.items.flatMap((i) => (i.kind === "distribution" ? i.entries : []));
      if (distribution.length) {
        lines.push("", `${say(locale, "Fordeling", "Distribution")}: ${distribution.map((e) => `${e.community.text} ${formatPercent(e.percent.value, locale)}`).join(", ")}`);
      }
      break;
    }
    case "agreement": {
      const analysed = agreementAnalysis(ctx.analysis, target.uri, target.node);
      lines.push(...agreementSummary(analysed, target.node, locale));
      break;
    }
    case "measure": {
      lines.push(say(locale, `tiltak i avtalen ${target.agreement.name.text}`, `measure of the agreement ${target.agreement.name.text}`));
      const purposes = target.node.items.flatMap((i) => (i.kind === "measurePurposes" ? i.refs.map((r) => r.text) : []));
      if (purposes.length) lines.push("", `${kindWord("purpose", locale)}: ${purposes.join(", ")}`);
      const positions = target.node.items.filter((i): i is Ast.PositionItem => i.kind === "position");
      if (positions.length) {
        const fte = positions.reduce((sum, p) => sum + p.fte.value, 0);
        lines.push("", say(locale, `${positions.length} stilling(er), ${formatNumber(fte)} årsverk`, `${positions.length} position(s), ${formatNumber(fte, "en")} FTE`));
      }
      break;
    }
  }
  lines.push("", `*${md(fileName(target.uri))}*`);
  return lines.join("\n");
}

function agreementSummary(analysed: AgreementAnalysis | undefined, node: Ast.AgreementDecl, locale: Locale): string[] {
  const lines: string[] = [];
  const resolved = analysed?.resolved;
  const facts: string[] = [];
  if (resolved?.community) facts.push(md(resolved.community.node.title.value));
  if (resolved?.period) facts.push(`${say(locale, "periode", "period")} ${resolved.period.from}–${resolved.period.to}`);
  const status = node.clauses.find((c): c is Ast.StatusClause => c.kind === "status");
  facts.push(`status ${status?.value.value ?? "utkast"}`);
  lines.push(facts.join(" · "));
  if (resolved && resolved.parties.length) lines.push("", `${say(locale, "Parter", "Parties")}: ${resolved.parties.map((p) => p.name).join(", ")}`);
  const balance = analysed?.money.balance;
  if (balance) lines.push("", balanceTable(balance, locale));
  else lines.push("", say(locale, "Balansen kan ikke beregnes før avtalen har en gyldig periode.", "The balance cannot be computed until the agreement has a valid period."));
  return lines;
}

// ------------------------------------------------------------------ flows

const FLOW_CLAUSES = new Set(["input", "grant", "saving", "transfer"]);

function flowHover(ctx: FeatureContext, path: readonly PathStep[], offset: number): Hover | null {
  const flowStep = findStep(path, "flow");
  if (!flowStep) return null;
  const index = path.indexOf(flowStep);
  const clause = path[index - 1]?.node as (Ast.Span & { kind?: string }) | undefined;
  if (!clause || !FLOW_CLAUSES.has(clause.kind ?? "")) return null;
  const node = agreementAt(ctx.file, offset);
  if (!node) return null;
  const analysed = agreementAnalysis(ctx.analysis, ctx.file.uri, node);
  const flow = analysed?.money.flows.find((f) => f.flow === flowStep.node || f.flow.start === flowStep.node.start);
  if (!flow) return null;
  return hoverOf(ctx, describeFlowMarkdown(flow, ctx.locale), flow.flow);
}

const ROLE_WORDS: Readonly<Record<FlowAmount["role"], { nb: string; en: string }>> = {
  input: { nb: "Innsats", en: "Own input" },
  grant: { nb: "Tilskudd", en: "Grant" },
  saving: { nb: "Besparelse", en: "Saving" },
  transfer: { nb: "Overføring", en: "Transfer" },
};

function describeFlowMarkdown(flow: FlowAmount, locale: Locale): string {
  const clause = flow.clause;
  const who =
    clause.kind === "input" || clause.kind === "saving"
      ? clause.party.text
      : clause.kind === "grant"
        ? clause.scheme.text
        : `${clause.from.text} → ${clause.to.text}`;
  const role = ROLE_WORDS[flow.role][locale];
  const described = describeFlow(flow, locale);
  if (!described) {
    return `**${role}** ${md(who)}\n\n${say(locale, "Verdien er ikke et pengebeløp og er ikke med i beregningene.", "The value is not an amount of money and is left out of the computations.")}`;
  }
  const lines = [`**${role}** ${md(who)}: ${described}`];
  const value = flow.flow.value;
  if (value.kind === "quantity" && value.price) {
    const price = value.price.kind === "money" ? formatKr(value.price.money.amount, locale) : value.price.ref.text;
    lines.push("", `${formatNumber(value.quantity.value, locale)} ${value.unit.unit} à ${price} = ${formatKr(flow.perYear ?? 0, locale)}`);
  }
  if (flow.years.length > 1 && flow.perYear !== undefined) {
    lines.push("", say(locale, `${flow.years.length} år, i alt ${formatKr(flow.perYear * flow.years.length, locale)}`, `${flow.years.length} years, ${formatKr(flow.perYear * flow.years.length, locale)} in all`));
  }
  if (clause.kind === "grant" && clause.shares && flow.perYear !== undefined) {
    const perYear = flow.perYear;
    lines.push("", clause.shares.map((s) => `${md(s.party.text)} ${formatPercent(s.percent.value, locale)} = ${formatKr((perYear * s.percent.value) / 100, locale)}`).join(", "));
  }
  if (flow.role === "grant") {
    lines.push("", say(locale, "Tilskuddet kommer i tillegg til partenes egen innsats og er ikke med i netto.", "The grant comes on top of the parties' own input and is not part of the net."));
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------ rule codes in hfa-ignore comments

const docsCache = new Map<string, string | null>();

function readRuleDoc(docsBaseUri: string, code: string): string | null {
  const key = `${docsBaseUri}\u0000${code}`;
  if (docsCache.has(key)) return docsCache.get(key)!;
  let text: string | null = null;
  try {
    if (docsBaseUri.startsWith("file:")) {
      const base = docsBaseUri.endsWith("/") ? docsBaseUri : `${docsBaseUri}/`;
      text = readFileSync(fileURLToPath(`${base}${code}.md`), "utf8");
    }
  } catch {
    text = null;
  }
  docsCache.set(key, text);
  return text;
}

/** The first paragraph under a `## heading` of a rule page. */
export function firstParagraph(doc: string, heading: string): string | undefined {
  const lines = doc.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading}`.toLowerCase());
  if (start < 0) return undefined;
  const paragraph: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") {
      if (paragraph.length) break;
      continue;
    }
    if (line.startsWith("#")) break;
    paragraph.push(line);
  }
  return paragraph.length ? paragraph.join(" ") : undefined;
}

function codeHover(ctx: FeatureContext, comment: { startOffset: number; image: string }, offset: number): Hover | null {
  if (!/hfa-ignore/.test(comment.image)) return null;
  const pattern = /\bHFA\d{3}\b/g;
  for (let match = pattern.exec(comment.image); match; match = pattern.exec(comment.image)) {
    const start = comment.startOffset + match.index;
    const end = start + match[0].length;
    if (offset < start || offset > end) continue;
    const code = match[0];
    const info = ruleInfo(code);
    const locale = ctx.locale;
    if (!info) return hoverOf(ctx, say(locale, `Ukjent kode ${code}.`, `Unknown code ${code}.`), { start, end });
    const base = ctx.docsBaseUri.endsWith("/") ? ctx.docsBaseUri : `${ctx.docsBaseUri}/`;
    const doc = readRuleDoc(base, code);
    const paragraph = doc ? (locale === "en" ? firstParagraph(doc, "English summary") ?? firstParagraph(doc, "Hva regelen sjekker") : firstParagraph(doc, "Hva regelen sjekker")) : undefined;
    const severity: Record<string, { nb: string; en: string }> = {
      error: { nb: "feil", en: "error" },
      warning: { nb: "advarsel", en: "warning" },
      information: { nb: "informasjon", en: "information" },
      hint: { nb: "hint", en: "hint" },
    };
    const lines = [`**${code}**: ${md(locale === "en" ? info.en : info.nb)} (${severity[info.severity]?.[locale] ?? info.severity})`];
    if (paragraph) lines.push("", paragraph);
    if (info.severity === "error") {
      lines.push("", say(locale, "Feil kan ikke undertrykkes.", "Errors cannot be suppressed."));
    }
    lines.push("", `[${say(locale, "Les mer om", "Read more about")} ${code}](${base}${code}.md)`);
    return hoverOf(ctx, lines.join("\n"), { start, end });
  }
  return null;
}

// ------------------------------------------------------------------ keywords with meaning

function keywordHover(ctx: FeatureContext, offset: number): Hover | null {
  const token = tokenAt(ctx.file, offset);
  if (!token) return null;
  const locale = ctx.locale;
  const spelling = normalizeName(token.image);
  const span = { start: token.startOffset, end: tokenEnd(token) };
  const categories = token.tokenType.CATEGORIES ?? [];
  if (categories.includes(HospitalKindKeyword)) {
    const kind = spelling as HospitalKind;
    const text = HOSPITAL_KIND_TEXT[kind]?.[locale] ?? spelling;
    const small = SMALL_HOSPITAL_KINDS.has(kind)
      ? say(locale, "Et av de minste sykehusene, som det skal legges vekt på ved tildelingen av tilskuddet (HFA503).", "One of the smallest hospitals, which the allocation of the grant is to favour (HFA503).")
      : "";
    return hoverOf(ctx, `**${md(text)}**${small ? `\n\n${small}` : ""}`, span);
  }
  if (categories.includes(BodyKeyword)) {
    const body = spelling as DecisionBody;
    const forTrust = HEALTH_TRUST_BODIES.has(body);
    const forMunicipality = MUNICIPALITY_BODIES.has(body);
    const who = forTrust && forMunicipality ? say(locale, "helseforetak og kommuner", "health trusts and municipalities") : forTrust ? say(locale, "helseforetak", "health trusts") : say(locale, "kommuner", "municipalities");
    return hoverOf(ctx, `**${spelling}**: ${say(locale, "beslutningsorgan for", "decision body for")} ${who}`, span);
  }
  return null;
}

// ------------------------------------------------------------------ the feature

export function hover(ctx: FeatureContext, rawOffset: number): Hover | null {
  return guard(
    () => null,
    () => {
      const file = ctx.file;
      if (typeof rawOffset !== "number" || rawOffset < 0 || rawOffset > file.text.length) return null;
      const offset = clampOffset(rawOffset, file.text.length);
      const located = locate(ctx.analysis, file, offset);
      if (located.comment) return codeHover(ctx, located.comment, offset);
      // The mouse is on a character: a name ends before the character after it.
      const occurrence = located.occurrence && offset < located.occurrence.name.end ? located.occurrence : undefined;
      if (occurrence) {
        if (occurrence.target) return hoverOf(ctx, describeTarget(ctx, occurrence.target), occurrence.name);
        const expected = occurrence.reference?.expected ?? [];
        const kinds = expected.map((k) => kindWord(k, ctx.locale)).join(say(ctx.locale, " eller ", " or "));
        return hoverOf(
          ctx,
          say(ctx.locale, `Ukjent navn \`${occurrence.name.text}\`${kinds ? ` (her skal det stå ${kinds})` : ""}.`, `Unknown name \`${occurrence.name.text}\`${kinds ? ` (a ${kinds} is expected here)` : ""}.`),
          occurrence.name,
        );
      }
      return flowHover(ctx, located.path, offset) ?? keywordHover(ctx, offset);
    },
  );
}
