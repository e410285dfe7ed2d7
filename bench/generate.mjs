// Generates realistic HFA workspaces for the benchmark (bench/run.mjs), and
// the "equivalent JSON document" each is measured against.
//
// How the two stay equivalent: the generator first builds a *model* — plain
// data for the shared declarations (helsefellesskap with helseforetak,
// sykehus, kommuner and groups; rates; the grant scheme) and for every
// agreement (parties, period, purposes with their justifications, measures
// with positions, input, grant, savings, balance, indicators, decisions…).
// The model holds names, numbers and strings only: what a JSON-based format
// for the same agreements would contain. It is then serialised twice:
//   - `toHfa` writes HFA source (one file per agreement, shared declarations
//     in felles/, or everything in one file), with the comments and layout a
//     secretariat writes;
//   - the JSON document is `JSON.stringify(model, null, 2)`: the same
//     content, indented as a hand-maintained JSON file would be. It is not
//     our syntax tree (no offsets, no spans) and has no comments (JSON has none).
//
// Agreements are modelled on spec §1 and samples/avtaler: names, parties,
// amounts and clause order vary; every name resolves; every party puts in
// own input and breaks even (savings and transfers are sized so), so a
// workspace is clean apart from informational diagnostics (HFA404, HFA503,
// HFA606) — like a repository that passes CI. About a third of the
// agreements draw on the grant scheme; its frames are sized so that they hold.
//
// Deterministic: a seeded PRNG, so every run measures the same text.
//
// CLI: node bench/generate.mjs <out-dir> <agreements>   (writes a workspace)
//      node bench/generate.mjs <out-file.hfa> --lines 5000

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

// ------------------------------------------------------------------ randomness

function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** `count` distinct elements, in random order. */
    sample(list, count) {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, count);
    },
  };
}

// ------------------------------------------------------------------ the shared declarations

const COMMUNITIES = [
  {
    id: "MøreRomsdal",
    title: "Helsefellesskapet i Møre og Romsdal",
    trust: { id: "HMR", title: "Helse Møre og Romsdal HF" },
    hospitals: [
      ["ÅSH", "Ålesund sjukehus", "stort-akuttsykehus"],
      ["MSH", "Molde sjukehus", "akuttsykehus"],
      ["KSU", "Kristiansund sjukehus", "akuttsykehus"],
      ["VSH", "Volda sjukehus", "akuttsykehus"],
    ],
    municipalities: [
      ["Kristiansund", "1505"], ["Averøy", "1554"], ["Gjemnes", "1557"], ["Tingvoll", "1560"], ["Sunndal", "1563"],
      ["Surnadal", "1566"], ["Smøla", "1573"], ["Aure", "1576"], ["Molde", "1506"], ["Vestnes", "1535"],
      ["Rauma", "1539"], ["Aukra", "1547"], ["Hustadvika", "1579"], ["Ålesund", "1508"], ["Haram", "1580"],
      ["Giske", "1532"], ["Sula", "1531"], ["Sykkylven", "1528"], ["Stranda", "1525"], ["Fjord", "1578"],
      ["Volda", "1577"], ["Ørsta", "1520"], ["Herøy", "1515"], ["Ulstein", "1516"], ["Hareid", "1517"],
    ],
    groups: [["EldreMedRus", "Eldre med rusproblemer"], ["UngeRus", "Unge voksne med rusproblemer"]],
  },
  {
    id: "StOlav",
    title: "Helsefellesskapet for St. Olavs hospital",
    trust: { id: "SOH", title: "St. Olavs hospital HF" },
    hospitals: [
      ["TRH", "St. Olavs hospital, Øya", "regionsykehus"],
      ["OSH", "Orkdal sjukehus", "akuttsykehus"],
    ],
    municipalities: [
      ["Trondheim", "5001"], ["Malvik", "5031"], ["Melhus", "5028"], ["Skaun", "5029"], ["Orkland", "5059"],
      ["Heim", "5055"], ["Hitra", "5056"], ["Frøya", "5014"], ["Rennebu", "5022"], ["Oppdal", "5021"],
      ["Røros", "5025"], ["Holtålen", "5026"], ["Midtre-Gauldal", "5027"], ["Selbu", "5032"], ["Tydal", "5033"],
    ],
    groups: [["Barselomsorg", "Familier i barseltiden med særlige behov"]],
  },
  {
    id: "NordreTrøndelag",
    title: "Helsefellesskapet i Nordre Trøndelag",
    trust: { id: "HNT", title: "Helse Nord-Trøndelag HF" },
    hospitals: [
      ["LSH", "Sykehuset Levanger", "stort-akuttsykehus"],
      ["NSH", "Sykehuset Namsos", "akuttsykehus"],
    ],
    municipalities: [
      ["Levanger", "5037"], ["Verdal", "5038"], ["Inderøy", "5053"], ["Steinkjer", "5006"], ["Snåsa", "5041"],
      ["Stjørdal", "5035"], ["Frosta", "5036"], ["Meråker", "5034"], ["Namsos", "5007"], ["Overhalla", "5047"],
      ["Grong", "5045"], ["Høylandet", "5046"], ["Namsskogan", "5044"], ["Røyrvik", "5043"], ["Lierne", "5042"],
      ["Flatanger", "5049"], ["Nærøysund", "5060"], ["Leka", "5052"],
    ],
    groups: [["Samiske", "Samiske pasienter i sørsamisk område"]],
  },
];

