/**
 * Every diagnostic code (spec §6) with its default severity and short titles.
 * The documentation pages in docs/rules/ are the long form; a test checks the
 * two agree.
 */
export type Severity = "error" | "warning" | "information" | "hint";

export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly nb: string;
  readonly en: string;
}

const table: readonly [string, Severity, string, string][] = [
  ["HFA001", "error", "Syntaksfeil", "Syntax error"],
  ["HFA002", "error", "Tall som ikke er skrevet på norsk måte", "Number not in Norwegian notation"],
  ["HFA003", "error", "Ugyldig dato", "Invalid date"],
  ["HFA009", "warning", "Unntakskommentar uten begrunnelse, eller for en feil", "Suppression without a reason, or of an error"],
  ["HFA010", "error", "Feil i konfigurasjonsfilen hfa.json", "Problem in the configuration file hfa.json"],
  ["HFA101", "error", "Ukjent navn", "Unknown name"],
  ["HFA102", "error", "Samme navn er deklarert flere ganger", "Name declared more than once"],
  ["HFA103", "error", "Navn av feil slag", "Name of the wrong kind"],
  ["HFA104", "error", "Part som ikke er medlem av helsefellesskapet", "Party not a member of the helsefellesskap"],
  ["HFA105", "error", "Klausul som bare kan stå én gang, står flere ganger", "Clause allowed once appears again"],
  ["HFA106", "error", "Påkrevd klausul mangler", "Required clause missing"],
  ["HFA201", "error", "Avtalen viser ikke hvordan tiltaket støtter formålet", "The agreement does not show how it serves the grant's purpose"],
  ["HFA202", "error", "Ukjent formål", "Unknown purpose"],
  ["HFA203", "warning", "For kort formålsbegrunnelse", "Purpose justification too short"],
  ["HFA204", "warning", "Begrunnelsen gjentar den offisielle formuleringen", "Justification restates the official wording"],
  ["HFA205", "warning", "Tiltak uten formål", "Measure linked to no purpose"],
  ["HFA206", "error", "Tiltak knyttet til et formål avtalen ikke har", "Measure linked to a purpose the agreement does not state"],
  ["HFA207", "warning", "Rekruttering eller personell uten stilling", "Recruitment or personnel purpose without a position"],
  ["HFA208", "error", "Avtalen har ingen tiltak", "No measure"],
  ["HFA301", "error", "Partene er ikke fra begge nivåer", "Parties are not from both levels"],
  ["HFA302", "error", "Ett nivå har ingen egeninnsats", "One level has no own input"],
  ["HFA303", "warning", "Part uten egeninnsats", "Party without own input"],
  ["HFA304", "error", "Navnet er ikke part i avtalen", "Name is not a party to the agreement"],
  ["HFA305", "error", "Andelene summerer ikke til 100 %", "Shares do not add up to 100 %"],
  ["HFA306", "warning", "Tilskudd til part uten egeninnsats", "Grant to a party without own input"],
  ["HFA307", "error", "Innsats eller tilskudd utenfor avtaleperioden", "Input or grant outside the period"],
  ["HFA308", "warning", "Stilling som ikke er hele årsverk", "Position that is not whole full-time equivalents"],
  ["HFA401", "error", "Ingen besparelse: innsatsen er ikke balansert mot framtidige besparelser", "No savings: input is not balanced against future savings"],
  ["HFA402", "warning", "Skjev fordeling av kostnader og gevinster", "Imbalance between the parties after transfers"],
  ["HFA403", "information", "Avtalen går ikke i balanse innen horisonten", "The agreement does not break even by the horizon"],
  ["HFA404", "information", "Balanseår per part og samlet", "Break-even year per party and in total"],
  ["HFA405", "warning", "Besparelse før innsats, eller overføring større enn besparelsen", "Savings before input, or a transfer larger than the payer's savings"],
  ["HFA501", "warning", "Ingen målgruppe", "No target group"],
  ["HFA502", "warning", "Bare lokale målgrupper", "Only local target groups"],
  ["HFA503", "information", "Tiltaket gjelder opptaksområdet til et mindre sykehus", "The measure serves the catchment area of a small hospital"],
  ["HFA504", "hint", "Sykehus er ikke oppgitt", "No hospital stated"],
  ["HFA601", "error", "Perioden slutter før den begynner", "The period ends before it starts"],
  ["HFA603", "warning", "Ingen plan for videreføring", "No plan for continuation"],
  ["HFA604", "warning", "Ingen indikator for oppfølging", "No indicator for follow-up"],
  ["HFA605", "error", "Vedtatt avtale uten vedtak hos alle parter", "Adopted agreement without every party's decision"],
  ["HFA606", "information", "Parter som ennå ikke har behandlet avtalen", "Parties that have not yet treated the agreement"],
  ["HFA607", "warning", "Beslutningsorgan som ikke passer parten", "Decision body that does not fit the party"],
  ["HFA608", "warning", "Vedtak datert senere enn avtalens første år", "Decision dated later than the agreement's first year"],
  ["HFA609", "warning", "Personelldrivende tiltak uten begrunnelse", "Personnel-driving measure without justification"],
  ["HFA610", "hint", "Personelleffekt er ikke oppgitt", "No personnel effect stated"],
  ["HFA701", "error", "Tilskudd over helsefellesskapets andel av rammen", "Grants exceed the helsefellesskap's share of the frame"],
  ["HFA702", "warning", "Tilskudd i et år uten ramme", "Grant in a year without a frame"],
  ["HFA801", "error", "Enhetene passer ikke sammen", "Unit mismatch"],
  ["HFA802", "error", "Beløpet er ikke et pengebeløp", "Amount is not money"],
  ["HFA803", "error", "Ugyldig prosent eller beløp", "Invalid percent or amount"],
];

export const RULES: ReadonlyMap<string, RuleInfo> = new Map(
  table.map(([code, severity, nb, en]) => [code, { code, severity, nb, en }]),
);

export type RuleCode = string;

export function ruleInfo(code: string): RuleInfo | undefined {
  return RULES.get(code);
}
