/**
 * Snippets offered by completion, mirroring `snippets/hfa.code-snippets`
 * (two-space indentation, as the formatter writes).
 */
import type { BlockContext } from "../../../../grammar/src/parser.js";

export interface Snippet {
  readonly name: string;
  /** What the user types to find it (the first prefix of the snippet file). */
  readonly prefix: string;
  readonly body: string;
  readonly nb: string;
  readonly en: string;
  readonly blocks: readonly BlockContext[];
}

const PURPOSES = "tjenesteutvikling,pasientforløp,samhandling,rekruttering,personell,ventetid";
const GROUPS = "barn-og-unge,psykisk-helse-og-rus,skrøpelige-eldre,flere-kroniske-lidelser,svangerskap-fødsel-barsel";
const UNITS_PLURAL = "døgn,årsverk,innleggelser,konsultasjoner,timer,pasienter,stk";

const lines = (...text: string[]): string => text.join("\n");

export const SNIPPETS: readonly Snippet[] = [
  {
    name: "Avtale (komplett)",
    prefix: "avtale",
    blocks: ["top"],
    nb: "Hel samarbeidsavtale mellom helseforetak og kommune(r) med alle klausuler: formål, tiltak, innsats, tilskudd, besparelse, balanse, videreføring, indikator, behandling og personelleffekt",
    en: "A complete collaboration agreement between a health trust and municipalities with every clause",
    body: lines(
      'avtale ${1:Navn} "${2:Tittel på avtalen}" {',
      "  helsefellesskap ${3:Helsefellesskap}",
      "  parter ${4:Helseforetak}, ${5:Kommune}",
      "  periode ${6:2025} til ${7:2027}",
      "  status ${8|utkast,til-behandling,vedtatt|}",
      "  sykehus ${9:Sykehus}",
      `  målgruppe \${10|${GROUPS}|}`,
      "",
      `  formål \${11|${PURPOSES}|} "\${12:Hvordan tiltaket understøtter formålet: beskriv konkret hva som endres for pasientene og tjenestene}"`,
      "",
      '  tiltak ${13:Tiltak} "${14:Kort beskrivelse av tiltaket}" {',
      "    formål $11",
      '    stilling "${15:Kombinert stilling}" ${16:1} årsverk: $4 ${17:50} %, $5 ${18:50} %',
      "  }",
      "",
      '  innsats $4 ${19:1} årsverk à ${20:900 000} kr per år "${21:Helseforetakets egen innsats}"',
      '  innsats $5 ${22:1} årsverk à ${23:850 000} kr per år "${24:Kommunens egen innsats}"',
      "",
      "  tilskudd ${25:Tilskuddsordning} ${26:600 000} kr per år til $4 ${27:50} %, $5 ${28:50} %",
      '    "${29:Hva tilskuddet dekker}"',
      "",
      '  besparelse $4 ${30:200 000} kr per år fra ${31:2026} "${32:Hva helseforetaket sparer}"',
      '  besparelse $5 ${33:250 000} kr per år fra $31 "${34:Hva kommunen sparer}"',
      "",
      "  balanse {",
      "    horisont ${35:2030}",
      "  }",
      "",
      '  videreføring "${36:Hvordan tiltaket videreføres når tilskuddet tar slutt}"',
      '  personelleffekt ${37|nøytral,personellbesparende,personelldrivende|} "${38:Begrunnelse for personelleffekten}"',
      '  indikator "${39:Hva som måles}" fra ${40:20} % til ${41:60} % innen $7',
      "  behandling $4 styre ${42:2025-03-12} ${43|planlagt,vedtatt,avvist|}",
      "  behandling $5 ${44|kommunestyre,bystyre,formannskap,delegert|} ${45:2025-04-01} ${46|planlagt,vedtatt,avvist|}",
      "}",
      "$0",
    ),
  },
  {
    name: "Formål",
    prefix: "formål",
    blocks: ["avtale"],
    nb: "Formål: hvordan tiltaket understøtter formålet med tilskuddsordningen (ett av de seks formålene, med begrunnelse)",
    en: "Purpose: how the measure supports the purpose of the grant scheme (one of the six purposes, with a justification)",
    body: `formål \${1|${PURPOSES}|} "\${2:Hvordan tiltaket understøtter dette formålet – minst tolv ord som sier hvordan, ikke bare hva}"`,
  },
  {
    name: "Tiltak med stilling",
    prefix: "tiltak",
    blocks: ["avtale"],
    nb: "Tiltak med formål og en kombinert stilling fordelt mellom partene (andelene skal bli 100 %)",
    en: "A measure with purposes and a combined position shared between the parties (shares add up to 100 %)",
    body: lines(
      'tiltak ${1:Navn} "${2:Kort beskrivelse av tiltaket}" {',
      `  formål \${3|${PURPOSES}|}`,
      '  stilling "${4:Kombinert stilling}" ${5:1} årsverk: ${6:Helseforetak} ${7:50} %, ${8:Kommune} ${9:50} %',
      "}",
    ),
  },
  {
    name: "Stilling",
    prefix: "stilling",
    blocks: ["tiltak"],
    nb: "Kombinert stilling i et tiltak: årsverk og hver parts andel i prosent",
    en: "A combined position in a measure: FTEs and each party's share in percent",
    body: 'stilling "${1:Kombinert stilling}" ${2:1} årsverk: ${3:Helseforetak} ${4:50} %, ${5:Kommune} ${6:50} %',
  },
  {
    name: "Innsats (beløp)",
    prefix: "innsats",
    blocks: ["avtale"],
    nb: "Partens egen innsats i kroner, per år eller som engangsbeløp",
    en: "A party's own input in kroner, yearly or one-off",
    body: 'innsats ${1:Part} ${2:150 000} kr ${3|per år,i 2025|} "${4:Hva parten bidrar med}"',
  },
  {
    name: "Innsats (mengde à pris)",
    prefix: "innsats-årsverk",
    blocks: ["avtale"],
    nb: "Partens egen innsats som mengde à pris, for eksempel årsverk à kroner per år",
    en: "A party's own input as quantity × price, e.g. FTEs at kroner a year",
    body: `innsats \${1:Part} \${2:1} \${3|${UNITS_PLURAL}|} à \${4:900 000} kr per år "\${5:Hva parten bidrar med}"`,
  },
  {
    name: "Tilskudd til parter",
    prefix: "tilskudd",
    blocks: ["avtale"],
    nb: "Tilskudd fra en tilskuddsordning, fordelt på partene med til (andelene skal bli 100 %)",
    en: "A grant from a scheme, shared between the parties with til (shares add up to 100 %)",
    body: lines(
      "tilskudd ${1:Tilskuddsordning} ${2:600 000} kr per år til ${3:Helseforetak} ${4:50} %, ${5:Kommune} ${6:50} %",
      '  "${7:Hva tilskuddet dekker}"',
    ),
  },
  {
    name: "Besparelse (beløp)",
    prefix: "besparelse",
    blocks: ["avtale"],
    nb: "Fremtidig besparelse for en part i kroner per år",
    en: "A future saving for a party in kroner a year",
    body: 'besparelse ${1:Part} ${2:200 000} kr per år fra ${3:2026} "${4:Hva parten sparer}"',
  },
  {
    name: "Besparelse (mengde à sats)",
    prefix: "besparelse-sats",
    blocks: ["avtale"],
    nb: "Fremtidig besparelse som mengde à sats (satsen må ha samme enhet)",
    en: "A future saving as quantity × rate (the rate must have the same unit)",
    body: `besparelse \${1:Part} \${2:80} \${3|${UNITS_PLURAL}|} à \${4:Sats} per år fra \${5:2026} "\${6:Hva parten sparer}"`,
  },
  {
    name: "Balanse",
    prefix: "balanse",
    blocks: ["avtale"],
    nb: "Balanse mellom innsats og fremtidige besparelser: horisont, overføringer og begrunnelse",
    en: "Balance of input against future savings: horizon, transfers and justification",
    body: lines(
      "balanse {",
      "  horisont ${1:2030}",
      '  overføring ${2:Helseforetak} til ${3:Kommune} ${4:100 000} kr per år fra ${5:2026} "${6:Utjevning av gevinst}"',
      '  begrunnelse "${7:Hvorfor fordelingen av kostnader og gevinster er rimelig}"',
      "}",
    ),
  },
  {
    name: "Overføring",
    prefix: "overføring",
    blocks: ["balanse"],
    nb: "Overføring mellom partene i en balanse-blokk for å utjevne kostnader og gevinster",
    en: "A transfer between the parties in a balance block, to even out costs and gains",
    body: 'overføring ${1:Fra part} til ${2:Til part} ${3:100 000} kr per år fra ${4:2026} "${5:Hvorfor overføringen gjøres}"',
  },
  {
    name: "Indikator",
    prefix: "indikator",
    blocks: ["avtale"],
    nb: "Indikator: hvordan effekten av tiltaket skal følges opp (fra-verdi, mål og frist)",
    en: "Indicator: how the effect of the measure is followed up (baseline, target and deadline)",
    body: `indikator "\${1:Hva som måles}" fra \${2:20} \${3|%,${UNITS_PLURAL}|} til \${4:60} $3 innen \${5:2027}`,
  },
  {
    name: "Behandling",
    prefix: "behandling",
    blocks: ["avtale"],
    nb: "Behandling av avtalen i partens beslutningsorgan (styre for helseforetak; kommunestyre, bystyre eller formannskap for kommune)",
    en: "Treatment of the agreement by the party's decision body (styre for a health trust; kommunestyre, bystyre or formannskap for a municipality)",
    body: "behandling ${1:Part} ${2|styre,kommunestyre,bystyre,formannskap,delegert|} ${3:2025-03-12} ${4|planlagt,vedtatt,avvist|}",
  },
  {
    name: "Status",
    prefix: "status",
    blocks: ["avtale"],
    nb: "Avtalens status",
    en: "The agreement's status",
    body: "status ${1|utkast,til-behandling,vedtatt|}",
  },
  {
    name: "Målgruppe",
    prefix: "målgruppe",
    blocks: ["avtale"],
    nb: "Målgruppe: en av de fem nasjonalt prioriterte pasientgruppene eller en lokal gruppe",
    en: "Target group: one of the five national priority groups or a local group",
    body: `målgruppe \${1|${GROUPS}|}`,
  },
  {
    name: "Videreføring",
    prefix: "videreføring",
    blocks: ["avtale"],
    nb: "Videreføring: hvordan tiltaket fortsetter etter tilskuddsperioden",
    en: "Continuation: how the measure goes on after the grant period",
    body: 'videreføring "${1:Hvordan tiltaket videreføres når tilskuddet tar slutt}"',
  },
  {
    name: "Personelleffekt",
    prefix: "personelleffekt",
    blocks: ["avtale"],
    nb: "Personelleffekt: om tiltaket sparer, holder uendret eller krever mer personell",
    en: "Personnel effect: whether the measure saves, keeps or needs more personnel",
    body: 'personelleffekt ${1|nøytral,personellbesparende,personelldrivende|} "${2:Begrunnelse}"',
  },
  {
    name: "Helsefellesskap (deklarasjon)",
    prefix: "helsefellesskap",
    blocks: ["top"],
    nb: "Deklarasjon av et helsefellesskap med helseforetak, sykehus, kommuner og lokale grupper",
    en: "Declaration of a helsefellesskap with health trusts, hospitals, municipalities and local groups",
    body: lines(
      'helsefellesskap ${1:Navn} "${2:Helsefellesskapet i …}" {',
      '  region "${3:Helse Midt-Norge}"',
      '  helseforetak ${4:HF} "${5:Helse … HF}" {',
      '    sykehus ${6:Kode} "${7:Sykehusets navn}" ${8|regionsykehus,stort-akuttsykehus,akuttsykehus,sykehus-uten-akuttfunksjon|}',
      "  }",
      '  kommune ${9:Kommune} "${10:… kommune}" nr "${11:0000}"',
      '  gruppe ${12:LokalGruppe} "${13:Lokalt prioritert gruppe}"',
      "}",
    ),
  },
  {
    name: "Sats (deklarasjon)",
    prefix: "sats",
    blocks: ["top"],
    nb: "Deklarasjon av en sats (kroner per enhet) med kilde",
    en: "Declaration of a rate (kroner per unit) with its source",
    body: lines(
      'sats ${1:Navn} "${2:Beskrivelse av satsen}" ${3:6 500} kr per ${4|døgn,årsverk,innleggelse,konsultasjon,time,pasient,stk|}',
      '  kilde "${5:Kilde for satsen}"',
    ),
  },
  {
    name: "Tilskuddsordning (deklarasjon)",
    prefix: "tilskuddsordning",
    blocks: ["top"],
    nb: "Deklarasjon av en tilskuddsordning med årlig ramme og fordeling mellom helsefellesskapene",
    en: "Declaration of a grant scheme with a yearly frame and its distribution between the helsefellesskap",
    body: lines(
      'tilskudd ${1:Navn} "${2:Rekrutterings- og samhandlingstilskudd, …}" {',
      '  region "${3:Helse Midt-Norge}"',
      "  ramme ${4:2025} ${5:16,2} mill. kr",
      "  fordeling {",
      "    ${6:Helsefellesskap} ${7:100} %",
      "  }",
      "}",
    ),
  },
];