const RATES = [
  { id: "Liggedøgn", title: "Liggedøgn i somatisk sengepost, medisinsk klinikk", price: 9800, unit: "døgn", source: "KPP-tall Helse Møre og Romsdal HF 2024, avrundet marginalkostnad" },
  { id: "Barselsdøgn", title: "Kostnad per liggedøgn barsel", price: 6500, unit: "døgn", source: "Helse Møre og Romsdal HF, internregnskap 2024" },
  { id: "PsykDøgn", title: "Oppholdsdøgn i psykisk helsevern for voksne og TSB", price: 12500, unit: "døgn", source: "Samdata spesialisthelsetjenesten 2023, avrundet" },
  { id: "Akuttinnleggelse", title: "Øyeblikkelig hjelp-innleggelse, indremedisin", price: 48000, unit: "innleggelse", source: "ISF-enhetspris 2024 × DRG-vekt 0,92, avrundet" },
  { id: "BUPKonsultasjon", title: "Poliklinisk konsultasjon i psykisk helsevern for barn og unge", price: 3700, unit: "konsultasjon", source: "ISF-enhetspris poliklinikk 2024, avrundet" },
  { id: "Overliggerdøgn", title: "Kommunal betaling for utskrivningsklar pasient", price: 5745, unit: "døgn", source: "Oppdragsdokument 2024, vedlegg 1" },
  { id: "Korttidsdøgn", title: "Døgn på korttidsplass i sykehjem", price: 4300, unit: "døgn", source: "KOSTRA 2023, avrundet" },
  { id: "Hjemmesykepleietime", title: "Time hjemmesykepleie inkl. reisetid", price: 820, unit: "time", source: "Kristiansund kommune, enhetskostnad 2024" },
  { id: "Jordmorårsverk", title: "Årsverk jordmor", price: 910000, unit: "årsverk", source: "Lønnsstatistikk 2024 med sosiale kostnader" },
  { id: "Sykepleierårsverk", title: "Årsverk sykepleier", price: 840000, unit: "årsverk", source: "Lønnsstatistikk 2024 med sosiale kostnader" },
  { id: "Overlegeårsverk", title: "Årsverk overlege", price: 1650000, unit: "årsverk", source: "Lønnsstatistikk 2024 med sosiale kostnader" },
  { id: "Psykologårsverk", title: "Årsverk psykolog/psykologspesialist", price: 1050000, unit: "årsverk", source: "Lønnsstatistikk 2024 med sosiale kostnader" },
  { id: "Terapeutårsverk", title: "Årsverk fysioterapeut, ergoterapeut eller sosionom", price: 780000, unit: "årsverk", source: "Lønnsstatistikk 2024 med sosiale kostnader" },
];
const RATE = Object.fromEntries(RATES.map((r) => [r.id, r]));

