/**
 * "HFA: Ny avtale": what the workspace declares (helsefellesskap with their
 * helseforetak, sykehus and kommuner; tilskudd schemes) and the snippet of a
 * new agreement for the chosen helsefellesskap and parties. Pure: no editor
 * API, so it is tested on its own (tests/extension/template.test.ts).
 *
 * The scan is a light tokenizer, not the real parser: the template only needs
 * names, and a half-written file must still offer what it declares.
 */

export interface Named {
  readonly id: string;
  readonly name: string;
}

export interface Hospital extends Named {
  readonly kind: string;
}

export interface Trust extends Named {
  readonly hospitals: readonly Hospital[];
}

export interface Community extends Named {
  readonly uri: string;
  readonly trusts: readonly Trust[];
  readonly municipalities: readonly Named[];
}

export interface Scheme extends Named {
  /** Helsefellesskap named in its `fordeling`. */
  readonly communities: readonly string[];
}

export interface Declarations {
  readonly communities: readonly Community[];
  readonly schemes: readonly Scheme[];
}

type Token = { readonly kind: "id" | "string" | "punct" | "other"; readonly text: string };

const TOKEN = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\]|\\.)*(?:"|$)|[\p{L}_][\p{L}\p{M}\p{N}_-]*|[{}]|\S/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const t = match[0];
    if (t.startsWith("//") || t.startsWith("/*")) continue;
    if (t.startsWith('"')) tokens.push({ kind: "string", text: unquote(t) });
    else if (t === "{" || t === "}") tokens.push({ kind: "punct", text: t });
    else if (/^[\p{L}_]/u.test(t)) tokens.push({ kind: "id", text: t.normalize("NFC") });
    else tokens.push({ kind: "other", text: t });
  }
  return tokens;
}

