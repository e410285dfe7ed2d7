/**
 * The report's data (spec §8 "Reports"): one plain, serialisable object per
 * agreement, built from the analysis the checker ran — the figures are read
 * from its `MoneyModel`/`Balance`, never computed a second time. This object
 * is what `hfa report --format json` writes, what the LSP request
 * `hfa/report` returns, and what every renderer takes.
 *
 * Pure: no Node, no editor, no report library (the web app builds it too).
 */
import type * as Ast from "../../../grammar/src/ast.js";
import type { AgreementAnalysis, Diagnostic, PartyBalance, SourceFile, WorkspaceAnalysis, YearRow } from "../analysis/index.js";
import { ruleInfo, type Locale } from "../analysis/index.js";
import {
  GROUP_SOURCE,
  HOSPITAL_KIND_TEXT,
  NATIONAL_GROUPS_BY_ID,
  PURPOSES_BY_ID,
  SMALL_HOSPITAL_KINDS,
  WORDINGS,
} from "../analysis/prelude.js";
import { bodyLabel, outcomeLabel, personnelEffectLabel, sideLabel, statusLabel } from "./labels.js";

/** Bumped when a field changes meaning or goes away (adding fields does not). */
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportMeta {
  /** `YYYY-MM-DD`, the day the report was made. */
  readonly date: string;
  readonly hfaVersion: string;
  readonly locale: Locale;
}

export interface ReportParty {
  readonly id: string;
  /** Official name, e.g. «Kristiansund kommune». */
  readonly name: string;
  /** Municipality number, e.g. «1505». */
  readonly number?: string;
  readonly kind: "helseforetak" | "kommune";
  /** spesialisthelsetjenesten or kommunal helse- og omsorgstjeneste, in the report's language. */
  readonly side: string;
}

export interface ReportPurpose {
  readonly id: string;
  /** What the purpose means, in the report's language (spec §4). */
  readonly label: string;
  /** The author's justification (`formål … "…"`). */
  readonly justification: string;
  readonly wording: { readonly id: string; readonly text: string; readonly source: string };
}

export interface ReportTargetGroup {
  readonly id: string;
  readonly name: string;
  readonly national: boolean;
  /** Where a national group is defined. */
  readonly source?: string;
}

export interface ReportHospital {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** The helseforetak that runs it: its catchment is the area the measure serves. */
  readonly healthTrust: string;
  /** One of the smallest hospitals the allocation is to favour (HFA503). */
  readonly smallest: boolean;
}

export interface ReportPosition {
  readonly title: string;
  readonly fte: number;
  readonly shares: readonly { readonly party: string; readonly percent: number }[];
}

export interface ReportMeasure {
  readonly id: string;
  readonly title: string;
  readonly purposes: readonly string[];
  readonly descriptions: readonly string[];
  readonly positions: readonly ReportPosition[];
}

/** One `innsats`, `tilskudd`, `besparelse` or `overføring` line, as the checker valued it. */
export interface ReportFlow {
  readonly role: "input" | "grant" | "saving" | "transfer";
  /** The party (for a transfer: from → to; for a grant: the scheme). */
  readonly who: string;
  /** Kroner per year it runs (absent when the value is not money: see the diagnostics). */
  readonly perYear?: number;
  readonly years: readonly number[];
  readonly note?: string;
}

/** One year of a party's balance, exactly as the analysis computed it (`continuation`: after the period, spec §5.3). */
export type ReportYearRow = YearRow;

export interface ReportPartyBalance {
  /** Party id, or `total`. */
  readonly party: string;
  readonly name: string;
  readonly rows: readonly ReportYearRow[];
  readonly totals: { readonly input: number; readonly grant: number; readonly saving: number; readonly transferIn: number; readonly transferOut: number; readonly net: number };
  /** Cumulative net in the last year of the period. */
  readonly atPeriodEnd: number;
  /** Cumulative net at the horizon. */
  readonly atHorizon: number;
  /** First year from which the cumulative net stays ≥ 0 to the horizon. */
  readonly breakEven?: number;
  /** First year from which the cumulative net stays ≥ 0 to the end of the period (absent: negative then). */
  readonly breakEvenByPeriodEnd?: number;
  /** Own input in the years of the period. */
  readonly inputInPeriod: number;
  /** Grant received in the years of the period. */
  readonly grantInPeriod: number;
  /** Own input after the period (what continuing the measure costs). */
  readonly continuationCost: number;
}