// ------------------------------------------------------------------ agreement material

/** Kinds of measure, after samples/avtaler and Meld. St. 9. */
const TOPICS = [
  {
    stem: "Jordmor",
    title: "Kombinerte jordmorstillinger",
    groups: ["svangerskap-fødsel-barsel"],
    position: "Jordmor",
    staffRate: "Jordmorårsverk",
    savingRates: ["Barselsdøgn"],
    measures: [["Stillinger", "Kombinerte jordmorstillinger"], ["Hospitering", "Hospitering og felles fagdager"]],
  },
  {
    stem: "Hjemmesykehus",
    title: "Hjemmesykehus og digital hjemmeoppfølging",
    groups: ["flere-kroniske-lidelser"],
    position: "Koordinerende sykepleier",
    staffRate: "Sykepleierårsverk",
    savingRates: ["Liggedøgn", "Akuttinnleggelse", "Korttidsdøgn"],
    measures: [["Hjemmesykehus", "Utvidet hjemmesykehus"], ["Avstandsoppfølging", "Digital hjemmeoppfølging etter utskriving"]],
  },
  {
    stem: "FACT",
    title: "FACT-team",
    groups: ["psykisk-helse-og-rus"],
    position: "Psykologspesialist FACT",
    staffRate: "Psykologårsverk",
    savingRates: ["PsykDøgn"],
    measures: [["Team", "Etablering og drift av FACT-team"], ["Stillinger", "Kombinerte stillinger i teamet"]],
  },
  {
    stem: "Eldreteam",
    title: "Eldrehelseteam og forsterket utskriving",
    groups: ["skrøpelige-eldre"],
    position: "Geriatrisk sykepleier",
    staffRate: "Sykepleierårsverk",
    savingRates: ["Overliggerdøgn", "Liggedøgn", "Korttidsdøgn"],
    measures: [["Eldreteam", "Tverrfaglig eldrehelseteam"], ["Utskriving", "Forsterket utskriving og oppfølging hjemme"]],
  },
  {
    stem: "BarnUnge",
    title: "Samhandlingsforløp for barn og unge",
    groups: ["barn-og-unge", "psykisk-helse-og-rus"],
    position: "Barnevernspedagog",
    staffRate: "Terapeutårsverk",
    savingRates: ["BUPKonsultasjon", "PsykDøgn"],
    measures: [["Forløp", "Felles forløp for barn og unge"], ["Veiledning", "Veiledning av helsestasjon og skolehelsetjeneste"]],
  },
  {
    stem: "Overgang",
    title: "Trygge overganger for utskrivningsklare pasienter",
    groups: ["skrøpelige-eldre", "flere-kroniske-lidelser"],
    position: "Utskrivningskoordinator",
    staffRate: "Sykepleierårsverk",
    savingRates: ["Overliggerdøgn", "Akuttinnleggelse"],
    measures: [["Koordinator", "Felles utskrivningskoordinator"], ["Plan", "Felles plan og daglig tavlemøte"]],
  },
];

