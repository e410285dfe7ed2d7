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

/** A `<…>` placeholder (language §2) as the default of a snippet tab stop. */
function placeholderText(text: string): string {
  return `<${text}>`;
}

/**
 * The new agreement as a VS Code snippet: the chosen helsefellesskap and
 * parties filled in, and a `<…>` placeholder (language §2, HFA011) for every
 * figure, year and text the secretariat must decide, so that an untouched
 * template can never pass `hfa check --max-warnings 0`. Own input runs to the
 * horizon (the continuation, language §5.3); the author shortens it if the
 * measure ends with the period.
 */
export function agreementSnippet(options: TemplateOptions): string {
  const nb = options.locale === "nb";
  const c = options.community;
  const trustIds = new Set(c?.trusts.map((t) => t.id) ?? []);
  const parties = options.parties.length > 0 ? options.parties : [];
  const hfs = parties.filter((p) => trustIds.has(p));
  let n = 0;
  const tab = () => ++n;
  /** A tab stop whose default is the placeholder `<text>`. */
  const ph = (text: string) => `\${${tab()}:${escapeSnippet(placeholderText(text))}}`;
  const choice = (items: readonly string[]) => `\${${tab()}|${items.map(escapeChoice).join(",")}|}`;
  const word = (nbText: string, enText: string) => (nb ? nbText : enText);
  const lines: string[] = [];
  lines.push(`avtale ${ph(word("navn", "name"))} "${ph(word("tittel på avtalen", "title of the agreement"))}" {`);
  lines.push(`  helsefellesskap ${c ? escapeSnippet(c.id) : ph("helsefellesskap")}`);
  const placeholderParties = [word("helseforetak", "helseforetak"), word("kommune", "kommune")].map((p) => placeholderText(p));
  const partyTabs = parties.length > 0 ? [] : placeholderParties.map(() => tab());
  const partyNames = parties.length > 0 ? parties.map(escapeSnippet) : partyTabs.map((t) => `\${${t}}`);
  const partyList = parties.length > 0 ? partyNames.join(", ") : partyTabs.map((t, i) => `\${${t}:${escapeSnippet(placeholderParties[i]!)}}`).join(", ");
  lines.push(`  parter ${partyList}`);
  const fromTab = tab();
  const toTab = tab();
  lines.push(`  periode \${${fromTab}:${escapeSnippet(placeholderText(word("første-år", "first-year")))}} til \${${toTab}:${escapeSnippet(placeholderText(word("siste-år", "last-year")))}}`);
  lines.push(`  status utkast`);
  const hospitals = c?.trusts.filter((t) => hfs.length === 0 || hfs.includes(t.id)).flatMap((t) => t.hospitals) ?? [];
  lines.push(`  sykehus ${hospitals.length > 0 ? choice([placeholderText("sykehus"), ...hospitals.map((h) => h.id)]) : ph("sykehus")}`);
  lines.push(`  målgruppe ${choice([placeholderText(word("målgruppe", "target-group")), ...GROUPS])}`);
  lines.push(``);
  const purposeTab = tab();
  lines.push(`  formål \${${purposeTab}|${[placeholderText(word("formål", "purpose")), ...PURPOSES].map(escapeChoice).join(",")}|} "${ph(word("beskriv hvordan tiltaket støtter formålet: hva som konkret endres for pasientene og tjenestene", "describe how the measure serves the purpose: what concretely changes for patients and services"))}"`);
  lines.push(``);
  lines.push(`  tiltak ${ph(word("tiltak", "measure"))} "${ph(word("kort beskrivelse av tiltaket", "short description of the measure"))}" {`);
  lines.push(`    formål \${${purposeTab}}`);
  lines.push(`  }`);
  lines.push(``);
  const horizonTab = tab();
  const horizonDefault = escapeSnippet(placeholderText(word("horisont", "horizon")));
  let horizonWritten = false;
  const horizon = () => {
    if (horizonWritten) return `\${${horizonTab}}`;
    horizonWritten = true;
    return `\${${horizonTab}:${horizonDefault}}`;
  };
  const labels = parties.length > 0 ? parties : placeholderParties;
  partyNames.forEach((p, i) => {
    const label = labels[i]!;
    lines.push(`  innsats ${p} ${ph(word("beløp", "amount"))} kr per år til ${horizon()} "${ph(word(`egen innsats fra ${label}, også i driften etter perioden`, `own input of ${label}, also in running the measure after the period`))}"`);
  });
  lines.push(``);
  const scheme = c ? options.schemes.find((s) => s.communities.includes(c.id)) : options.schemes[0];
  const split = partyNames.map((p) => `${p} ${ph(word("andel", "share"))} %`).join(", ");
  lines.push(`  tilskudd ${scheme ? escapeSnippet(scheme.id) : ph(word("tilskuddsordning", "grant-scheme"))} ${ph(word("beløp", "amount"))} kr per år til ${split}`);
  lines.push(`    "${ph(word("hva tilskuddet dekker", "what the grant pays for"))}"`);
  lines.push(``);
  let savingFrom = 0;
  partyNames.forEach((p, i) => {
    const label = labels[i]!;
    const amount = ph(word("beløp", "amount"));
    // The first line's year is a field; the others mirror it.
    const fromYear = savingFrom === 0 ? `\${${(savingFrom = tab())}:${escapeSnippet(placeholderText(word("år", "year")))}}` : `\${${savingFrom}}`;
    lines.push(`  besparelse ${p} ${amount} kr per år fra ${fromYear} "${ph(word(`hva ${label} sparer`, `what ${label} saves`))}"`);
  });
  lines.push(``);
  lines.push(`  balanse {`);
  lines.push(`    horisont ${horizon()}`);
  lines.push(`  }`);
  lines.push(``);
  lines.push(`  videreføring "${ph(word("hvordan tiltaket videreføres når tilskuddet tar slutt", "how the measure goes on when the grant ends"))}"`);
  lines.push(`  personelleffekt ${choice(["nøytral", "personellbesparende", "personelldrivende"])} "${ph(word("begrunnelse for personelleffekten", "why the measure has this effect on personnel"))}"`);
  lines.push(`  indikator "${ph(word("hva som måles", "what is measured"))}" fra ${ph(word("utgangsverdi", "baseline"))} % til ${ph(word("målverdi", "target"))} % innen \${${toTab}}`);
  partyNames.forEach((p, i) => {
    const isTrust = parties.length > 0 ? hfs.includes(parties[i]!) : i === 0;
    const body = isTrust ? "styre" : choice([placeholderText(word("organ", "body")), "kommunestyre", "bystyre", "formannskap", "delegert"]);
    lines.push(`  behandling ${p} ${body} ${ph(word("dato", "date"))} planlagt`);
  });
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