export interface ReportBalance {
  readonly firstYear: number;
  readonly periodEnd: number;
  readonly horizon: number;
  readonly horizonExplicit: boolean;
  readonly parties: readonly ReportPartyBalance[];
  readonly total: ReportPartyBalance;
}

export interface ReportFinding {
  readonly code: string;
  /** The rule's name (docs/rules/codes.json), in the report's language. */
  readonly rule: string;
  readonly severity: "error" | "warning" | "information" | "hint";
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface ReportWaiver extends ReportFinding {
  /** The reason written in the `hfa-ignore` comment. */
  readonly reason: string;
}

export interface ReportFrameYear {
  readonly year: number;
  /** The scheme's `ramme` that year. */
  readonly frame: number;
  /** The helsefellesskap's `fordeling` share, in percent. */
  readonly sharePercent: number;
  /** `frame × share`: what the helsefellesskap may draw. */
  readonly share: number;
  /** What all its agreements (drafts included) draw that year. */
  readonly drawnByAll: number;
  /** What this agreement draws. */
  readonly thisAgreement: number;
  /** `share − drawnByAll` (negative: HFA701). */
  readonly left: number;
  readonly agreements: number;
}

export interface ReportFrame {
  readonly scheme: string;
  readonly schemeName: string;
  readonly years: readonly ReportFrameYear[];
}

export interface ReportDecision {
  readonly party: string;
  readonly partyName: string;
  readonly body: string;
  readonly date: string;
  readonly outcome: string;
  /** The party's decision in force: its latest `behandling` (spec §5.7). */
  readonly latest: boolean;
}

export interface ReportModel {
  readonly kind: "agreement";
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly meta: ReportMeta;
  /** The file the agreement is in (as the caller names it). */
  readonly file: string;
  readonly agreement: { readonly id: string; readonly title: string; readonly status: string; readonly statusId: Ast.AgreementStatus };
  readonly period?: { readonly from: number; readonly to: number };
  readonly community?: { readonly id: string; readonly name: string; readonly region?: string };
  readonly parties: readonly ReportParty[];
  readonly purposes: readonly ReportPurpose[];
  readonly targetGroups: readonly ReportTargetGroup[];
  readonly hospital?: ReportHospital;
  readonly measures: readonly ReportMeasure[];
  readonly flows: readonly ReportFlow[];
  readonly balance?: ReportBalance;
  readonly texts: {
    readonly justification?: string;
    readonly continuation?: string;
    readonly personnelEffect?: { readonly value: string; readonly text?: string };
    readonly indicators: readonly { readonly text: string; readonly from: string; readonly to: string; readonly by?: number }[];
  };
  readonly decisions: readonly ReportDecision[];
  readonly control: {
    readonly errors: number;
    readonly warnings: number;
    readonly findings: readonly ReportFinding[];
    readonly waivers: readonly ReportWaiver[];
  };
  readonly frames: readonly ReportFrame[];
  /** Set for a `--part` extract: the party whose council it is for. */
  readonly part?: string;
}

export interface ReportOptions {
  readonly locale: Locale;
  readonly date: string;
  readonly hfaVersion: string;
  /** How the file is named in the report (default: its URI). */
  readonly fileLabel?: string;
}

/** Today's date as `YYYY-MM-DD` (UTC). */
export function isoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const say = (locale: Locale, nb: string, en: string) => (locale === "nb" ? nb : en);

/** An author's text as one paragraph: a string written over several lines keeps its words, not its indentation. */
function prose(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function partyOf(decl: AgreementAnalysis["resolved"]["parties"][number], locale: Locale): ReportParty {
  const isTrust = decl.decl.kind === "healthTrust";
  const number = decl.decl.kind === "municipality" ? decl.decl.node.number?.value : undefined;
  return {
    id: decl.name,
    name: decl.decl.node.title.value,
    ...(number ? { number } : {}),
    kind: isTrust ? "helseforetak" : "kommune",
    side: sideLabel(decl.side, locale),
  };
}

function isIn(span: Ast.Span, outer: Ast.Span): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

function finding(d: Diagnostic, file: SourceFile, locale: Locale): ReportFinding {
  const at = file.lines.position(d.start);
  const rule = ruleInfo(d.code);
  return { code: d.code, rule: rule ? rule[locale] : d.code, severity: d.severity, message: d.message, line: at.line + 1, column: at.character + 1 };
}

/** One party's balance as the checker computed it; end-of-period and period figures are the analysis' own (v1.1). */
function partyBalance(p: PartyBalance, name: string, periodEnd: number): ReportPartyBalance {
  const rows = p.rows.map((row): ReportYearRow => ({ ...row }));
  const atEnd = [...p.rows].reverse().find((row) => row.year <= periodEnd);
  const inPeriod = (row: YearRow) => !row.continuation && row.year <= periodEnd;
  return {
    party: p.party,
    name,
    rows,
    totals: { ...p.totals },
    atPeriodEnd: p.atPeriodEnd ?? atEnd?.cumulative ?? 0,
    atHorizon: p.atHorizon,
    ...(p.breakEven !== undefined ? { breakEven: p.breakEven } : {}),
    ...(p.breakEvenByPeriodEnd !== undefined ? { breakEvenByPeriodEnd: p.breakEvenByPeriodEnd } : {}),
    inputInPeriod: p.periodInput ?? p.rows.filter(inPeriod).reduce((sum, row) => sum + row.input, 0),
    grantInPeriod: p.periodGrant ?? p.rows.filter(inPeriod).reduce((sum, row) => sum + row.grant, 0),
    continuationCost: rows.filter((row) => row.continuation).reduce((sum, row) => sum + row.input, 0),
  };
}

function indicatorMeasure(m: Ast.IndicatorMeasure, locale: Locale): string {
  const number = locale === "nb" ? String(m.number.value).replace(".", ",") : String(m.number.value);
  if (!m.suffix) return number;
  return m.suffix.kind === "percent" ? `${number} %` : `${number} ${m.suffix.unit}`;
}

/** The frame per year of every scheme this agreement draws on (spec §5.5). */
export function framesOf(analysis: WorkspaceAnalysis, agreement: AgreementAnalysis): ReportFrame[] {
  const community = agreement.resolved.community;
  const out: ReportFrame[] = [];
  const seen = new Set<unknown>();
  for (const grant of agreement.money.grants) {
    const scheme = grant.scheme;
    if (seen.has(scheme)) continue;
    seen.add(scheme);
    out.push(frameOf(analysis, scheme, community?.name.text, agreement));
  }
  return out;
}

type SchemeDecl = AgreementAnalysis["money"]["grants"][number]["scheme"];

/** A scheme's frame for one helsefellesskap, year by year, with what its agreements draw. */
export function frameOf(analysis: WorkspaceAnalysis, scheme: SchemeDecl, community: string | undefined, agreement?: AgreementAnalysis): ReportFrame {
  const frameByYear = new Map<number, number>();
  let sharePercent = 0;
  for (const item of scheme.node.items) {
    if (item.kind === "frame") frameByYear.set(item.year.value, (frameByYear.get(item.year.value) ?? 0) + item.money.amount);
    if (item.kind === "distribution") for (const entry of item.entries) if (entry.community.text === community) sharePercent += entry.percent.value;
  }
  const drawn = new Map<number, { all: number; mine: number; agreements: Set<AgreementAnalysis> }>();
  for (const other of analysis.agreements) {
    if (!community || other.resolved.community?.name.text !== community) continue;
    for (const grant of other.money.grants) {
      if (grant.scheme !== scheme) continue;
      for (const [year, amount] of grant.years) {
        const entry = drawn.get(year) ?? { all: 0, mine: 0, agreements: new Set() };
        entry.all += amount;
        if (other === agreement) entry.mine += amount;
        entry.agreements.add(other);
        drawn.set(year, entry);
      }
    }
  }
  const years = [...new Set([...frameByYear.keys(), ...drawn.keys()])].sort((a, b) => a - b);
  return {
    scheme: scheme.name.text,
    schemeName: scheme.node.title.value,
    years: years.map((year): ReportFrameYear => {
      const frame = frameByYear.get(year) ?? 0;
      const share = (frame * sharePercent) / 100;
      const entry = drawn.get(year);
      const drawnByAll = entry?.all ?? 0;
      return { year, frame, sharePercent, share, drawnByAll, thisAgreement: entry?.mine ?? 0, left: share - drawnByAll, agreements: entry?.agreements.size ?? 0 };
    }),
  };
}

/** The report of one agreement, from the workspace's analysis. */
export function buildReportModel(analysis: WorkspaceAnalysis, agreement: AgreementAnalysis, file: SourceFile, options: ReportOptions): ReportModel {
  const { locale } = options;
  const node = agreement.node;
  const resolved = agreement.resolved;
  const parties = resolved.parties.map((p) => partyOf(p, locale));
  const nameOf = (id: string) => parties.find((p) => p.id === id)?.name ?? id;

  const purposes: ReportPurpose[] = [];
  const targetGroups: ReportTargetGroup[] = [];
  const measures: ReportMeasure[] = [];
  const decisions: Omit<ReportDecision, "latest">[] = [];
  const indicators: ReportModel["texts"]["indicators"][number][] = [];
  let status: Ast.AgreementStatus = "utkast";
  let continuation: string | undefined;
  let justification: string | undefined;
  let personnelEffect: ReportModel["texts"]["personnelEffect"];

  for (const clause of node.clauses) {
    switch (clause.kind) {
      case "status":
        status = clause.value.value;
        break;
      case "purpose": {
        const purpose = PURPOSES_BY_ID.get(clause.purpose.text);
        if (!purpose) break; // HFA202 says what is wrong
        const wording = WORDINGS[purpose.wording];
        purposes.push({ id: purpose.id, label: purpose[locale], justification: prose(clause.text.value), wording: { id: wording.id, text: wording.text, source: wording.source } });
        break;
      }
      case "targetGroups":
        for (const ref of clause.refs) {
          const national = NATIONAL_GROUPS_BY_ID.get(ref.text);
          if (national) {
            targetGroups.push({ id: national.id, name: national[locale], national: true, source: GROUP_SOURCE });
            continue;
          }
          const local = analysis.symbols.first("group", ref.text);
          if (local) targetGroups.push({ id: ref.text, name: local.node.title.value, national: false });
        }
        break;
      case "measure":
        measures.push({
          id: clause.name.text,
          title: clause.title.value,
          purposes: clause.items.flatMap((item) => (item.kind === "measurePurposes" ? item.refs.map((r) => PURPOSES_BY_ID.get(r.text)?.[locale] ?? r.text) : [])),
          descriptions: clause.items.flatMap((item) => (item.kind === "description" ? [prose(item.text.value)] : [])),
          positions: clause.items.flatMap((item) =>
            item.kind === "position" ? [{ title: item.title.value, fte: item.fte.value, shares: item.shares.map((s) => ({ party: nameOf(s.party.text), percent: s.percent.value })) }] : [],
          ),
        });
        break;
      case "balance":
        for (const item of clause.items) if (item.kind === "justification") justification = prose(item.text.value);
        break;
      case "continuation":
        continuation = prose(clause.text.value);
        break;
      case "personnelEffect":
        personnelEffect = { value: personnelEffectLabel(clause.value.value, locale), ...(clause.text ? { text: prose(clause.text.value) } : {}) };
        break;
      case "indicator":
        indicators.push({
          text: prose(clause.text.value),
          from: indicatorMeasure(clause.from, locale),
          to: indicatorMeasure(clause.to, locale),
          ...(clause.by ? { by: clause.by.value } : {}),
        });
        break;
      case "decision":
        if (!resolved.partyByName.isPartyRef(clause.party)) break; // HFA304: not a party
        decisions.push({
          party: clause.party.text,
          partyName: nameOf(clause.party.text),
          body: bodyLabel(clause.body.value, locale),
          date: clause.date.iso ?? clause.date.text,
          outcome: outcomeLabel(clause.outcome?.value ?? "planlagt", locale),
        });
        break;
      default:
        break;
    }
  }
  // A party's decision in force is its latest by date (spec §5.7).
  const latestIndex = new Map<string, number>();
  decisions.forEach((d, i) => {
    const best = latestIndex.get(d.party);
    if (best === undefined || decisions[best]!.date <= d.date) latestIndex.set(d.party, i);
  });

  const flows: ReportFlow[] = agreement.money.flows.map((flow): ReportFlow => {
    const clause = flow.clause;
    const who =
      clause.kind === "transfer" ? `${nameOf(clause.from.text)} → ${nameOf(clause.to.text)}` : clause.kind === "grant" ? clause.scheme.text : nameOf(clause.party.text);
    return {
      role: flow.role,
      who,
      ...(flow.perYear !== undefined ? { perYear: flow.perYear } : {}),
      years: [...flow.years],
      ...(clause.note ? { note: prose(clause.note.value) } : {}),
    };
  });

  const hospitalDecl = resolved.hospital;
  const hospital: ReportHospital | undefined = hospitalDecl
    ? {
        id: hospitalDecl.name.text,
        name: hospitalDecl.node.title.value,
        kind: HOSPITAL_KIND_TEXT[hospitalDecl.node.hospitalKind.value][locale],
        healthTrust: hospitalDecl.healthTrust.title.value,
        smallest: SMALL_HOSPITAL_KINDS.has(hospitalDecl.node.hospitalKind.value),
      }
    : undefined;

  const money = agreement.money.balance;
  const period = resolved.period && resolved.period.to >= resolved.period.from ? { from: resolved.period.from, to: resolved.period.to } : undefined;
  const balance: ReportBalance | undefined =
    money && period
      ? {
          firstYear: money.firstYear,
          periodEnd: period.to,
          horizon: money.horizon,
          horizonExplicit: money.horizonExplicit,
          parties: money.parties.map((p) => partyBalance(p, nameOf(p.party), period.to)),
          total: partyBalance(money.total, say(locale, "Samlet", "Total"), period.to),
        }
      : undefined;

  const inAgreement = (analysis.diagnostics.get(agreement.uri) ?? []).filter((d) => isIn(d, node));
  const remaining = inAgreement.filter((d) => d.suppressed === undefined);
  const findings = remaining.filter((d) => d.severity === "error" || d.severity === "warning").map((d) => finding(d, file, locale));
  const waivers = inAgreement
    .filter((d) => d.suppressed !== undefined)
    .map((d): ReportWaiver => ({ ...finding(d, file, locale), reason: d.suppressed! }));

  const community = resolved.community;
  const region = community?.node.items.find((item): item is Ast.RegionItem => item.kind === "region")?.value.value;

  return {
    kind: "agreement",
    schemaVersion: REPORT_SCHEMA_VERSION,
    meta: { date: options.date, hfaVersion: options.hfaVersion, locale },
    file: options.fileLabel ?? agreement.uri,
    agreement: { id: node.name.text, title: node.title.value, status: statusLabel(status, locale), statusId: status },
    ...(period ? { period } : {}),
    ...(community ? { community: { id: community.name.text, name: community.node.title.value, ...(region ? { region } : {}) } } : {}),
    parties,
    purposes,
    targetGroups,
    ...(hospital ? { hospital } : {}),
    measures,
    flows,
    ...(balance ? { balance } : {}),
    texts: {
      ...(justification !== undefined ? { justification } : {}),
      ...(continuation !== undefined ? { continuation } : {}),
      ...(personnelEffect ? { personnelEffect } : {}),
      indicators,
    },
    decisions: decisions.map((d, i) => ({ ...d, latest: latestIndex.get(d.party) === i })),
    control: {
      errors: remaining.filter((d) => d.severity === "error").length,
      warnings: remaining.filter((d) => d.severity === "warning").length,
      findings,
      waivers,
    },
    frames: framesOf(analysis, agreement),
  };
}

/**
 * The `--part` extract: the same model, marked for one party (renderers show
 * its own figures, its decision and the agreement's summary). Undefined when
 * `party` is not a party of the agreement.
 */
export function forParty(model: ReportModel, party: string): ReportModel | undefined {
  const found = model.parties.find((p) => p.id === party || p.name === party || p.number === party);
  return found ? { ...model, part: found.id } : undefined;
}