/** Justifications: concrete, long enough (HFA203), not the official wording (HFA204). */
const JUSTIFICATIONS = {
  samhandling: [
    "Sykehuslegen, hjemmesykepleien og fastlegen bruker én felles plan og et daglig videomøte, så ingen av dem må ringe rundt for å finne ut hvem som gjør hva.",
    "Teamet har én kontaktperson for hver pasient, og spesialistene deltar digitalt på kommunens tavlemøter når avstanden til sykehuset er stor.",
    "Kommunens sykepleiere hospiterer på sengeposten og sykehusets sykepleiere i hjemmetjenesten, slik at begge kjenner rutinene på den andre siden.",
  ],
  pasientforløp: [
    "Pasienter som trenger intravenøs behandling får den hjemme med sykehuslegen som ansvarlig og hjemmesykepleien ved sengen, i stedet for å bli lagt inn.",
    "Pasienten møter de samme fagfolkene fra første kontakt til oppfølgingen hjemme er avsluttet, og informasjonen følger pasienten ved hver overgang.",
  ],
  tjenesteutvikling: [
    "Kommunene tar i bruk målinger hjemme som sykehuset følger med på, og justerer tiltakene før forverring gir akuttinnleggelse.",
    "Teamet prøver ut ukentlige tavlemøter der kommunens miljøterapeuter og sykehusets behandlere fordeler oppfølgingen av de dårligste pasientene.",
  ],
  rekruttering: [
    "Kombinerte stillinger gir hele stillinger og faglig bredde, slik at små kommuner kan rekruttere og beholde fagfolk de ellers ikke får søkere til.",
    "Fagfolk som deler arbeidstiden mellom sykehuset og kommunen får et større fagmiljø og fast veiledning, noe som gjør det lettere å få søkere.",
  ],
  personell: [
    "Stillingene finnes i dag som deltidsstillinger på hvert nivå; tiltaket slår dem sammen til hele stillinger uten at det trengs flere årsverk.",
  ],
};

const NOTES = [
  "Opplæring og hospitering",
  "Reiser mellom arbeidsstedene",
  "Felles fagdager og veiledning",
  "Utstyr og oppsett av plattform",
  "Kommunens del av stillingene",
  "Sykehusets del av stillingene",
];
const SAVING_NOTES = ["Færre reinnleggelser", "Kortere liggetid", "Mindre innleie av vikarer", "Færre akuttinnleggelser ved forverring", "Færre korttidsopphold etter utskriving"];
const INDICATORS = [
  ["Andel pasienter som møter samme fagperson gjennom hele forløpet", "percent"],
  ["Andel ikke-planlagte reinnleggelser innen 30 dager", "percent"],
  ["Liggedøgn for pasientgruppen fra kommunene i avtalen", "døgn"],
  ["Pasienter i digital hjemmeoppfølging", "pasienter"],
];
const EFFECTS = [
  ["nøytral", "Stillingene finnes i dag som deltidsstillinger; tiltaket gjør dem hele."],
  ["personellbesparende", "Behandling hjemme frigjør sykepleiere på sengepost; hjemmetjenesten bruker eksisterende ruter."],
];

// ------------------------------------------------------------------ the model

/** Rounds up to a multiple of `step`. */
const roundUp = (value, step) => Math.ceil(value / step) * step;

