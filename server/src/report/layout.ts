/**
 * What the report says, in order, as format-neutral blocks (title, banner,
 * headings, paragraphs, quotes, tables, chart). Written once here from the
 * `ReportModel`; each renderer (html, pdf, docx, md) only decides how a
 * block looks, so every format carries the same sections and figures.
 */
import type { Locale } from "../analysis/index.js";
import type { ChartData } from "./chart.js";
import { amount, countOf, kr, list, percent, severityLabel, signedAmount, span, word } from "./labels.js";
import type { ReportModel, ReportPartyBalance } from "./model.js";
import type { OverviewModel } from "./overview.js";

export type Align = "left" | "right";

export interface TableBlock {
  readonly kind: "table";
  readonly header: readonly string[];
  readonly align: readonly Align[];
  readonly rows: readonly (readonly string[])[];
  /** Rows drawn bold after the body (sums). */
  readonly footer?: readonly (readonly string[])[];
  /** Indices of body rows drawn muted (the continuation years). */
  readonly muted?: readonly number[];
  /** Relative column widths. */
  readonly widths?: readonly number[];
}

export type Block =
  | { readonly kind: "title"; readonly overline: string; readonly title: string; readonly facts: readonly (readonly [string, string])[] }
  | { readonly kind: "banner"; readonly text: string }
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string; readonly label?: string; readonly note?: boolean }
  | { readonly kind: "quote"; readonly text: string; readonly source: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | TableBlock
  | { readonly kind: "chart"; readonly title: string; readonly chart: ChartData; readonly caption: string };

/** A section starts on a new page when printed. */
export interface Section {
  readonly id: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly lang: Locale;
  /** Document title (HTML <title>, PDF/DOCX metadata). */
  readonly title: string;
  readonly sections: readonly Section[];
}

/** «Kombinerte jordmorstillinger …» → «kombinerte jordmorstillinger …», but «FACT Innherred» stays. */
function asContinuation(title: string): string {
  const first = title.split(/\s/)[0] ?? "";
  if (first.length > 1 && first === first.toUpperCase()) return title;
  return title.charAt(0).toLocaleLowerCase("nb") + title.slice(1);
}

function partyLabel(p: ReportModel["parties"][number]): string {
  return p.number ? `${p.name} (${p.number})` : p.name;
}

function titleBlock(model: ReportModel, overline: string): Block {
  const l = model.meta.locale;
  const facts: [string, string][] = [
    [word("parties", l), list(model.parties.map(partyLabel), l)],
    [word("community", l), model.community ? model.community.name : "–"],
    [word("period", l), model.period ? span(model.period.from, model.period.to) : "–"],
    [word("status", l), model.agreement.status],
    [word("reportDate", l), model.meta.date],
    [word("hfaVersion", l), model.meta.hfaVersion],
  ];
  const title = l === "nb" ? `${word("docTitle", l)} ${asContinuation(model.agreement.title)}` : `${word("docTitle", l)} ${model.agreement.title}`;
  return { kind: "title", overline, title, facts };
}

function banner(model: ReportModel): Block[] {
  const l = model.meta.locale;
  return model.control.errors > 0 ? [{ kind: "banner", text: `${word("draftBanner", l)} ${countOf(model.control.errors, "error", l)}` }] : [];
}

const MONEY_ALIGN: readonly Align[] = ["left", "right", "right", "right", "right", "right", "right"];

function breakEvenText(p: ReportPartyBalance, horizon: number, l: Locale): string {
  return p.breakEven !== undefined ? String(p.breakEven) : `${word("notByHorizon", l)} ${horizon}`;
}

function summaryTable(model: ReportModel, only?: string): TableBlock {
  const l = model.meta.locale;
  const b = model.balance!;
  const row = (p: ReportPartyBalance) => [
    p.name,
    amount(p.totals.input, l),
    amount(p.totals.grant, l),
    amount(p.totals.saving, l),
    signedAmount(p.totals.transferIn - p.totals.transferOut, l),
    signedAmount(p.atPeriodEnd, l),
    signedAmount(p.atHorizon, l),
    breakEvenText(p, b.horizon, l),
  ];
  const parties = only ? b.parties.filter((p) => p.party === only) : b.parties;
  return {
    kind: "table",
    header: [
      word("party", l),
      word("input", l),
      word("grant", l),
      word("saving", l),
      word("transfers", l),
      `${word("atPeriodEnd", l)} ${b.periodEnd}`,
      `${word("atHorizon", l)} ${b.horizon}`,
      word("breaksEven", l),
    ],
    align: [...MONEY_ALIGN, "right"],
    rows: parties.map(row),
    footer: [row(b.total)],
    // Every amount column wide enough for a bold total of eight digits with
    // English thousands separators («12,282,000»), and the transfers column
    // for its heading «Overføringer», also in a wider fallback font than
    // Calibri (DejaVu Sans, where LibreOffice has no Carlito).
    widths: [13, 12, 12, 12, 12, 13, 14, 12],
  };
}

function partyTable(p: ReportPartyBalance, l: Locale): TableBlock {
  const rows = p.rows.map((r) => [
    r.continuation ? `${r.year} (${word("continuationMark", l)})` : String(r.year),
    amount(r.input, l),
    amount(r.grant, l),
    amount(r.saving, l),
    signedAmount(r.transferIn - r.transferOut, l),
    signedAmount(r.net, l),
    signedAmount(r.cumulative, l),
  ]);
  return {
    kind: "table",
    header: [word("year", l), word("input", l), word("grant", l), word("saving", l), word("transfers", l), word("net", l), word("cumulative", l)],
    align: MONEY_ALIGN,
    rows,
    footer: [
      [
        word("totalRow", l),
        amount(p.totals.input, l),
        amount(p.totals.grant, l),
        amount(p.totals.saving, l),
        signedAmount(p.totals.transferIn - p.totals.transferOut, l),
        signedAmount(p.totals.net, l),
        signedAmount(p.atHorizon, l),
      ],
    ],
    muted: p.rows.flatMap((r, i) => (r.continuation ? [i] : [])),
    widths: [20, 13, 13, 13, 13, 13, 15],
  };
}

function chartBlock(model: ReportModel, only?: string): Block {
  const l = model.meta.locale;
  const b = model.balance!;
  const parties = only ? b.parties.filter((p) => p.party === only) : b.parties;
  return {
    kind: "chart",
    title: word("chartTitle", l),
    chart: {
      years: b.total.rows.map((r) => r.year),
      periodEnd: b.periodEnd,
      series: [...parties, ...(only ? [] : [b.total])].map((p) => ({ label: p.name, values: p.rows.map((r) => r.cumulative), ...(p.breakEven !== undefined ? { breakEven: p.breakEven } : {}) })),
    },
    caption:
      l === "nb"
        ? `${word("chartTitle", l)}, ${span(b.firstYear, b.horizon)} (kr). Året parten kommer i balanse står i parentes bak navnet og er merket på linjen; årene etter ${b.periodEnd} er videreføringen.`
        : `${word("chartTitle", l)}, ${span(b.firstYear, b.horizon)} (NOK). The year a party breaks even is in brackets after its name and marked on its line; the years after ${b.periodEnd} are the continuation.`,
  };
}

function balanceSentences(model: ReportModel): Block[] {
  const l = model.meta.locale;
  const b = model.balance!;
  const out: Block[] = [];
  const t = b.total;
  const grantParties = b.parties.filter((p) => Math.round(p.grantInPeriod) !== 0);
  if (model.period) {
    const who = list(grantParties.map((p) => `${p.name} ${kr(p.grantInPeriod, l)}`), l);
    out.push({
      kind: "paragraph",
      label: word("partialFinancing", l),
      text:
        l === "nb"
          ? `Over perioden ${span(model.period.from, model.period.to)} legger partene inn ${kr(t.inputInPeriod, l)} i egen innsats mot ${kr(t.grantInPeriod, l)} i tilskudd${who ? ` (${who})` : ""}.`
          : `Over the period ${span(model.period.from, model.period.to)} the parties put in ${kr(t.inputInPeriod, l)} of their own against ${kr(t.grantInPeriod, l)} of grant${who ? ` (${who})` : ""}.`,
    });
  }
  if (b.horizon > b.periodEnd) {
    const perParty = b.parties.filter((p) => Math.round(p.continuationCost) !== 0).map((p) => `${p.name} ${kr(p.continuationCost, l)}`);
    out.push({
      kind: "paragraph",
      label: word("continuationCost", l),
      text:
        l === "nb"
          ? `Fra ${b.periodEnd + 1} til horisonten ${b.horizon} er tilskuddet slutt. Å drive tiltaket videre koster partene ${kr(t.continuationCost, l)} i egen innsats${perParty.length ? ` (${list(perParty, l)})` : ""}, og besparelsene i de årene veies mot denne kostnaden.`
          : `From ${b.periodEnd + 1} to the horizon ${b.horizon} the grant has ended. Running the measure on costs the parties ${kr(t.continuationCost, l)} of own input${perParty.length ? ` (${list(perParty, l)})` : ""}, and the savings of those years are weighed against it.`,
    });
  }
  out.push(breakEvenSentence(model));
  out.push({ kind: "paragraph", text: word("grantNotInNet", l), note: true });
  return out;
}

/** Break-even at the end of the period and at the horizon, in words. */
function breakEvenSentence(model: ReportModel): Block {
  const l = model.meta.locale;
  const b = model.balance!;
  const names = (ps: readonly ReportPartyBalance[]) => list(ps.map((p) => p.name), l);
  const atEnd = b.parties.filter((p) => p.atPeriodEnd >= -0.005);
  const atHorizon = b.parties.filter((p) => p.breakEven !== undefined);
  const notAtEnd = b.parties.filter((p) => !atEnd.includes(p));
  const notAtHorizon = b.parties.filter((p) => !atHorizon.includes(p));
  const nb = (ok: readonly ReportPartyBalance[], not: readonly ReportPartyBalance[], when: string) =>
    ok.length === b.parties.length
      ? `${when} er alle partene i balanse.`
      : ok.length === 0
        ? `${when} er ingen av partene i balanse.`
        : `${when} er ${names(ok)} i balanse, ${names(not)} ikke.`;
  const en = (ok: readonly ReportPartyBalance[], not: readonly ReportPartyBalance[], when: string) =>
    ok.length === b.parties.length
      ? `${when} every party breaks even.`
      : ok.length === 0
        ? `${when} no party breaks even.`
        : `${when} ${names(ok)} ${ok.length === 1 ? "breaks" : "break"} even, ${names(not)} ${not.length === 1 ? "does" : "do"} not.`;
  const text =
    l === "nb"
      ? `${nb(atEnd, notAtEnd, `Ved periodens slutt (${b.periodEnd})`)} ${nb(atHorizon, notAtHorizon, `Ved horisonten (${b.horizon})`)}`
      : `${en(atEnd, notAtEnd, `At the end of the period (${b.periodEnd})`)} ${en(atHorizon, notAtHorizon, `At the horizon (${b.horizon})`)}`;
  return { kind: "paragraph", label: word("whenBalanced", l), text };
}

function flowList(model: ReportModel): Block {
  const l = model.meta.locale;
  const roleWord = { input: word("input", l), grant: word("grantFrom", l), saving: word("savingOne", l), transfer: word("transferOne", l) };
  return {
    kind: "list",
    items: model.flows.map((f) => {
      const value = f.perYear === undefined ? "–" : `${kr(f.perYear, l)}${f.years.length > 1 ? ` ${word("perYear", l)}` : ""}`;
      const years = f.years.length === 0 ? "" : ` (${span(f.years[0]!, f.years[f.years.length - 1]!)})`;
      const lead = f.role === "grant" ? `${roleWord.grant} ${f.who}` : `${roleWord[f.role]}, ${f.who}`;
      return `${lead}: ${value}${years}${f.note ? ` – ${f.note}` : ""}`;
    }),
  };
}

function decisionsTable(model: ReportModel, only?: string): Block[] {
  const l = model.meta.locale;
  const decisions = only ? model.decisions.filter((d) => d.party === only) : model.decisions;
  if (decisions.length === 0) return [{ kind: "paragraph", text: word("noDecisions", l) }];
  return [
    {
      kind: "table",
      header: [word("party", l), word("body", l), word("date", l), word("outcome", l)],
      align: ["left", "left", "left", "left"],
      rows: decisions.map((d) => [d.partyName, d.body, d.date, d.latest ? d.outcome : `${d.outcome} (${word("superseded", l)})`]),
      widths: [30, 25, 20, 25],
    },
  ];
}

function controlBlocks(model: ReportModel): Block[] {
  const l = model.meta.locale;
  const c = model.control;
  const out: Block[] = [{ kind: "heading", level: 2, text: word("remaining", l) }];
  if (c.findings.length === 0) out.push({ kind: "paragraph", text: word("noFindings", l) });
  else
    out.push({
      kind: "table",
      header: [word("rule", l), word("severity", l), word("message", l), word("line", l)],
      align: ["left", "left", "left", "right"],
      rows: c.findings.map((f) => [`${f.rule} (${f.code})`, severityLabel(f.severity, l), f.message, String(f.line)]),
      widths: [25, 10, 57, 8],
    });
  out.push({ kind: "heading", level: 2, text: word("waivers", l) });
  if (c.waivers.length === 0) out.push({ kind: "paragraph", text: word("noWaivers", l) });
  else
    out.push({
      kind: "table",
      header: [word("rule", l), word("message", l), word("reason", l), word("line", l)],
      align: ["left", "left", "left", "right"],
      rows: c.waivers.map((w) => [`${w.rule} (${w.code})`, w.message, w.reason, String(w.line)]),
      widths: [25, 40, 27, 8],
    });
  out.push({ kind: "heading", level: 2, text: word("frame", l) });
  if (model.frames.length === 0) out.push({ kind: "paragraph", text: word("noFrame", l) });
  for (const frame of model.frames) {
    out.push({ kind: "heading", level: 3, text: `${frame.schemeName} (${frame.scheme})` });
    out.push({
      kind: "table",
      header: [word("year", l), word("frameYear", l), word("share", l), word("shareAmount", l), word("drawnByAll", l), word("thisAgreement", l), word("left", l)],
      align: ["left", "right", "right", "right", "right", "right", "right"],
      rows: frame.years.map((y) => [String(y.year), amount(y.frame, l), percent(y.sharePercent, l), amount(y.share, l), amount(y.drawnByAll, l), amount(y.thisAgreement, l), signedAmount(y.left, l)]),
      widths: [10, 15, 10, 17, 18, 15, 15],
    });
  }
  return out;
}

function purposeBlocks(model: ReportModel): Block[] {
  const l = model.meta.locale;
  const out: Block[] = [];
  for (const p of model.purposes) {
    out.push({ kind: "heading", level: 3, text: `${p.label.charAt(0).toLocaleUpperCase(l)}${p.label.slice(1)} (${p.id})` });
    out.push({ kind: "paragraph", label: word("justification", l), text: p.justification });
    out.push({ kind: "quote", text: p.wording.text, source: p.wording.source });
  }
  out.push({ kind: "heading", level: 2, text: word("targetGroups", l) });
  out.push(
    model.targetGroups.length === 0
      ? { kind: "paragraph", text: word("notStated", l) }
      : { kind: "list", items: model.targetGroups.map((g) => `${g.name} (${g.national ? word("nationalGroup", l) : word("localGroup", l)})`) },
  );
  out.push({ kind: "heading", level: 2, text: word("hospital", l) });
  const h = model.hospital;
  out.push(
    h
      ? {
          kind: "paragraph",
          text:
            l === "nb"
              ? `Tiltaket gjelder opptaksområdet til ${h.name} (${h.kind} i ${h.healthTrust}). ${h.smallest ? word("smallest", l) : word("notSmallest", l)}`
              : `The measure serves the catchment area of ${h.name} (${h.kind} of ${h.healthTrust}). ${h.smallest ? word("smallest", l) : word("notSmallest", l)}`,
        }
      : { kind: "paragraph", text: word("noHospital", l) },
  );
  return out;
}

function measureBlocks(model: ReportModel): Block[] {
  const l = model.meta.locale;
  const out: Block[] = [];
  if (model.measures.length === 0) out.push({ kind: "paragraph", text: word("notStated", l) });
  for (const m of model.measures) {
    out.push({ kind: "heading", level: 3, text: m.title });
    if (m.purposes.length > 0) out.push({ kind: "paragraph", label: word("servesPurposes", l), text: list(m.purposes, l) });
    for (const d of m.descriptions) out.push({ kind: "paragraph", text: d });
    if (m.positions.length > 0) {
      out.push({
        kind: "table",
        header: [word("position", l), word("fte", l), word("split", l)],
        align: ["left", "right", "left"],
        rows: m.positions.map((p) => [p.title, l === "nb" ? String(p.fte).replace(".", ",") : String(p.fte), list(p.shares.map((s) => `${s.party} ${percent(s.percent, l)}`), l)]),
        widths: [35, 12, 53],
      });
    }
  }
  return out;
}

function textBlocks(model: ReportModel): Block[] {
  const l = model.meta.locale;
  const t = model.texts;
  const out: Block[] = [
    { kind: "paragraph", label: word("balanceJustification", l), text: t.justification ?? word("notStated", l) },
    { kind: "paragraph", label: word("continuation", l), text: t.continuation ?? word("notStated", l) },
    {
      kind: "paragraph",
      label: word("personnelEffect", l),
      text: t.personnelEffect ? `${t.personnelEffect.value}${t.personnelEffect.text ? `: ${t.personnelEffect.text}` : ""}` : word("notStated", l),
    },
  ];
  out.push({ kind: "heading", level: 3, text: word("indicators", l) });
  out.push(
    t.indicators.length === 0
      ? { kind: "paragraph", text: word("notStated", l) }
      : {
          kind: "list",
          items: t.indicators.map((i) => `${i.text}: ${word("fromTo", l).replace("{from}", i.from).replace("{to}", i.to)}${i.by !== undefined ? ` ${word("by", l)} ${i.by}` : ""}`),
        },
  );
  return out;
}

function moneyBlocks(model: ReportModel): Block[] {
  const l = model.meta.locale;
  if (!model.balance) return [{ kind: "paragraph", text: word("noBalance", l) }];
  const b = model.balance;
  const out: Block[] = [
    { kind: "heading", level: 2, text: `${word("summary", l)} ${span(b.firstYear, b.horizon)}` },
    { kind: "paragraph", text: word("amountsIn", l), note: true },
    summaryTable(model),
    chartBlock(model),
    ...balanceSentences(model),
  ];
  for (const p of b.parties) {
    out.push({ kind: "heading", level: 3, text: p.name });
    out.push(partyTable(p, l));
  }
  out.push({ kind: "heading", level: 3, text: word("totalParty", l) });
  out.push(partyTable(b.total, l));
  out.push({ kind: "heading", level: 3, text: word("flows", l) });
  out.push(flowList(model));
  return out;
}

/** The title page's key figures: what the board decides on, before the detail. */
function keyFigures(model: ReportModel): Block[] {
  const l = model.meta.locale;
  const out: Block[] = [{ kind: "heading", level: 2, text: word("keyFigures", l) }];
  out.push({ kind: "paragraph", label: word("purposes", l), text: list(model.purposes.map((p) => p.label), l) || word("notStated", l) });
  if (model.balance) out.push({ kind: "paragraph", text: word("amountsIn", l), note: true }, summaryTable(model));
  out.push({ kind: "paragraph", label: word("control", l), text: `${countOf(model.control.errors, "error", l)}, ${countOf(model.control.warnings, "warning", l)}.` });
  return out;
}

/** The whole report of one agreement, or the `--part` extract when `model.part` is set. */
export function layoutReport(model: ReportModel): ReportDocument {
  const l = model.meta.locale;
  if (model.part !== undefined) return layoutExtract(model, model.part);
  const sections: Section[] = [
    { id: "title", blocks: [titleBlock(model, word("caseDocument", l)), ...banner(model), ...keyFigures(model)] },
    { id: "purposes", blocks: [{ kind: "heading", level: 1, text: word("purposes", l) }, ...purposeBlocks(model)] },
    { id: "measures", blocks: [{ kind: "heading", level: 1, text: word("measures", l) }, ...measureBlocks(model)] },
    { id: "money", blocks: [{ kind: "heading", level: 1, text: word("money", l) }, ...moneyBlocks(model)] },
    { id: "texts", blocks: [{ kind: "heading", level: 1, text: word("texts", l) }, ...textBlocks(model)] },
    {
      id: "decisions",
      blocks: [{ kind: "heading", level: 1, text: word("decisions", l) }, ...decisionsTable(model), { kind: "paragraph", text: word("decisionModel", l), note: true }],
    },
    { id: "control", blocks: [{ kind: "heading", level: 1, text: word("control", l) }, ...controlBlocks(model)] },
  ];
  return { lang: l, title: `${model.agreement.title} – ${word("caseDocument", l)}`, sections };
}

function layoutExtract(model: ReportModel, party: string): ReportDocument {
  const l = model.meta.locale;
  const p = model.parties.find((x) => x.id === party)!;
  const own: Block[] = [{ kind: "heading", level: 1, text: `${word("ownFigures", l)}: ${partyLabel(p)}` }];
  const mine = model.balance?.parties.find((x) => x.party === party);
  if (model.balance && mine) {
    own.push({ kind: "paragraph", text: word("amountsIn", l), note: true }, summaryTable(model, party), partyTable(mine, l), chartBlock(model, party));
  } else own.push({ kind: "paragraph", text: word("noBalance", l) });
  own.push({ kind: "heading", level: 2, text: word("decisions", l) }, ...decisionsTable(model, party));
  const whole: Block[] = [{ kind: "heading", level: 1, text: word("wholeAgreement", l) }];
  whole.push({ kind: "paragraph", label: word("purposes", l), text: list(model.purposes.map((x) => x.label), l) || word("notStated", l) });
  if (model.balance) whole.push(summaryTable(model), ...balanceSentences(model));
  whole.push({ kind: "paragraph", label: word("continuation", l), text: model.texts.continuation ?? word("notStated", l) });
  whole.push({
    kind: "paragraph",
    label: word("control", l),
    text: `${countOf(model.control.errors, "error", l)}, ${countOf(model.control.warnings, "warning", l)}.`,
  });
  return {
    lang: l,
    title: `${model.agreement.title} – ${word("extractFor", l)} ${p.name}`,
    // One flowing section: the extract is meant to fit on one or two pages.
    sections: [{ id: "extract", blocks: [titleBlock(model, `${word("extractFor", l)} ${p.name}`), ...banner(model), ...own, ...whole] }],
  };
}

/** The `--helsefellesskap` overview: every agreement against the frame. */
export function layoutOverview(model: OverviewModel): ReportDocument {
  const l = model.meta.locale;
  const agreements: Block =
    model.agreements.length === 0
      ? { kind: "paragraph", text: word("noAgreements", l) }
      : {
          kind: "table",
          header: [word("agreement", l), word("parties", l), word("status", l), word("period", l), word("grantPerYear", l), word("breaksEven", l), word("errorsCol", l)],
          align: ["left", "left", "left", "left", "right", "left", "right"],
          rows: model.agreements.map((a) => [
            `${a.title} (${a.id})`,
            list(a.parties, l),
            a.status,
            a.period ? span(a.period.from, a.period.to) : "–",
            a.grantPerYear.map((g) => `${g.year}: ${amount(g.amount, l)}`).join("; ") || "–",
            a.breakEven !== undefined ? String(a.breakEven) : a.horizon !== undefined ? `${word("notByHorizon", l)} ${a.horizon}` : "–",
            String(a.errors),
          ]),
          widths: [22, 22, 10, 10, 18, 10, 8],
        };
  const frames: Block[] = [{ kind: "heading", level: 1, text: word("frame", l) }];
  if (model.frames.length === 0) frames.push({ kind: "paragraph", text: word("noFrame", l) });
  for (const f of model.frames) {
    frames.push({ kind: "heading", level: 2, text: `${f.schemeName} (${f.scheme})` });
    frames.push({
      kind: "table",
      header: [word("year", l), word("shareAmount", l), word("drawnByAll", l), word("left", l), word("toSmallest", l), word("toHealthTrusts", l), word("toMunicipalities", l)],
      align: ["left", "right", "right", "right", "right", "right", "right"],
      rows: f.years.map((y) => [
        String(y.year),
        `${amount(y.share, l)} (${percent(y.sharePercent, l)})`,
        amount(y.drawn, l),
        signedAmount(y.left, l),
        amount(y.toSmallest, l),
        amount(y.toHealthTrusts, l),
        amount(y.toMunicipalities, l),
      ]),
      widths: [8, 18, 14, 14, 16, 14, 16],
    });
  }
  return {
    lang: l,
    title: `${word("overview", l)} ${model.community.name}`,
    sections: [
      {
        id: "title",
        blocks: [
          {
            kind: "title",
            overline: word("overviewOverline", l),
            title: `${word("overview", l)} ${model.community.name}`,
            facts: [
              [word("agreements", l), String(model.agreements.length)],
              [word("reportDate", l), model.meta.date],
              [word("hfaVersion", l), model.meta.hfaVersion],
            ],
          },
          { kind: "heading", level: 1, text: word("agreements", l) },
          { kind: "paragraph", text: word("amountsIn", l), note: true },
          agreements,
        ],
      },
      { id: "frame", blocks: frames },
    ],
  };
}
