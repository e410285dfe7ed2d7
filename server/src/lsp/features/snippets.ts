/**
 * Snippets offered by completion. Their one source is the snippet file the
 * VS Code extension contributes (`snippets/hfa.code-snippets`), so editors
 * that take snippets from the server see the same ones; this module adds only
 * where each applies and its English description. Tabs become two spaces,
 * as the formatter writes.
 */
import type { BlockContext } from "../../../../grammar/src/parser.js";
import snippetFile from "../../../../snippets/hfa.code-snippets";

export interface Snippet {
  readonly name: string;
  /** What the user types to find it (the first prefix of the snippet file). */
  readonly prefix: string;
  readonly body: string;
  readonly nb: string;
  readonly en: string;
  readonly blocks: readonly BlockContext[];
}

/** Where each snippet of the file is offered, and its English description. */
const PLACES: Readonly<Record<string, { readonly blocks: readonly BlockContext[]; readonly en: string }>> = {
  "Avtale (komplett)": { blocks: ["top"], en: "A complete collaboration agreement between a health trust and municipalities with every clause" },
  "Formål": { blocks: ["avtale"], en: "Purpose: how the measure supports the purpose of the grant scheme (one of the six purposes, with a justification)" },
  "Tiltak med stilling": { blocks: ["avtale"], en: "A measure with purposes and a combined position shared between the parties (shares add up to 100 %)" },
  "Stilling": { blocks: ["tiltak"], en: "A combined position in a measure: FTEs and each party's share in percent" },
  "Innsats (beløp)": { blocks: ["avtale"], en: "A party's own input in kroner, yearly or one-off" },
  "Innsats (mengde à pris)": { blocks: ["avtale"], en: "A party's own input as quantity × price, e.g. FTEs at kroner a year" },
  "Tilskudd til parter": { blocks: ["avtale"], en: "A grant from a scheme, shared between the parties with til (shares add up to 100 %)" },
  "Besparelse (beløp)": { blocks: ["avtale"], en: "A future saving for a party in kroner a year" },
  "Besparelse (mengde à sats)": { blocks: ["avtale"], en: "A future saving as quantity × rate (the rate must have the same unit)" },
  "Balanse": { blocks: ["avtale"], en: "Balance of input against future savings: horizon, transfers and justification" },
  "Overføring": { blocks: ["balanse"], en: "A transfer between the parties in a balance block, to even out costs and gains" },
  "Indikator": { blocks: ["avtale"], en: "Indicator: how the effect of the measure is followed up (baseline, target and deadline)" },
  "Behandling": { blocks: ["avtale"], en: "Treatment of the agreement by the party's decision body (styre for a health trust; kommunestyre, bystyre or formannskap for a municipality)" },
  "Status": { blocks: ["avtale"], en: "The agreement's status" },
  "Målgruppe": { blocks: ["avtale"], en: "Target group: one of the five national priority groups or a local group" },
  "Videreføring": { blocks: ["avtale"], en: "Continuation: how the measure goes on after the grant period" },
  "Personelleffekt": { blocks: ["avtale"], en: "Personnel effect: whether the measure saves, keeps or needs more personnel" },
  "Helsefellesskap (deklarasjon)": { blocks: ["top"], en: "Declaration of a helsefellesskap with health trusts, hospitals, municipalities and local groups" },
  "Sats (deklarasjon)": { blocks: ["top"], en: "Declaration of a rate (kroner per unit) with its source" },
  "Tilskuddsordning (deklarasjon)": { blocks: ["top"], en: "Declaration of a grant scheme with a yearly frame and its distribution between the helsefellesskap" },
};

interface SnippetFileEntry {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description: string;
}

export const SNIPPETS: readonly Snippet[] = Object.entries(snippetFile as Record<string, SnippetFileEntry>).flatMap(([name, entry]) => {
  const place = PLACES[name];
  if (!place) return [];
  const body = (typeof entry.body === "string" ? [entry.body] : entry.body).map((line) => line.replace(/\t/g, "  ")).join("\n");
  const prefix = typeof entry.prefix === "string" ? entry.prefix : entry.prefix[0]!;
  return [{ name, prefix, body, nb: entry.description, en: place.en, blocks: place.blocks }];
});