function makeAgreement(rng, index, community) {
  const topic = TOPICS[index % TOPICS.length];
  const municipalityCount = rng.int(1, 4);
  const municipalities = rng.sample(community.municipalities, municipalityCount).map(([id]) => id);
  const trust = community.trust.id;
  const parties = [trust, ...municipalities];
  const from = rng.int(2025, 2026);
  const to = from + rng.int(1, 3);
  const horizon = to + 3;
  const hospital = rng.pick(community.hospitals)[0];
  const status = rng.pick(["utkast", "til-behandling", "til-behandling", "vedtatt"]);
  const place = municipalities[0].replace(/-/g, "");
  const id = `${topic.stem}${place}${index + 1}`;
  const title = `${topic.title} – ${municipalities.join(", ")} (${index + 1})`;

  const purposeIds = rng.sample(["samhandling", "pasientforløp", "tjenesteutvikling"], rng.int(1, 2));
  purposeIds.push("rekruttering"); // every agreement has a combined position
  const purposes = purposeIds.map((purpose) => ({ purpose, text: rng.pick(JUSTIFICATIONS[purpose]) }));

  // Positions: each shared between the trust and one municipality, whole FTEs.
  const positions = municipalities.slice(0, rng.int(1, municipalities.length)).map((m) => {
    const trustShare = rng.pick([40, 50, 60]);
    return { title: `${topic.position} ${m}`, fte: 1, shares: [{ party: trust, percent: trustShare }, { party: m, percent: 100 - trustShare }] };
  });
  const [first, second] = topic.measures;
  const measures = [
    { id: first[0], title: first[1], purposes: ["rekruttering", purposeIds[0]], positions, description: undefined },
  ];
  if (rng.chance(0.6)) {
    measures.push({
      id: second[0],
      title: second[1],
      purposes: [purposeIds[purposeIds.length - 2] ?? purposeIds[0]],
      positions: [],
      description: "Tiltaket bygger på erfaringer fra pilotene i helsefellesskapet og evalueres sammen med kommunene etter første driftsår.",
    });
  }

  // Own input per party per year (kr), each party's savings sized to break even.
  const periodYears = to - from + 1;
  const savingYears = horizon - from; // from the second year to the horizon
  const inputs = [];
  const savings = [];
  const yearlyInput = new Map();
  for (const party of parties) {
    const isTrust = party === trust;
    let perYear = 0;
    const fte = isTrust ? rng.pick([0.5, 1, 1.5]) : rng.pick([0.3, 0.5, 0.8]);
    const staff = RATE[topic.staffRate];
    const staffAmount = fte * staff.price;
    perYear += staffAmount;
    inputs.push({ party, value: { quantity: fte, unit: "årsverk", rate: staff.id }, schedule: { perYear: true }, note: isTrust ? "Sykehusets del av stillingene" : rng.chance(0.5) ? "Kommunens del av stillingene" : undefined });
    if (rng.chance(0.5)) {
      const amount = rng.int(5, 40) * 10_000;
      perYear += amount;
      inputs.push({ party, value: { amount }, schedule: { perYear: true }, note: rng.pick(NOTES) });
    }
    let once = 0;
    if (isTrust && rng.chance(0.5)) {
      once = rng.int(10, 30) * 10_000;
      inputs.push({ party, value: { amount: once }, schedule: { once: from }, note: "Opplæring og hospitering" });
    }
    yearlyInput.set(party, perYear);
    // Savings from the second year, enough to cover the input (+10–30 %).
    const needed = ((perYear * periodYears + once) * (1.1 + rng.next() * 0.2)) / savingYears;
    const rate = RATE[rng.pick(topic.savingRates)];
    if (rng.chance(0.6)) {
      const quantity = Math.ceil(needed / rate.price);
      savings.push({ party, value: { quantity, unit: rate.unit, rate: rate.id }, schedule: { perYear: true, from: from + 1 }, note: rng.pick(SAVING_NOTES) });
    } else {
      savings.push({ party, value: { amount: roundUp(needed, 10_000) }, schedule: { perYear: true, from: from + 1 }, note: rng.chance(0.5) ? rng.pick(SAVING_NOTES) : undefined });
    }
  }
  // The trust saves extra on beds and passes part of it to the first municipality.
  const extra = rng.int(10, 40) * 10_000;
  savings.push({ party: trust, value: { amount: extra }, schedule: { perYear: true, from: from + 1 }, note: "Færre liggedøgn for pasientgruppen" });
  const transfers = rng.chance(0.7)
    ? [{ from: trust, to: municipalities[0], value: { amount: (extra / 2) | 0 }, schedule: { perYear: true, from: from + 1 }, note: "Utjevning av gevinst" }]
    : [];

  // A third draw on the scheme; shares only to parties with own input.
  let grant;
  if (rng.chance(1 / 3)) {
    const amount = rng.int(2, 12) * 50_000;
    const shareParties = parties.slice(0, Math.min(parties.length, 3));
    const shares = shareParties.map((party, i) => ({ party, percent: i === 0 ? 100 - 10 * 2 * (shareParties.length - 1) : 20 }));
    grant = { scheme: "RST", value: { amount }, schedule: { perYear: true }, shares, note: "Veiledning, hospitering og reiser" };
  }

  const decided = status === "vedtatt";
  const decisions = parties.map((party, i) => ({
    party,
    body: party === trust ? "styre" : rng.pick(["kommunestyre", "bystyre", "formannskap"]),
    date: `${from - (decided ? 1 : 0)}-${String(rng.int(1, 3)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
    outcome: decided || (i === 1 && status === "til-behandling") ? "vedtatt" : "planlagt",
  }));
  const [effect, effectText] = rng.pick(EFFECTS);
  const [indicatorText, indicatorUnit] = rng.pick(INDICATORS);
  const base = indicatorUnit === "percent" ? rng.int(10, 40) : rng.int(20, 400) * 10;
  const indicator = { text: indicatorText, from: base, to: indicatorUnit === "percent" ? base + rng.int(5, 30) : Math.round(base * 0.8), unit: indicatorUnit, by: to };

  return {
    id,
    title,
    community: community.id,
    parties,
    period: { from, to },
    status,
    hospital,
    targetGroups: rng.chance(0.15) && community.groups.length ? [...topic.groups, community.groups[0][0]] : topic.groups,
    purposes,
    measures,
    inputs,
    grant,
    savings,
    balance: { horizon, transfers },
    continuation: "Tiltaket finansieres i partenes ordinære budsjetter etter tilskuddsperioden, og kjøpet avtales i tjenesteavtalene.",
    personnelEffect: { value: effect, text: effectText },
    indicators: [indicator],
    decisions,
    /** Clause order varies between secretariats; the model records the one written. */
    order: rng.chance(0.7) ? "usual" : "reversed",
  };
}

/** The shared declarations and `count` agreements. */
export function generateModel(count, seed = 2025) {
  const rng = prng(seed);
  const communities = COMMUNITIES.map((c) => ({
    id: c.id,
    title: c.title,
    region: "Helse Midt-Norge",
    healthTrusts: [{ id: c.trust.id, title: c.trust.title, hospitals: c.hospitals.map(([id, title, kind]) => ({ id, title, kind })) }],
    municipalities: c.municipalities.map(([id, nr]) => ({ id, title: `${id.replace(/-/g, " ")} kommune`, nr })),
    groups: c.groups.map(([id, title]) => ({ id, title })),
  }));
  const agreements = [];
  for (let i = 0; i < count; i++) agreements.push(makeAgreement(rng, i, COMMUNITIES[i % COMMUNITIES.length]));

  // Frames that hold (HFA701): per community, the largest yearly sum of grants, over its share.
  const distribution = [
    { community: "MøreRomsdal", percent: 36 },
    { community: "StOlav", percent: 40 },
    { community: "NordreTrøndelag", percent: 24 },
  ];
  const years = [2025, 2026, 2027, 2028, 2029];
  let needed = 16_200_000;
  for (const { community, percent } of distribution) {
    for (const year of years) {
      let sum = 0;
      for (const a of agreements) {
        if (a.community === community && a.grant && a.period.from <= year && year <= a.period.to) sum += a.grant.value.amount;
      }
      needed = Math.max(needed, (sum * 100) / percent);
    }
  }
  const frame = Math.ceil((needed * 1.05) / 100_000) / 10; // mill. kr, one decimal
  const scheme = {
    id: "RST",
    title: "Rekrutterings- og samhandlingstilskudd, Helse Midt-Norge",
    region: "Helse Midt-Norge",
    frames: years.map((year) => ({ year, millions: frame })),
    distribution,
  };
  return { communities, rates: RATES, scheme, agreements };
}

// ------------------------------------------------------------------ HFA text

/** Norwegian number notation: `1 200 000`, `0,5`. */
function nb(value) {
  const [whole, fraction] = String(value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return fraction ? `${grouped},${fraction}` : grouped;
}

const str = (text) => `"${text.replace(/["\\]/g, "\\$&")}"`;

/** Long texts wrapped the way people write them (a line break plus indentation is one space). */
function longStr(text, indent) {
  const words = text.split(" ");
  const lines = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + word.length > 80) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return str(lines.join(`\n${indent}`));
}

