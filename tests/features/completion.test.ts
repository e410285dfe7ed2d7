import { CompletionItemKind, InsertTextFormat, type CompletionItem, type MarkupContent } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { features } from "../../server/src/lsp/features/index.js";
import { cursor, loadSamples, sampleFiles } from "./helpers.js";

const URI = "file:///ws/avtaler/ny.hfa";

/** Completion at the `|` of `marked`, in a workspace of the samples plus this file. */
function complete(marked: string, locale?: "nb" | "en"): CompletionItem[] {
  const { text, offset } = cursor(marked);
  const loaded = loadSamples({ [URI]: text });
  return features.completion(loaded.ctx(URI, locale), offset);
}

function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label).sort();
}

function nonSnippetLabels(items: readonly CompletionItem[]): string[] {
  return labels(items.filter((i) => i.kind !== CompletionItemKind.Snippet));
}

/** Names declared with `keyword Name` in one of the shared sample files. */
function declaredIn(file: string, ...keywords: string[]): string[] {
  const text = sampleFiles("felles")[`file:///ws/felles/${file}`]!;
  const names: string[] = [];
  for (const keyword of keywords) {
    for (const match of text.matchAll(new RegExp(`^\\s*${keyword} (\\S+)`, "gmu"))) names.push(match[1]!);
  }
  return names.sort();
}

const HEADER = `avtale Ny "Ny avtale i Møre og Romsdal" {
  helsefellesskap MøreRomsdal
  parter HMR, Kristiansund
  periode 2025 til 2027
`;

const AGREEMENT_KEYWORDS = [
  "balanse",
  "behandling",
  "besparelse",
  "formål",
  "helsefellesskap",
  "indikator",
  "innsats",
  "målgruppe",
  "parter",
  "periode",
  "personelleffekt",
  "status",
  "sykehus",
  "tilskudd",
  "tiltak",
  "videreføring",
];

