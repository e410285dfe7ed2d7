/**
 * The built-in vocabulary of spec §4: the grant's purposes with the official
 * wording each comes from, the five national priority groups, hospital kinds
 * and decision bodies. Hover, completion, go-to-definition (into the virtual
 * document `preludeText`) and HFA204 all read from here.
 */
import type { DecisionBody, HospitalKind } from "../../../grammar/src/ast.js";

export interface OfficialWording {
  readonly id: "W1" | "W2" | "W3";
  readonly text: string;
  readonly source: string;
}

export const WORDINGS: Readonly<Record<OfficialWording["id"], OfficialWording>> = {
  W1: {
    id: "W1",
    text:
      "Det nasjonale rekrutterings- og samhandlingstilskuddet skal understøtte tjenesteutvikling og gode " +
      "pasientforløp gjennom å styrke samhandlingen mellom spesialisthelsetjenesten og den kommunale helse- og " +
      "omsorgstjenesten.",
    source:
      "Meld. St. 9 (2023–2024) Nasjonal helse- og samhandlingsplan 2024–2027, kap. 4, «Finansiering som understøtter gode pasientforløp»",
  },
  W2: {
    id: "W2",
    text:
      "Tilskuddet skal videre understøtte tiltak som fremmer rekruttering og god bruk av personell i helseregionen " +
      "på tvers av nivåene, for eksempel utprøving og etablering av kombinerte stillinger.",
    // The national scheme as proposed in RNB 2024 (spec §4). Meld. St. 9's
    // near-identical sentence («også … herunder») describes the Helse Nord
    // 2024 grant, the forerunner.
    source: "Forslaget i revidert nasjonalbudsjett 2024 (RNB 2024), gjengitt i Helse Midt-Norges presentasjon «Rekrutterings- og samhandlingstilskudd»",
  },
  W3: {
    id: "W3",
    text: "Dette må også ses i sammenheng med målet om reduserte ventetider.",
    source: "Helse Midt-Norge, ASU-presentasjon om rekrutterings- og samhandlingstilskuddet (2024), gjengir forslaget i RNB 2024",
  },
};

export interface Purpose {
  readonly id: string;
  readonly nb: string;
  readonly en: string;
  readonly wording: OfficialWording["id"];
}

export const PURPOSES: readonly Purpose[] = [
  { id: "tjenesteutvikling", nb: "tjenesteutvikling på tvers av nivåene", en: "service development across the levels", wording: "W1" },
  { id: "pasientforløp", nb: "gode, sammenhengende pasientforløp med trygge overganger", en: "good, coherent patient pathways with safe transitions", wording: "W1" },
  {
    id: "samhandling",
    nb: "styrket samhandling mellom spesialisthelsetjenesten og den kommunale helse- og omsorgstjenesten",
    en: "stronger collaboration between specialist and municipal health and care services",
    wording: "W1",
  },
  { id: "rekruttering", nb: "rekruttering og å beholde personell på tvers av nivåene", en: "recruitment and retention of personnel across the levels", wording: "W2" },
  { id: "personell", nb: "god bruk av personell på tvers av nivåene (f.eks. kombinerte stillinger)", en: "good use of personnel across the levels (e.g. combined positions)", wording: "W2" },
  { id: "ventetid", nb: "kortere ventetider (ses i sammenheng med formålene over)", en: "shorter waiting times (together with the purposes above)", wording: "W3" },
];

export const PURPOSES_BY_ID: ReadonlyMap<string, Purpose> = new Map(PURPOSES.map((p) => [p.id, p]));

export interface NationalGroup {
  readonly id: string;
  readonly nb: string;
  readonly en: string;
}

export const GROUP_SOURCE =
  "Meld. St. 9 (2023–2024) Nasjonal helse- og samhandlingsplan 2024–2027, kap. 4, «Prioriterte pasientgrupper for samarbeid i helsefellesskapene»";

export const NATIONAL_GROUPS: readonly NationalGroup[] = [
  { id: "barn-og-unge", nb: "barn og unge", en: "children and young people" },
  { id: "psykisk-helse-og-rus", nb: "personer med alvorlige psykiske lidelser og rusproblemer", en: "people with severe mental illness and substance use problems" },
  { id: "skrøpelige-eldre", nb: "eldre med skrøpelighet", en: "frail elderly people" },
  { id: "flere-kroniske-lidelser", nb: "personer med flere kroniske lidelser", en: "people with several chronic conditions" },
  { id: "svangerskap-fødsel-barsel", nb: "kvinner gjennom svangerskap, fødsel og barseltid", en: "women through pregnancy, birth and the postnatal period" },
];

export const NATIONAL_GROUPS_BY_ID: ReadonlyMap<string, NationalGroup> = new Map(NATIONAL_GROUPS.map((g) => [g.id, g]));

/** "The smallest hospitals" the allocation is to favour (HFA503). */
export const SMALL_HOSPITAL_KINDS: ReadonlySet<HospitalKind> = new Set(["akuttsykehus", "sykehus-uten-akuttfunksjon"]);

export const HOSPITAL_KIND_TEXT: Readonly<Record<HospitalKind, { nb: string; en: string }>> = {
  regionsykehus: { nb: "regionsykehus", en: "regional hospital" },
  "stort-akuttsykehus": { nb: "stort akuttsykehus", en: "large acute hospital" },
  akuttsykehus: { nb: "akuttsykehus", en: "acute hospital" },
  "sykehus-uten-akuttfunksjon": { nb: "sykehus uten akuttfunksjon", en: "hospital without acute functions" },
};

export const HEALTH_TRUST_BODIES: ReadonlySet<DecisionBody> = new Set(["styre", "delegert"]);
export const MUNICIPALITY_BODIES: ReadonlySet<DecisionBody> = new Set(["kommunestyre", "bystyre", "formannskap", "delegert"]);

export const PRELUDE_URI = "hfa-prelude:/innebygd.hfa";

/**
 * A read-only document listing the built-ins, for go-to-definition. Written
 * as HFA-like text with comments, so it highlights like the user's files.
 */
export function preludeText(): { text: string; offsets: Map<string, { start: number; end: number }> } {
  const offsets = new Map<string, { start: number; end: number }>();
  let text = "// Innebygde navn i HFA (docs/language.md §4). Dokumentet kan ikke endres.\n\n";
  text += "// Formål med rekrutterings- og samhandlingstilskuddet\n";
  for (const purpose of PURPOSES) {
    const wording = WORDINGS[purpose.wording];
    text += `// ${wording.id}: «${wording.text}»\n//     ${wording.source}\n`;
    const start = text.length + "formål ".length;
    text += `formål ${purpose.id} "${purpose.nb}"\n\n`;
    offsets.set(`purpose:${purpose.id}`, { start, end: start + purpose.id.length });
  }
  text += `// Nasjonale prioriterte pasientgrupper i helsefellesskapene\n// ${GROUP_SOURCE}\n`;
  for (const group of NATIONAL_GROUPS) {
    const start = text.length + "gruppe ".length;
    text += `gruppe ${group.id} "${group.nb}"\n`;
    offsets.set(`group:${group.id}`, { start, end: start + group.id.length });
  }
  return { text, offsets };
}