function value(v) {
  if (v.amount !== undefined) return `${nb(v.amount)} kr`;
  return `${nb(v.quantity)} ${v.unit} à ${v.rate}`;
}

function schedule(s) {
  if (s.once !== undefined) return `i ${s.once}`;
  return `per år${s.from !== undefined ? ` fra ${s.from}` : ""}${s.to !== undefined ? ` til ${s.to}` : ""}`;
}

const note = (n) => (n ? ` ${str(n)}` : "");

export function communityText(c) {
  const out = [`// ${c.title}: helseforetak, sykehus og kommuner (generert for ytelsestesten).`];
  out.push(`helsefellesskap ${c.id} ${str(c.title)} {`, `  region ${str(c.region)}`, "");
  for (const t of c.healthTrusts) {
    out.push(`  helseforetak ${t.id} ${str(t.title)} {`);
    for (const h of t.hospitals) out.push(`    sykehus ${h.id} ${str(h.title)} ${h.kind}`);
    out.push("  }", "");
  }
  for (const m of c.municipalities) out.push(`  kommune ${m.id} ${str(m.title)} nr ${str(m.nr)}`);
  out.push("");
  for (const g of c.groups) out.push(`  gruppe ${g.id} ${str(g.title)}      // lokalt prioritert gruppe`);
  out.push("}", "");
  return out.join("\n");
}