describe("completion: names of the right kind", () => {
  it("after `innsats ` offers the HF and the kommuner of the agreement's helsefellesskap only", () => {
    const items = complete(`${HEADER}  innsats |\n}\n`);
    const expected = declaredIn("helsefellesskap-more-og-romsdal.hfa", "helseforetak", "kommune");
    expect(expected).toContain("HMR");
    expect(expected).toContain("Kristiansund");
    expect(labels(items)).toEqual(expected);
    expect(labels(items)).not.toContain("HNT");
    expect(labels(items)).not.toContain("Levanger");
    // The agreement's own parties come first.
    const sorted = [...items].sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""));
    expect(sorted.slice(0, 2).map((i) => i.label).sort()).toEqual(["HMR", "Kristiansund"]);
    const hmr = items.find((i) => i.label === "HMR")!;
    expect(hmr.kind).toBe(CompletionItemKind.Class);
    expect(hmr.detail).toContain("Helse Møre og Romsdal HF");
  });

  it("after `besparelse `, in `behandling`, `overføring … til` and `stilling` shares offers parties", () => {
    const parties = declaredIn("helsefellesskap-more-og-romsdal.hfa", "helseforetak", "kommune");
    expect(labels(complete(`${HEADER}  besparelse |\n}\n`))).toEqual(parties);
    expect(labels(complete(`${HEADER}  behandling |\n}\n`))).toEqual(parties);
    expect(labels(complete(`${HEADER}  balanse {\n    overføring HMR til |\n  }\n}\n`))).toEqual(parties);
    const stilling = labels(complete(`${HEADER}  tiltak T "t" {\n    stilling "s" 1 årsverk: |\n  }\n}\n`));
    expect(stilling).toEqual(parties);
    // `tilskudd … til` shares: parties, not years.
    expect(labels(complete(`${HEADER}  tilskudd RST 100 000 kr per år til |\n}\n`))).toEqual(parties);
  });

  it("in `parter` offers the members of the helsefellesskap, without the ones already listed", () => {
    const text = `avtale Ny "Ny" {\n  helsefellesskap MøreRomsdal\n  parter HMR, |\n}\n`;
    const got = labels(complete(text));
    expect(got).not.toContain("HMR");
    expect(got).toContain("Kristiansund");
    expect(got).not.toContain("HNT");
  });

  it("after `tilskudd ` offers grant schemes", () => {
    const items = complete(`${HEADER}  tilskudd |\n}\n`);
    expect(labels(items)).toEqual(["RST"]);
    expect(items[0]!.kind).toBe(CompletionItemKind.Interface);
  });

  it("after `à ` offers rates, those with the quantity's unit first", () => {
    const items = complete(`${HEADER}  innsats HMR 1 årsverk à |\n}\n`);
    const rates = declaredIn("satser.hfa", "sats");
    expect(labels(items)).toEqual(rates);
    const sorted = [...items].sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""));
    expect(sorted.slice(0, 5).map((i) => i.label).sort()).toEqual(["Jordmorårsverk", "Overlegeårsverk", "Psykologårsverk", "Sykepleierårsverk", "Terapeutårsverk"]);
    expect(items.find((i) => i.label === "Barselsdøgn")!.detail).toContain("6 500 kr per døgn");
    // `*` works like `à`.
    expect(labels(complete(`${HEADER}  besparelse HMR 80 døgn * |\n}\n`))).toEqual(rates);
  });

  it("after `sykehus ` offers hospitals, those of the agreement's helsefellesskap first", () => {
    const items = complete(`${HEADER}  sykehus |\n}\n`);
    const all = declaredIn("helsefellesskap-more-og-romsdal.hfa", "sykehus");
    const sorted = [...items].sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""));
    expect(sorted.slice(0, all.length).map((i) => i.label).sort()).toEqual(all);
    expect(items.length).toBeGreaterThan(all.length); // other helsefellesskap's hospitals come later
    expect(items.find((i) => i.label === "KSU")!.detail).toContain("akuttsykehus");
  });

  it("after `helsefellesskap ` in an agreement and in `fordeling` offers helsefellesskap", () => {
    const communities = ["MøreRomsdal", "NordreTrøndelag", "StOlav"];
    expect(labels(complete(`avtale Ny "Ny" {\n  helsefellesskap |\n}\n`))).toEqual(communities);
    const scheme = `tilskudd Ny "Ny ordning" {\n  ramme 2025 1 mill. kr\n  fordeling {\n    MøreRomsdal 50 %\n    |\n  }\n}\n`;
    expect(labels(complete(scheme))).toEqual(communities);
  });

  it("after `formål ` offers the built-in purposes with their official wording", () => {
    const items = complete(`${HEADER}  formål |\n}\n`);
    expect(labels(items)).toEqual(["pasientforløp", "personell", "rekruttering", "samhandling", "tjenesteutvikling", "ventetid"]);
    const samhandling = items.find((i) => i.label === "samhandling")!;
    const doc = samhandling.documentation as MarkupContent;
    expect(doc.kind).toBe("markdown");
    expect(doc.value).toContain("understøtte tjenesteutvikling og gode pasientforløp");
    expect(doc.value).toContain("Meld. St. 9 (2023–2024)");
    // In a measure, after a comma: the purposes not yet listed.
    const inMeasure = labels(complete(`${HEADER}  tiltak T "t" {\n    formål samhandling, |\n  }\n}\n`));
    expect(inMeasure).not.toContain("samhandling");
    expect(inMeasure).toContain("personell");
    // In a measure, the purposes the agreement states come first.
    const stated = complete(`${HEADER}  formål rekruttering "r"\n  formål personell "p"\n  tiltak T "t" {\n    formål |\n  }\n}\n`);
    const byRank = [...stated].sort((a, b) => (a.sortText ?? "").localeCompare(b.sortText ?? ""));
    expect(byRank.slice(0, 2).map((i) => i.label).sort()).toEqual(["personell", "rekruttering"]);
    expect(byRank.slice(2).map((i) => i.label)).not.toContain("rekruttering");
  });

  it("after `målgruppe ` offers the national groups and the local groups of the helsefellesskap", () => {
    const items = complete(`${HEADER}  målgruppe |\n}\n`);
    expect(labels(items)).toEqual(
      ["EldreMedRus", "barn-og-unge", "flere-kroniske-lidelser", "psykisk-helse-og-rus", "skrøpelige-eldre", "svangerskap-fødsel-barsel"].sort(),
    );
    const national = items.find((i) => i.label === "skrøpelige-eldre")!;
    expect((national.documentation as MarkupContent).value).toContain("eldre med skrøpelighet");
  });

  it("gives nothing where a new name is declared", () => {
    expect(complete(`avtale |`)).toEqual([]);
    expect(complete(`${HEADER}  tiltak |\n}\n`)).toEqual([]);
  });
});

