/**
 * The words of the report in bokmål and English, and the way it writes
 * amounts: whole kroner with a no-break space between thousands (spec §8),
 * so «1 250 000» never breaks across lines in any format.
 */
import type { AgreementStatus, DecisionBody, DecisionOutcome, PersonnelEffect } from "../../../grammar/src/ast.js";
import { formatNumber, joinList, type Locale, type Side } from "../analysis/index.js";

export const NBSP = "\u00a0";

/** `1250000` → `1 250 000` (no-break spaces; `1,250,000` in English); `−` for negatives. */
export function amount(value: number, locale: Locale): string {
  const rounded = Math.round(value);
  return formatNumber(rounded === 0 ? 0 : rounded, locale).replace(/ /g, NBSP);
}

/** `+990 000`, `−510 000`, `0`. */
export function signedAmount(value: number, locale: Locale): string {
  const rounded = Math.round(value);
  return (rounded > 0 ? "+" : "") + amount(rounded, locale);
}

/** `1 250 000 kr` / `NOK 1,250,000`. */
export function kr(value: number, locale: Locale): string {
  return locale === "nb" ? `${amount(value, locale)}${NBSP}kr` : `NOK${NBSP}${amount(value, locale)}`;
}

export function percent(value: number, locale: Locale): string {
  const rounded = Math.round(value * 100) / 100;
  return `${locale === "nb" ? String(rounded).replace(".", ",") : String(rounded)}${NBSP}%`;
}