export function ratesText(rates) {
  const out = ["// Felles enhetskostnader (satser) for gevinstberegning.", ""];
  for (const r of rates) out.push(`sats ${r.id} ${str(r.title)} ${nb(r.price)} kr per ${r.unit}`, `  kilde ${str(r.source)}`, "");
  return out.join("\n");
}

export function schemeText(s) {
  const out = ["// Rekrutterings- og samhandlingstilskuddet i Helse Midt-Norge.", `tilskudd ${s.id} ${str(s.title)} {`, `  region ${str(s.region)}`];
  for (const f of s.frames) out.push(`  ramme ${f.year} ${nb(f.millions)} mill. kr`);
  out.push("  fordeling {");
  for (const d of s.distribution) out.push(`    ${d.community} ${nb(d.percent)} %`);
  out.push("  }", "}", "");
  return out.join("\n");
}

export function agreementText(a) {
  const header = [
    `  helsefellesskap ${a.community}`,
    `  parter ${a.parties.join(", ")}`,
    `  periode ${a.period.from} til ${a.period.to}`,
    `  status ${a.status}`,
    `  sykehus ${a.hospital}`,
    `  målgruppe ${a.targetGroups.join(", ")}`,
  ];
  const purposes = a.purposes.map((p) => `  formål ${p.purpose} ${longStr(p.text, "    ")}`);
  const measures = a.measures.flatMap((m) => [
    `  tiltak ${m.id} ${str(m.title)} {`,
    `    formål ${m.purposes.join(", ")}`,
    ...m.positions.map((p) => `    stilling ${str(p.title)} ${nb(p.fte)} årsverk: ${p.shares.map((s) => `${s.party} ${nb(s.percent)} %`).join(", ")}`),
    ...(m.description ? [`    beskrivelse ${longStr(m.description, "      ")}`] : []),
    "  }",
    "",
  ]);
  const money = [
    ...a.inputs.map((i) => `  innsats ${i.party} ${value(i.value)} ${schedule(i.schedule)}${note(i.note)}`),
    "",
    ...(a.grant
      ? [
          `  tilskudd ${a.grant.scheme} ${value(a.grant.value)} ${schedule(a.grant.schedule)} til ${a.grant.shares.map((s) => `${s.party} ${nb(s.percent)} %`).join(", ")}`,
          `    ${str(a.grant.note)}`,
          "",
        ]
      : []),
    ...a.savings.map((s) => `  besparelse ${s.party} ${value(s.value)} ${schedule(s.schedule)}${note(s.note)}`),
    "",
    "  balanse {",
    `    horisont ${a.balance.horizon}`,
    ...a.balance.transfers.map((t) => `    overføring ${t.from} til ${t.to} ${value(t.value)} ${schedule(t.schedule)}${note(t.note)}`),
    "  }",
    "",
  ];
  const follow = [
    `  videreføring ${longStr(a.continuation, "    ")}`,
    `  personelleffekt ${a.personnelEffect.value} ${str(a.personnelEffect.text)}`,
    ...a.indicators.map((i) => {
      const unit = i.unit === "percent" ? " %" : ` ${i.unit}`;
      return `  indikator ${str(i.text)} fra ${nb(i.from)}${unit} til ${nb(i.to)}${unit} innen ${i.by}`;
    }),
    ...a.decisions.map((d) => `  behandling ${d.party} ${d.body} ${d.date} ${d.outcome}`),
  ];
  const body =
    a.order === "usual"
      ? [...header, "", ...purposes, "", ...measures, ...money, ...follow]
      : [...header.slice(0, 3), ...follow, "", ...money, ...measures, ...purposes, ...header.slice(3)];
  return [
    `// Samhandlingsavtale om rekrutterings- og samhandlingstilskudd (generert for ytelsestesten).`,
    `avtale ${a.id} ${str(a.title)} {`,
    ...body,
    "}",
    "",
  ].join("\n");
}