function unquote(literal: string): string {
  const body = literal.endsWith('"') && literal.length > 1 ? literal.slice(1, -1) : literal.slice(1);
  return body.replace(/\\(["\\])/g, "$1").replace(/\s*\n\s*/g, " ");
}

/** The declarations of one file's text. */
export function scanDeclarations(text: string, uri = ""): Declarations {
  const tokens = tokenize(text);
  const communities: Community[] = [];
  const schemes: Scheme[] = [];
  let i = 0;
  const at = (k: number): Token | undefined => tokens[k];
  const isPunct = (k: number, p: string) => at(k)?.kind === "punct" && at(k)?.text === p;
  /** Index just after the block opening at `open` (which is a `{`). */
  const skipBlock = (open: number): number => {
    let depth = 0;
    for (let k = open; k < tokens.length; k++) {
      if (isPunct(k, "{")) depth++;
      else if (isPunct(k, "}") && --depth === 0) return k + 1;
    }
    return tokens.length;
  };
  /** `Id "Name"` at k, or undefined. */
  const named = (k: number): Named | undefined => {
    const id = at(k);
    const name = at(k + 1);
    if (id?.kind !== "id") return undefined;
    return { id: id.text, name: name?.kind === "string" ? name.text : id.text };
  };

  while (i < tokens.length) {
    const t = at(i)!;
    if (t.kind === "id" && t.text === "helsefellesskap" && named(i + 1) && isPunct(i + 3, "{")) {
      const head = named(i + 1)!;
      const end = skipBlock(i + 3);
      const trusts: Trust[] = [];
      const municipalities: Named[] = [];
      let k = i + 4;
      while (k < end - 1) {
        const word = at(k)!;
        if (word.kind === "id" && word.text === "helseforetak" && named(k + 1)) {
          const trust = named(k + 1)!;
          const hospitals: Hospital[] = [];
          k += 3;
          if (isPunct(k, "{")) {
            const blockEnd = skipBlock(k);
            for (let h = k + 1; h < blockEnd - 1; h++) {
              if (at(h)?.kind === "id" && at(h)?.text === "sykehus" && named(h + 1)) {
                const hospital = named(h + 1)!;
                const kind = at(h + 3)?.kind === "id" ? at(h + 3)!.text : "";
                hospitals.push({ ...hospital, kind });
              }
            }
            k = blockEnd;
          }
          trusts.push({ ...trust, hospitals });
        } else if (word.kind === "id" && word.text === "kommune" && named(k + 1)) {
          municipalities.push(named(k + 1)!);
          k += 3;
        } else if (isPunct(k, "{")) {
          k = skipBlock(k);
        } else k++;
      }
      communities.push({ ...head, uri, trusts, municipalities });
      i = end;
    } else if (t.kind === "id" && t.text === "tilskudd" && named(i + 1) && at(i + 2)?.kind === "string" && isPunct(i + 3, "{")) {
      const head = named(i + 1)!;
      const end = skipBlock(i + 3);
      const names: string[] = [];
      for (let k = i + 4; k < end; k++) {
        if (at(k)?.text === "fordeling" && isPunct(k + 1, "{")) {
          const blockEnd = skipBlock(k + 1);
          for (let f = k + 2; f < blockEnd - 1; f++) if (at(f)?.kind === "id") names.push(at(f)!.text);
          k = blockEnd - 1;
        }
      }
      schemes.push({ ...head, communities: names });
      i = end;
    } else if (isPunct(i, "{")) {
      i = skipBlock(i);
    } else i++;
  }
  return { communities, schemes };
}

/** Merges the declarations of many files (first declaration of a name wins), sorted by name. */
export function mergeDeclarations(all: readonly Declarations[]): Declarations {
  const communities = new Map<string, Community>();
  const schemes = new Map<string, Scheme>();
  for (const d of all) {
    for (const c of d.communities) if (!communities.has(c.id)) communities.set(c.id, c);
    for (const s of d.schemes) if (!schemes.has(s.id)) schemes.set(s.id, s);
  }
  const byName = <T extends Named>(a: T, b: T) => a.name.localeCompare(b.name, "nb");
  return { communities: [...communities.values()].sort(byName), schemes: [...schemes.values()].sort(byName) };
}

export interface TemplateOptions {
  readonly community?: Community;
  /** Chosen parties (ids of helseforetak and kommuner), in the order to write them. */
  readonly parties: readonly string[];
  readonly schemes: readonly Scheme[];
  /** First year of the period (default: next year). */
  readonly firstYear: number;
  readonly locale: "nb" | "en";
}

const PURPOSES = ["tjenesteutvikling", "pasientforløp", "samhandling", "rekruttering", "personell", "ventetid"];
const GROUPS = ["barn-og-unge", "psykisk-helse-og-rus", "skrøpelige-eldre", "flere-kroniske-lidelser", "svangerskap-fødsel-barsel"];

/** Escapes text for a snippet body (outside placeholders and inside them). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes a choice in `${1|a,b|}`. */
function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** Percent shares of 100 split over n parties, in Norwegian notation, adding up to exactly 100. */
export function equalShares(n: number): string[] {
  if (n <= 0) return [];
  const hundredths = Math.floor(10000 / n);
  const shares = Array.from({ length: n }, () => hundredths);
  shares[n - 1] = 10000 - hundredths * (n - 1);
  return shares.map((s) => (s % 100 === 0 ? String(s / 100) : (s / 100).toFixed(2).replace(/0$/, "").replace(".", ",")));
}

/**
 * The new agreement as a VS Code snippet: the chosen helsefellesskap and
 * parties filled in, a placeholder for every figure and text the
 * secretariat must write, every required and recommended clause present.
 */
export function agreementSnippet(options: TemplateOptions): string {
  const nb = options.locale === "nb";
  const c = options.community;
  const trustIds = new Set(c?.trusts.map((t) => t.id) ?? []);
  const parties = options.parties.length > 0 ? options.parties : [];
  const hfs = parties.filter((p) => trustIds.has(p));
  let n = 0;
  const tab = () => ++n;
  const ph = (text: string) => `\${${tab()}:${escapeSnippet(text)}}`;
  const choice = (items: readonly string[]) => `\${${tab()}|${items.map(escapeChoice).join(",")}|}`;
  const first = options.firstYear;
  const lines: string[] = [];
  lines.push(`avtale ${ph(nb ? "NyAvtale" : "NewAgreement")} "${ph(nb ? "Tittel på avtalen" : "Title of the agreement")}" {`);
  lines.push(`  helsefellesskap ${c ? escapeSnippet(c.id) : ph("Helsefellesskap")}`);
  const partyList = parties.length > 0 ? parties.map(escapeSnippet).join(", ") : `${ph("Helseforetak")}, ${ph("Kommune")}`;
  lines.push(`  parter ${partyList}`);
  const fromTab = tab();
  const toTab = tab();
  lines.push(`  periode \${${fromTab}:${first}} til \${${toTab}:${first + 2}}`);
  lines.push(`  status utkast`);
  const hospitals = c?.trusts.filter((t) => hfs.length === 0 || hfs.includes(t.id)).flatMap((t) => t.hospitals) ?? [];
  if (hospitals.length > 0) lines.push(`  sykehus ${choice(hospitals.map((h) => h.id))}`);
  else lines.push(`  sykehus ${ph("Sykehus")}`);
  lines.push(`  målgruppe ${choice(GROUPS)}`);
  lines.push(``);
  const purposeTab = tab();
  lines.push(`  formål \${${purposeTab}|${PURPOSES.join(",")}|} "${ph(nb ? "Hvordan tiltaket understøtter formålet: hva som konkret endres for pasientene og tjenestene" : "How the measure serves the purpose: what concretely changes for patients and services")}"`);
  lines.push(``);
  lines.push(`  tiltak ${ph("Tiltak")} "${ph(nb ? "Kort beskrivelse av tiltaket" : "Short description of the measure")}" {`);
  lines.push(`    formål \${${purposeTab}}`);
  lines.push(`  }`);
  lines.push(``);
  const partyNames = parties.length > 0 ? parties : ["Helseforetak", "Kommune"];
  for (const p of partyNames) {
    lines.push(`  innsats ${escapeSnippet(p)} ${ph(hfs.includes(p) || (parties.length === 0 && p === "Helseforetak") ? "500 000" : "250 000")} kr per år "${ph(nb ? `Egen innsats: ${p}` : `Own input: ${p}`)}"`);
  }
  lines.push(``);
  const scheme = c ? options.schemes.find((s) => s.communities.includes(c.id)) : options.schemes[0];
  const shares = equalShares(partyNames.length);
  const split = partyNames.map((p, i) => `${escapeSnippet(p)} ${shares[i]} %`).join(", ");
  lines.push(`  tilskudd ${scheme ? escapeSnippet(scheme.id) : ph("Tilskudd")} ${ph("200 000")} kr per år til ${split}`);
  lines.push(`    "${ph(nb ? "Hva tilskuddet dekker" : "What the grant pays for")}"`);
  lines.push(``);
  let savingFrom = 0;
  for (const p of partyNames) {
    const amount = ph("300 000");
    // The first line's year is a field; the others mirror it.
    const fromYear = savingFrom === 0 ? `\${${(savingFrom = tab())}:${first + 1}}` : `\${${savingFrom}}`;
    lines.push(`  besparelse ${escapeSnippet(p)} ${amount} kr per år fra ${fromYear} "${ph(nb ? `Hva ${p} sparer` : `What ${p} saves`)}"`);
  }
  lines.push(``);
  lines.push(`  balanse {`);
  lines.push(`    horisont ${ph(String(first + 5))}`);
  lines.push(`  }`);
  lines.push(``);
  lines.push(`  videreføring "${ph(nb ? "Hvordan tiltaket videreføres når tilskuddet tar slutt" : "How the measure goes on when the grant ends")}"`);
  lines.push(`  personelleffekt ${choice(["nøytral", "personellbesparende", "personelldrivende"])} "${ph(nb ? "Begrunnelse for personelleffekten" : "Why the measure has this effect on personnel")}"`);
  lines.push(`  indikator "${ph(nb ? "Hva som måles" : "What is measured")}" fra ${ph("20")} % til ${ph("60")} % innen \${${toTab}}`);
  for (const p of partyNames) {
    const body = hfs.includes(p) || (parties.length === 0 && p === "Helseforetak") ? "styre" : "kommunestyre";
    lines.push(`  behandling ${escapeSnippet(p)} ${body} ${ph(`${first - 1}-12-01`)} planlagt`);
  }
  lines.push(`}`);
  lines.push(`$0`);
  return lines.join("\n");
}

/** Which parties of a community the quick pick offers, helseforetak first. */
export function partyChoices(community: Community): { id: string; name: string; side: "spesialist" | "kommunal" }[] {
  return [
    ...community.trusts.map((t) => ({ id: t.id, name: t.name, side: "spesialist" as const })),
    ...community.municipalities.map((m) => ({ id: m.id, name: m.name, side: "kommunal" as const })),
  ];
}