/** `2025–2027` (en dash), or one year. */
export function span(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

export function list(items: readonly string[], locale: Locale): string {
  return joinList(items, locale);
}

const STATUS: Record<AgreementStatus, { nb: string; en: string }> = {
  utkast: { nb: "utkast", en: "draft" },
  "til-behandling": { nb: "til behandling", en: "for decision" },
  vedtatt: { nb: "vedtatt", en: "adopted" },
};
const BODY: Record<DecisionBody, { nb: string; en: string }> = {
  styre: { nb: "styret", en: "board" },
  kommunestyre: { nb: "kommunestyret", en: "municipal council" },
  bystyre: { nb: "bystyret", en: "city council" },
  formannskap: { nb: "formannskapet", en: "executive committee" },
  delegert: { nb: "delegert vedtak", en: "delegated decision" },
};
const OUTCOME: Record<DecisionOutcome, { nb: string; en: string }> = {
  planlagt: { nb: "planlagt", en: "planned" },
  vedtatt: { nb: "vedtatt", en: "adopted" },
  avvist: { nb: "avvist", en: "rejected" },
};
const EFFECT: Record<PersonnelEffect, { nb: string; en: string }> = {
  personellbesparende: { nb: "personellbesparende", en: "saves personnel" },
  nøytral: { nb: "nøytral", en: "neutral" },
  personelldrivende: { nb: "personelldrivende", en: "drives up personnel needs" },
};

export const statusLabel = (status: AgreementStatus, locale: Locale) => STATUS[status][locale];
export const bodyLabel = (body: DecisionBody, locale: Locale) => BODY[body][locale];
export const outcomeLabel = (outcome: DecisionOutcome, locale: Locale) => OUTCOME[outcome][locale];
export const personnelEffectLabel = (effect: PersonnelEffect, locale: Locale) => EFFECT[effect][locale];
export const sideLabel = (side: Side, locale: Locale) =>
  side === "spesialist"
    ? locale === "nb" ? "spesialisthelsetjenesten" : "specialist health service"
    : locale === "nb" ? "kommunal helse- og omsorgstjeneste" : "municipal health and care service";

/** Every fixed text of the report. */
const WORDS = {
  docTitle: { nb: "Samarbeidsavtale om", en: "Collaboration agreement:" },
  keyFigures: { nb: "Hovedtall", en: "Key figures" },
  caseDocument: { nb: "Styrenotat", en: "Board memo" },
  extractFor: { nb: "Utdrag for", en: "Extract for" },
  parties: { nb: "Parter", en: "Parties" },
  community: { nb: "Helsefellesskap", en: "Health community" },
  period: { nb: "Periode", en: "Period" },
  status: { nb: "Status", en: "Status" },
  reportDate: { nb: "Dato for rapporten", en: "Date of report" },
  hfaVersion: { nb: "Laget med HFA", en: "Made with HFA" },
  file: { nb: "Fil", en: "File" },
  draftBanner: { nb: "Utkast – avtalen har", en: "Draft – the agreement has" },
  purposes: { nb: "Formål", en: "Purposes" },
  purpose: { nb: "Formål", en: "Purpose" },
  justification: { nb: "Partenes begrunnelse", en: "The parties' justification" },
  officialWording: { nb: "Ordlyden formålet bygger på", en: "The official wording it serves" },
  targetGroups: { nb: "Målgrupper", en: "Target groups" },
  nationalGroup: { nb: "nasjonal prioritert gruppe", en: "national priority group" },
  localGroup: { nb: "lokalt prioritert gruppe", en: "locally prioritised group" },
  hospital: { nb: "Sykehus og opptaksområde", en: "Hospital and catchment" },
  smallest: { nb: "Et av de minste sykehusene, som det skal legges vekt på ved tildeling.", en: "One of the smallest hospitals, which the allocation is to favour." },
  notSmallest: { nb: "Ikke et av de minste sykehusene.", en: "Not one of the smallest hospitals." },
  noHospital: { nb: "Avtalen nevner ikke noe sykehus.", en: "The agreement names no hospital." },
  measures: { nb: "Tiltak og stillinger", en: "Measures and positions" },
  position: { nb: "Stilling", en: "Position" },
  fte: { nb: "Årsverk", en: "FTE" },
  split: { nb: "Fordeling", en: "Split" },
  servesPurposes: { nb: "Formål", en: "Purposes" },
  money: { nb: "Egen innsats, tilskudd og besparelser", en: "Own input, grant and savings" },
  year: { nb: "År", en: "Year" },
  input: { nb: "Egen innsats", en: "Own input" },
  grant: { nb: "Tilskudd mottatt", en: "Grant received" },
  saving: { nb: "Besparelser", en: "Savings" },
  transfers: { nb: "Overføringer", en: "Transfers" },
  net: { nb: "Netto", en: "Net" },
  cumulative: { nb: "Kumulert netto", en: "Cumulative net" },
  totalRow: { nb: "Sum", en: "Total" },
  totalParty: { nb: "Samlet", en: "Total" },
  party: { nb: "Part", en: "Party" },
  breaksEven: { nb: "I balanse fra", en: "Breaks even" },
  notByHorizon: { nb: "ikke innen", en: "not by" },
  whenBalanced: { nb: "Når partene er i balanse", en: "When the parties break even" },
  atPeriodEnd: { nb: "Kumulert ved periodens slutt", en: "Cumulative at end of period" },
  atHorizon: { nb: "Kumulert ved horisonten", en: "Cumulative at the horizon" },
  summary: { nb: "Sammendrag av balansen", en: "Summary of the balance" },
  amountsIn: { nb: "Alle beløp i kroner.", en: "All amounts in NOK." },
  continuationMark: { nb: "videreføring", en: "continuation" },
  chartTitle: { nb: "Kumulert netto per part", en: "Cumulative net per party" },
  axisKroner: { nb: "kr", en: "NOK" },
  axisMillions: { nb: "mill. kr", en: "NOK million" },
  grantNotInNet: {
    nb: "Tilskuddet betaler for det tilskuddsklausulen beskriver, i tillegg til partenes egen innsats, og er derfor ikke med i netto (språkreferansen, docs/language.md §5.4).",
    en: "The grant pays for what its clause describes, on top of the parties' own input, so it is not part of the net (language reference, docs/language.md §5.4).",
  },
  partialFinancing: { nb: "Delfinansiering", en: "Partial financing" },
  continuationCost: { nb: "Hva videreføringen koster", en: "What continuing costs" },
  grantFrom: { nb: "Tilskudd fra", en: "Grant from" },
  savingOne: { nb: "Besparelse", en: "Saving" },
  transferOne: { nb: "Overføring", en: "Transfer" },
  flows: { nb: "Beløpene i avtalen", en: "The amounts in the agreement" },
  perYear: { nb: "per år", en: "a year" },
  texts: { nb: "Begrunnelser og oppfølging", en: "Justifications and follow-up" },
  balanceJustification: { nb: "Begrunnelse for balansen", en: "Justification of the balance" },
  continuation: { nb: "Videreføring", en: "Continuation" },
  personnelEffect: { nb: "Personelleffekt", en: "Effect on personnel" },
  indicators: { nb: "Indikatorer", en: "Indicators" },
  fromTo: { nb: "fra {from} til {to}", en: "from {from} to {to}" },
  by: { nb: "innen", en: "by" },
  notStated: { nb: "Ikke oppgitt i avtalen.", en: "Not stated in the agreement." },
  decisions: { nb: "Vedtak", en: "Decisions" },
  body: { nb: "Organ", en: "Body" },
  date: { nb: "Dato", en: "Date" },
  outcome: { nb: "Utfall", en: "Outcome" },
  decisionModel: {
    nb: "Meld. St. 9 (2023–2024) beskriver en modell der avtalen «i neste omgang behandles i helseforetakets styre og kommunenes besluttende organer». Hvem som kan binde en part, følger av partens eget delegeringsreglement. En parts vedtak er den siste behandlingen etter dato.",
    en: "Meld. St. 9 (2023–2024) describes a model in which the agreement is then decided by the health trust's board and the municipalities' decision bodies. Who may bind a party follows from its own delegation rules. A party's decision is its latest by date.",
  },
  noDecisions: { nb: "Ingen behandling er oppgitt.", en: "No decision is stated." },
  superseded: { nb: "erstattet av en senere behandling", en: "superseded by a later decision" },
  control: { nb: "Kontroll", en: "Checks" },
  remaining: { nb: "Feil og advarsler som gjenstår", en: "Remaining errors and warnings" },
  noFindings: { nb: "Kontrollen fant ingen feil eller advarsler.", en: "The check found no errors or warnings." },
  rule: { nb: "Regel", en: "Rule" },
  severity: { nb: "Alvorlighet", en: "Severity" },
  message: { nb: "Melding", en: "Message" },
  line: { nb: "Linje", en: "Line" },
  error: { nb: "feil", en: "error" },
  warning: { nb: "advarsel", en: "warning" },
  information: { nb: "info", en: "info" },
  hint: { nb: "hint", en: "hint" },
  waivers: { nb: "Unntak (hfa-ignore) med begrunnelse", en: "Waivers (hfa-ignore) with their reasons" },
  noWaivers: { nb: "Ingen regler er unntatt.", en: "No rule is waived." },
  reason: { nb: "Begrunnelse", en: "Reason" },
  frame: { nb: "Rammen per år", en: "The frame per year" },
  frameYear: { nb: "Ramme", en: "Frame" },
  share: { nb: "Andel", en: "Share" },
  shareAmount: { nb: "Helsefellesskapets andel", en: "The community's share" },
  drawnByAll: { nb: "Alle avtaler (også utkast)", en: "All agreements (drafts too)" },
  thisAgreement: { nb: "Denne avtalen", en: "This agreement" },
  left: { nb: "Igjen", en: "Left" },
  noFrame: { nb: "Avtalen trekker ikke på noen tilskuddsordning.", en: "The agreement draws on no grant scheme." },
  noBalance: {
    nb: "Balansen kan ikke regnes ut før avtalen har en gyldig periode (se Kontroll).",
    en: "The balance cannot be computed until the agreement has a valid period (see Checks).",
  },
  ownFigures: { nb: "Partens egne tall", en: "The party's own figures" },
  wholeAgreement: { nb: "Hele avtalen i sammendrag", en: "The whole agreement in summary" },
  overviewOverline: { nb: "Avtalene mot rammen", en: "The agreements against the frame" },
  overview: { nb: "Oversikt over avtalene i", en: "Overview of the agreements of" },
  agreements: { nb: "Avtaler", en: "Agreements" },
  agreement: { nb: "Avtale", en: "Agreement" },
  grantPerYear: { nb: "Tilskudd per år", en: "Grant per year" },
  toSmallest: { nb: "Til de minste sykehusenes opptaksområder", en: "To the smallest hospitals' catchments" },
  toHealthTrusts: { nb: "Til helseforetak", en: "To health trusts" },
  toMunicipalities: { nb: "Til kommuner", en: "To municipalities" },
  noAgreements: { nb: "Helsefellesskapet har ingen avtaler i filene som ble lest.", en: "The community has no agreements in the files read." },
  errorsCol: { nb: "Feil", en: "Errors" },
} as const;

export type Word = keyof typeof WORDS;

export function word(key: Word, locale: Locale): string {
  return WORDS[key][locale];
}

/** «1 feil» / «2 feil»; «1 advarsel» / «2 advarsler». */
export function countOf(n: number, what: "error" | "warning", locale: Locale): string {
  if (locale === "nb") return what === "error" ? `${n} feil` : `${n} ${n === 1 ? "advarsel" : "advarsler"}`;
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

export function severityLabel(severity: "error" | "warning" | "information" | "hint", locale: Locale): string {
  return word(severity, locale);
}