/** The workspace as files: shared declarations in felles/, one agreement per file in avtaler/. */
export function workspaceFiles(model) {
  const files = model.communities.map((c) => ({ path: `felles/helsefellesskap-${c.id.toLowerCase()}.hfa`, text: communityText(c) }));
  files.push({ path: "felles/satser.hfa", text: ratesText(model.rates) });
  files.push({ path: "felles/tilskudd-hmn.hfa", text: schemeText(model.scheme) });
  for (const a of model.agreements) files.push({ path: `avtaler/${a.id.toLowerCase()}.hfa`, text: agreementText(a) });
  return files;
}

/** Everything in one file. */
export function singleFileText(model) {
  return [...model.communities.map(communityText), ratesText(model.rates), schemeText(model.scheme), ...model.agreements.map(agreementText)].join("\n");
}

/** The equivalent JSON document: the model itself (see the comment at the top). */
export function jsonDocument(model) {
  return JSON.stringify(model, null, 2);
}

/** A workspace of `count` agreements: files, their total size and the equivalent JSON. */
export function generateWorkspace(count, seed) {
  const model = generateModel(count, seed);
  return { model, files: workspaceFiles(model), json: jsonDocument(model) };
}

/** One file of about `lines` lines (whole agreements; the shared declarations first). */
export function generateLargeFile(lines, seed = 5000) {
  // Agreements average ~55 lines; grow until the file reaches the target.
  let count = Math.max(1, Math.floor(lines / 60));
  for (;;) {
    const model = generateModel(count, seed);
    const text = singleFileText(model);
    const lineCount = text.split("\n").length;
    if (lineCount >= lines) {
      // Trim whole agreements back while still at or above the target.
      let best = { model, text, lineCount };
      while (best.model.agreements.length > 1) {
        const smaller = generateModel(best.model.agreements.length - 1, seed);
        const smallerText = singleFileText(smaller);
        const smallerLines = smallerText.split("\n").length;
        if (smallerLines < lines) break;
        best = { model: smaller, text: smallerText, lineCount: smallerLines };
      }
      return { model: best.model, text: best.text, lines: best.lineCount, json: jsonDocument(best.model) };
    }
    count += Math.max(1, Math.ceil((lines - lineCount) / 50));
  }
}

// ------------------------------------------------------------------ CLI

if (import.meta.url === `file://${process.argv[1]}`) {
  const [target, arg, value] = process.argv.slice(2);
  if (!target) {
    console.error("usage: node bench/generate.mjs <out-dir> <agreements> | <out-file.hfa> --lines <n>");
    process.exit(2);
  }
  if (arg === "--lines") {
    const { text, lines } = generateLargeFile(Number(value ?? 5000));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`${target}: ${lines} lines`);
  } else {
    const { files } = generateWorkspace(Number(arg ?? 100));
    for (const file of files) {
      mkdirSync(dirname(join(target, file.path)), { recursive: true });
      writeFileSync(join(target, file.path), file.text);
    }
    console.log(`${target}: ${files.length} files`);
  }
}