describe("completion: keywords from the parser's expectations", () => {
  it("at a new clause in an agreement offers the agreement's clause keywords and snippets", () => {
    const items = complete(`${HEADER}  |\n}\n`);
    expect(nonSnippetLabels(items)).toEqual(AGREEMENT_KEYWORDS);
    expect(items.every((i) => i.kind === CompletionItemKind.Keyword || i.kind === CompletionItemKind.Snippet)).toBe(true);
    const snippet = items.find((i) => i.label === "Innsats (mengde à pris)")!;
    expect(snippet.kind).toBe(CompletionItemKind.Snippet);
    expect(snippet.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(snippet.filterText).toBe("innsats-årsverk");
    expect(snippet.textEdit && "newText" in snippet.textEdit ? snippet.textEdit.newText : "").toContain("à ${4:<beløp>} kr per år");
  });

  it("snippets come from the extension's snippet file, indented with two spaces", async () => {
    const file = JSON.parse((await import("node:fs")).readFileSync("snippets/hfa.code-snippets", "utf8")) as Record<string, { body: string[] }>;
    const items = complete(`${HEADER}  |\n}\n`);
    const balance = items.find((i) => i.label === "Balanse")!;
    const inserted = balance.textEdit && "newText" in balance.textEdit ? balance.textEdit.newText : "";
    expect(inserted).toBe(file["Balanse"]!.body.join("\n").replace(/\t/g, "  "));
  });

  it("offers no snippets to a client that shows the snippet file itself", () => {
    const { text, offset } = cursor(`${HEADER}  |\n}\n`);
    const loaded = loadSamples({ [URI]: text });
    const items = features.completion({ ...loaded.ctx(URI), offerSnippets: false }, offset);
    expect(items.filter((i) => i.kind === CompletionItemKind.Snippet)).toEqual([]);
    expect(nonSnippetLabels(items)).toEqual(AGREEMENT_KEYWORDS);
  });

  it("inside `periode 2025 ` offers `til`", () => {
    expect(labels(complete(`avtale Ny "Ny" {\n  periode 2025 |\n}\n`))).toEqual(["til"]);
  });

  it("maps keyword categories to their members", () => {
    expect(labels(complete(`${HEADER}  status |\n}\n`))).toEqual(["til-behandling", "utkast", "vedtatt"]);
    expect(labels(complete(`${HEADER}  behandling HMR |\n}\n`))).toEqual(["bystyre", "delegert", "formannskap", "kommunestyre", "styre"]);
    expect(labels(complete(`${HEADER}  personelleffekt |\n}\n`))).toEqual(["nøytral", "personellbesparende", "personelldrivende"]);
    expect(labels(complete(`${HEADER}  behandling HMR styre 2025-01-10 |\n}\n`))).toEqual(expect.arrayContaining(["avvist", "planlagt", "vedtatt", "innsats"]));
    const afterNumber = labels(complete(`${HEADER}  innsats HMR 1 |\n}\n`));
    expect(afterNumber).toEqual(expect.arrayContaining(["kr", "kroner", "mill.", "årsverk", "døgn", "timer"]));
    expect(afterNumber).not.toContain("innsats");
    expect(labels(complete(`helsefellesskap X "x" {\n  helseforetak H "h" {\n    sykehus S "s" |\n  }\n}\n`))).toEqual(
      ["akuttsykehus", "regionsykehus", "stort-akuttsykehus", "sykehus-uten-akuttfunksjon"],
    );
  });

  it("after a complete clause offers what may continue it and the next clause", () => {
    const got = labels(complete(`${HEADER}  innsats HMR 100 000 kr per år |\n}\n`));
    expect(got).toEqual(expect.arrayContaining(["fra", "til", "innsats", "besparelse"]));
    const items = complete(`${HEADER}  innsats HMR 100 000 kr per år |\n}\n`);
    const fra = items.find((i) => i.label === "fra")!;
    const innsats = items.find((i) => i.label === "innsats" && i.kind === CompletionItemKind.Keyword)!;
    expect((fra.sortText ?? "") < (innsats.sortText ?? "")).toBe(true);
  });

  it("offers the item keywords of nested blocks", () => {
    expect(nonSnippetLabels(complete(`${HEADER}  tiltak T "t" {\n    |\n  }\n}\n`))).toEqual(["beskrivelse", "formål", "stilling"]);
    expect(nonSnippetLabels(complete(`${HEADER}  balanse {\n    |\n  }\n}\n`))).toEqual(["begrunnelse", "horisont", "overføring"]);
    expect(nonSnippetLabels(complete(`helsefellesskap X "x" {\n  |\n}\n`))).toEqual(["gruppe", "helseforetak", "kommune", "region"]);
    expect(nonSnippetLabels(complete(`tilskudd X "x" {\n  |\n}\n`))).toEqual(["fordeling", "ramme", "region"]);
    // After a nested block is closed, the agreement's clauses again.
    expect(nonSnippetLabels(complete(`${HEADER}  balanse {\n    horisont 2030\n  }\n  |\n}\n`))).toEqual(AGREEMENT_KEYWORDS);
  });

  it("at the top level offers the declarations and a snippet for a whole agreement", () => {
    const items = complete(`|`);
    expect(nonSnippetLabels(items)).toEqual(["avtale", "helsefellesskap", "sats", "tilskudd"]);
    const whole = items.find((i) => i.label === "Avtale (komplett)")!;
    expect(whole.kind).toBe(CompletionItemKind.Snippet);
    expect(whole.insertTextFormat).toBe(InsertTextFormat.Snippet);
    const body = whole.textEdit && "newText" in whole.textEdit ? whole.textEdit.newText : "";
    expect(body).toMatch(/^avtale \$\{1:<navn>\} "\$\{2:<tittel på avtalen>\}" \{\n  helsefellesskap/);
    expect(body).toContain("behandling $5 ${44|<organ>,kommunestyre,bystyre,formannskap,delegert|}");
    // After a complete declaration, the next declaration.
    expect(nonSnippetLabels(complete(`sats X "x" 100 kr per døgn\n|`))).toEqual(expect.arrayContaining(["avtale", "kilde", "sats"]));
  });

  it("replaces the partial word under the cursor", () => {
    const { text, offset } = cursor(`${HEADER}  inn|\n}\n`);
    const loaded = loadSamples({ [URI]: text });
    const items = features.completion(loaded.ctx(URI), offset);
    const innsats = items.find((i) => i.label === "innsats")!;
    expect(innsats.textEdit).toEqual({ range: { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } }, newText: "innsats" });
    // A partial name: the names are still offered, for the client to filter.
    const partial = complete(`${HEADER}  innsats Kri|\n}\n`);
    const kristiansund = partial.find((i) => i.label === "Kristiansund")!;
    expect(kristiansund.textEdit).toEqual({ range: { start: { line: 4, character: 10 }, end: { line: 4, character: 13 } }, newText: "Kristiansund" });
    // A partial keyword with non-ASCII letters.
    expect(labels(complete(`${HEADER}  mål|\n}\n`))).toContain("målgruppe");
  });

  it("offers nothing inside strings and comments", () => {
    expect(complete(`${HEADER}  formål samhandling "Tekst |her"\n}\n`)).toEqual([]);
    expect(complete(`${HEADER}  // kommentar |\n}\n`)).toEqual([]);
    expect(complete(`${HEADER}  /* blokk | */\n}\n`)).toEqual([]);
  });

  it("works inside a broken document", () => {
    const broken = `avtale Brutt "Brutt avtale" {
  helsefellesskap MøreRomsdal
  parter HMR, Kristiansund,
  periode 2025 til
  behanling HMR styre 2025-01-01
  formål samhandling "uavsluttet streng
  besparelse Kristiansund 10 døgn à `;
    expect(labels(complete(`${broken}|`))).toEqual(declaredIn("satser.hfa", "sats"));
    expect(labels(complete(`${broken}Korttidsdøgn per år\n  status |`))).toEqual(["til-behandling", "utkast", "vedtatt"]);
    expect(labels(complete(`${broken}Korttidsdøgn per år\n  innsats |`))).toContain("Kristiansund");
    // A missing `}` before the next agreement: the next agreement is at the top level again.
    expect(nonSnippetLabels(complete(`${broken}Korttidsdøgn per år\navtale Neste "n" {\n  |\n}`))).toEqual(AGREEMENT_KEYWORDS);
    // Unknown helsefellesskap: parties of any helsefellesskap.
    expect(labels(complete(`avtale X "x" {\n  helsefellesskap Ukjent\n  innsats |`))).toEqual(expect.arrayContaining(["HMR", "HNT", "SOH"]));
  });

  it("describes keywords in English when asked", () => {
    const items = complete(`${HEADER}  |\n}\n`, "en");
    expect(items.find((i) => i.label === "innsats")!.detail).toBe("A party's own input");
    const nb = complete(`${HEADER}  |\n}\n`);
    expect(nb.find((i) => i.label === "innsats")!.detail).toBe("Partens egen innsats");
  });
});
