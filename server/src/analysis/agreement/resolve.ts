/**
 * Name resolution inside one agreement (spec §5.1–5.2): every reference is
 * resolved to a declaration of the kind its position expects, or reported
 * (HFA101 unknown, HFA103 wrong kind, HFA104 party outside the
 * helsefellesskap, HFA202 unknown purpose, HFA304 not a party). The result
 * records every reference, for the editor's navigation, and which clauses
 * are valid enough to compute with.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { keepHiddenClass } from "../../../../grammar/src/hiddenClasses.js";
import { CheckContext } from "../checks/context.js";
import { DEFAULT_CONFIG } from "../config.js";
import { fitted, settled } from "../../../../grammar/src/fitted.js";
import { ReferenceList, type ReferenceRecorder } from "../references.js";
import { NATIONAL_GROUPS_BY_ID, PURPOSES, PURPOSES_BY_ID } from "../prelude.js";
import { SymbolTable, type DeclKind, type DeclaredOf, type SymbolKind, type SymbolTarget } from "../symbols.js";
import { closestNames } from "../text.js";
import { joinAlternatives, joinList } from "../i18n.js";

export type Side = "spesialist" | "kommunal";

export interface Party {
  readonly name: string;
  readonly ref: Ast.Name;
  readonly decl: DeclaredOf<"healthTrust"> | DeclaredOf<"municipality">;
  readonly side: Side;
}

export type { Reference } from "../references.js";

/** Above this many parties, `PartyIndex` keeps a Map; below, a scan of the list is as quick. */
export const PARTY_SCAN_LIMIT = 8;

/**
 * An agreement's parties by name, kept with its analysis. An agreement names
 * a handful of parties, and a Map of them (~300 bytes a thousand times over)
 * was most of what it kept: the index scans `parties` and builds a Map only
 * for a long list, so every lookup stays quick.
 */
export class PartyIndex {
  private readonly byName: Map<string, Party> | undefined;

  constructor(private readonly parties: readonly Party[]) {
    this.byName = parties.length > PARTY_SCAN_LIMIT ? new Map(parties.map((p) => [p.name, p])) : undefined;
  }

  get(name: string): Party | undefined {
    if (this.byName) return this.byName.get(name);
    for (const party of this.parties) if (party.name === name) return party;
    return undefined;
  }

  /**
   * Whether a name in a party position (innsats, besparelse, tilskudd … til,
   * stilling, overføring, behandling) names a party of this agreement. The
   * same as its resolving to a party: a party's name is that of the
   * helseforetak or kommune it resolved to, and names are looked up as written.
   */
  isPartyRef(ref: Ast.Name): boolean {
    return !ref.placeholder && ref.text !== "" && this.get(ref.text) !== undefined;
  }
}
// Its map outlives every workspace, and with it the code of its readers (see hiddenClasses.ts).
keepHiddenClass(new PartyIndex([]));

export interface ResolvedAgreement {
  readonly node: Ast.AgreementDecl;
  readonly community?: DeclaredOf<"community">;
  readonly parties: readonly Party[];
  readonly partyByName: PartyIndex;
  readonly period?: { readonly from: number; readonly to: number; readonly clause: Ast.PeriodClause };
  readonly hospital?: DeclaredOf<"hospital">;
  /** Purposes stated with `formål` (valid ids only, each once, in the order first stated): a handful, so a list, not a Set. */
  readonly purposes: readonly string[];
  readonly references: ReferenceList;
  /** Names that resolved, by reference node, for the computations. */
  readonly rates: ReadonlyMap<Ast.Name, DeclaredOf<"rate">>;
  readonly schemes: ReadonlyMap<Ast.Name, DeclaredOf<"scheme">>;
  /** Party references that name a known helseforetak or kommune that is no party (HFA304): left out of every other rule. */
  readonly nonPartyRefs: ReadonlySet<Ast.Name>;
}

const PARTY_KINDS = ["healthTrust", "municipality"] as const;
/** One target per built-in purpose, shared by all its references (targets are compared by kind and id, never by identity). */
const PURPOSE_TARGETS: ReadonlyMap<string, SymbolTarget> = new Map(PURPOSES.map((p) => [p.id, { kind: "purpose", id: p.id }]));
// What each other reference position accepts: one array each, shared by all
// references (every `Reference` keeps its `expected`; a fresh array per name
// added up over a thousand agreements).
const COMMUNITY_KINDS = ["community"] as const;
const HOSPITAL_KINDS = ["hospital"] as const;
const RATE_KINDS = ["rate"] as const;
const SCHEME_KINDS = ["scheme"] as const;
const PURPOSE_KINDS = ["purpose"] as const;
const GROUP_KINDS = ["nationalGroup", "group"] as const;

const KIND_WORDS: Record<SymbolKind, { nb: string; en: string }> = {
  community: { nb: "helsefellesskap", en: "helsefellesskap (health community)" },
  healthTrust: { nb: "helseforetak", en: "health trust" },
  hospital: { nb: "sykehus", en: "hospital" },
  municipality: { nb: "kommune", en: "municipality" },
  group: { nb: "lokal målgruppe", en: "local target group" },
  rate: { nb: "sats", en: "rate" },
  scheme: { nb: "tilskuddsordning", en: "grant scheme" },
  agreement: { nb: "avtale", en: "agreement" },
  measure: { nb: "tiltak", en: "measure" },
  purpose: { nb: "formål", en: "purpose" },
  nationalGroup: { nb: "nasjonal prioritert gruppe", en: "national priority group" },
};

/** Kinds whose Norwegian word is neuter (`et helseforetak`, `et sykehus`). */
const NEUTER: ReadonlySet<SymbolKind> = new Set(["community", "healthTrust", "hospital", "measure", "purpose"]);

/** `a` or `an` before an English word. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

export function kindWord(kind: SymbolKind, locale: "nb" | "en"): string {
  return KIND_WORDS[kind][locale];
}

export function sideOf(kind: "healthTrust" | "municipality"): Side {
  return kind === "healthTrust" ? "spesialist" : "kommunal";
}

export class Resolver {
  readonly references: ReferenceRecorder;
  private readonly symbols: SymbolTable;

  constructor(private readonly ctx: CheckContext) {
    this.symbols = ctx.symbols;
    this.references = ReferenceList.recorder(ctx.uri);
  }

  private record(name: Ast.Name, expected: readonly SymbolKind[], target?: SymbolTarget): void {
    this.references.add(name, expected, target);
  }

  /** Resolves `name` to one of `kinds`; reports HFA101/HFA103 when it cannot. */
  resolve<K extends DeclKind>(name: Ast.Name, kinds: readonly K[]): DeclaredOf<K> | undefined {
    // A placeholder is HFA011's; it names nothing yet (spec §2).
    if (name.text === "" || name.placeholder) return undefined;
    for (const kind of kinds) {
      const found = this.symbols.first(kind, name.text);
      if (found) {
        this.record(name, kinds, found);
        return found;
      }
    }
    this.record(name, kinds);
    this.reportUnresolved(name, kinds);
    return undefined;
  }

  private reportUnresolved(name: Ast.Name, kinds: readonly SymbolKind[]): void {
    const { ctx } = this;
    const expected = (locale: "nb" | "en") => joinAlternatives(kinds.map((k) => KIND_WORDS[k][locale]), locale);
    const other = this.symbols.anyKind(name.text);
    if (other.length > 0) {
      const actual = other[0]!.kind;
      ctx.report(
        "HFA103",
        name,
        ctx.say(
          () => `«${name.text}» er ${KIND_WORDS[actual].nb}, men her skal det stå ${expected("nb")}. Skriv navnet på ${joinAlternatives(kinds.map((k) => `${NEUTER.has(k) ? "et" : "en"} ${KIND_WORDS[k].nb}`), "nb")}.`,
          () => {
            const expectedEn = expected("en");
            return `"${name.text}" is ${article(KIND_WORDS[actual].en)} ${KIND_WORDS[actual].en}, but ${article(expectedEn)} ${expectedEn} is expected here. Write the name of ${article(expectedEn)} ${expectedEn}.`;
          },
        ),
      );
      return;
    }
    const candidates: string[] = [];
    for (const kind of kinds) {
      // Loops, not spreads: a workspace can declare more names than a call has room for arguments.
      if (kind === "purpose") for (const purpose of PURPOSES) candidates.push(purpose.id);
      else if (kind === "nationalGroup") for (const id of NATIONAL_GROUPS_BY_ID.keys()) candidates.push(id);
      else for (const declared of this.symbols.names(kind as DeclKind)) candidates.push(declared);
    }
    const suggestions = closestNames(name.text, candidates);
    ctx.report(
      "HFA101",
      name,
      ctx.say(
        () => `Ukjent navn «${name.text}»: fant ingen ${expected("nb")} med dette navnet.${meantNb(suggestions)}`,
        () => `Unknown name "${name.text}": no ${expected("en")} has this name.${meantEn(suggestions)}`,
      ),
      {
        fixes: suggestions.map((suggestion, index) => ({
          title: ctx.say(`Endre til «${suggestion}»`, `Change to "${suggestion}"`),
          edits: [{ start: name.start, end: name.end, newText: suggestion }],
          preferred: index === 0,
        })),
      },
    );
  }

  /** A purpose id (`formål`): built-in only; unknown ones are HFA202. */
  resolvePurpose(name: Ast.Name): boolean {
    const { ctx } = this;
    if (name.placeholder) return false;
    if (PURPOSES_BY_ID.has(name.text)) {
      this.record(name, PURPOSE_KINDS, PURPOSE_TARGETS.get(name.text));
      return true;
    }
    this.record(name, PURPOSE_KINDS);
    const all = PURPOSES.map((p) => p.id);
    const suggestions = closestNames(name.text, all);
    ctx.report(
      "HFA202",
      name,
      ctx.say(
        () => `«${name.text}» er ikke et av tilskuddets formål.${meantNb(suggestions)} Gyldige formål er ${joinList(all, "nb")}.`,
        () => `"${name.text}" is not one of the grant's purposes.${meantEn(suggestions)} The valid purposes are ${joinList(all, "en")}.`,
      ),
      {
        fixes: suggestions.map((suggestion, index) => ({
          title: ctx.say(`Endre til «${suggestion}»`, `Change to "${suggestion}"`),
          edits: [{ start: name.start, end: name.end, newText: suggestion }],
          preferred: index === 0,
        })),
      },
    );
    return false;
  }

  /** A target group: national (built-in) or local (`gruppe`). */
  resolveGroup(name: Ast.Name): "national" | "local" | undefined {
    if (name.placeholder) return undefined;
    if (NATIONAL_GROUPS_BY_ID.has(name.text)) {
      this.record(name, GROUP_KINDS, { kind: "nationalGroup", id: name.text });
      return "national";
    }
    const local = this.symbols.first("group", name.text);
    if (local) {
      this.record(name, GROUP_KINDS, local);
      return "local";
    }
    this.record(name, GROUP_KINDS);
    this.reportUnresolved(name, GROUP_KINDS);
    return undefined;
  }
}
// One per agreement, for one check (see hiddenClasses.ts).
keepHiddenClass(new Resolver(new CheckContext("", "", "nb", DEFAULT_CONFIG, new SymbolTable())));

/** Resolves the names of one agreement and reports HFA101/103/104/202/304. */
/** Shared empty results (read-only in `ResolvedAgreement`; nothing writes to them). */
const NO_RATES: ReadonlyMap<Ast.Name, DeclaredOf<"rate">> = new Map();
const NO_SCHEMES: ReadonlyMap<Ast.Name, DeclaredOf<"scheme">> = new Map();
const NO_NAMES: ReadonlySet<Ast.Name> = new Set();

/**
 * HFA304: a party position naming a known health trust or municipality that
 * is no party. Returns the set of such references (made at the first one). A
 * module function, not a closure made per agreement: a closure's optimised
 * code is held only weakly, and every full GC freed it (see computeBalance's
 * helpers in money.ts).
 */
function partyRef(
  resolver: Resolver,
  ctx: CheckContext,
  partyByName: ReadonlyMap<string, Party>,
  ref: Ast.Name,
  roleNb: string,
  roleEn: string,
  nonPartyRefs: Set<Ast.Name> | undefined,
): Set<Ast.Name> | undefined {
  const decl = resolver.resolve(ref, PARTY_KINDS);
  if (!decl) return nonPartyRefs;
  if (partyByName.has(decl.name.text)) return nonPartyRefs; // a party: `PartyIndex.isPartyRef`

  ctx.report(
    "HFA304",
    ref,
    ctx.say(
      `${ref.text} er ikke part i avtalen, men er ført opp i «${roleNb}». Legg ${ref.text} til i «parter», eller rett navnet.`,
      `${ref.text} is not a party to the agreement but is named in "${roleEn}". Add ${ref.text} to "parter", or correct the name.`,
    ),
  );
  return (nonPartyRefs ?? new Set()).add(ref);
}

/** A flow's rate (`à <sats>`), resolved and added to `rates` (made at the first one). */
function flowRate(resolver: Resolver, flow: Ast.Flow, rates: Map<Ast.Name, DeclaredOf<"rate">> | undefined): Map<Ast.Name, DeclaredOf<"rate">> | undefined {
  const value = flow.value;
  if (value.kind === "quantity" && value.price?.kind === "rate") {
    const rate = resolver.resolve(value.price.ref, RATE_KINDS);
    if (rate) return (rates ?? new Map()).set(value.price.ref, rate);
  }
  return rates;
}

/** ` Mente du «a» eller «b»?` after an unknown name, or nothing without suggestions. */
function meantNb(suggestions: readonly string[]): string {
  return suggestions.length ? ` Mente du ${joinAlternatives(suggestions.map((s) => `«${s}»`), "nb")}?` : "";
}

function meantEn(suggestions: readonly string[]): string {
  return suggestions.length ? ` Did you mean ${joinAlternatives(suggestions.map((s) => `"${s}"`), "en")}?` : "";
}

export function resolveAgreement(node: Ast.AgreementDecl, ctx: CheckContext): ResolvedAgreement {
  const resolver = new Resolver(ctx);
  let community: DeclaredOf<"community"> | undefined;
  let period: ResolvedAgreement["period"];
  let hospital: DeclaredOf<"hospital"> | undefined;
  const parties: Party[] = [];
  // While resolving; the result keeps a `PartyIndex` of `parties` instead.
  const partyByName = new Map<string, Party>();
  const purposes: string[] = [];
  // Created at their first entry: most agreements name no rate, no scheme or
  // no non-party, and an empty Map or Set is ~300 bytes kept per agreement.
  let rates: Map<Ast.Name, DeclaredOf<"rate">> | undefined;
  let schemes: Map<Ast.Name, DeclaredOf<"scheme">> | undefined;
  let nonPartyRefs: Set<Ast.Name> | undefined;

  // Declarative clauses first: parties and community decide how the rest resolves.
  let communityResolved = false;
  for (const clause of node.clauses) {
    if (clause.kind === "community" && !communityResolved) {
      communityResolved = true;
      community = resolver.resolve(clause.ref, COMMUNITY_KINDS);
    } else if (clause.kind === "community") {
      resolver.resolve(clause.ref, COMMUNITY_KINDS);
    }
  }
  let partiesSeen = false;
  for (const clause of node.clauses) {
    if (clause.kind !== "parties") continue;
    const first = !partiesSeen;
    partiesSeen = true;
    const listed = new Map<string, Ast.Name>();
    // A loop, not forEach with a closure made per agreement (see computeBalance's helpers in money.ts).
    for (let index = 0; index < clause.refs.length; index++) {
      const ref = clause.refs[index]!;
      if (ref.placeholder || ref.text === "") continue;
      const earlier = listed.get(ref.text);
      if (!earlier) {
        listed.set(ref.text, ref);
        continue;
      }
      // Remove `, X` (from the end of the previous name to the end of this one).
      const previous = clause.refs[index - 1]!;
      ctx.report(
        "HFA107",
        ref,
        ctx.say(`${ref.text} står to ganger i «parter». Fjern den ene.`, `${ref.text} is listed twice in "parter". Remove one of them.`),
        {
          related: [{ uri: ctx.uri, start: earlier.start, end: earlier.end, message: ctx.say("Første gang", "First time") }],
          fixes: [{ title: ctx.say(`Fjern den andre «${ref.text}»`, `Remove the second "${ref.text}"`), edits: [{ start: previous.end, end: ref.end, newText: "" }], preferred: true }],
        },
      );
    }
    for (const ref of clause.refs) {
      const decl = resolver.resolve(ref, PARTY_KINDS);
      if (!decl || !first) continue;
      if (community && decl.community !== community.node) {
        ctx.report(
          "HFA104",
          ref,
          ctx.say(
            `${decl.name.text} er ikke medlem av ${community.name.text} («${community.node.title.value}»). Tilskuddet fordeles per helsefellesskap, så bare helseforetak og kommuner i avtalens helsefellesskap kan være parter. Ta ${decl.name.text} ut av «parter», eller lag avtalen i det helsefellesskapet ${decl.name.text} hører til.`,
            `${decl.name.text} is not a member of ${community.name.text} ("${community.node.title.value}"). The grant is allocated per helsefellesskap, so only health trusts and municipalities of the agreement's helsefellesskap can be parties. Take ${decl.name.text} out of "parter", or make the agreement in the helsefellesskap ${decl.name.text} belongs to.`,
          ),
        );
      }
      if (!partyByName.has(decl.name.text)) {
        const party: Party = { name: decl.name.text, ref, decl, side: sideOf(decl.kind) };
        parties.push(party);
        partyByName.set(party.name, party);
      }
    }
  }
  for (const clause of node.clauses) {
    // A period with a placeholder counts as present but is left out (spec §2, §5.2).
    if (clause.kind === "period" && !period && !clause.from.placeholder && !clause.to.placeholder) period = { from: clause.from.value, to: clause.to.value, clause };
  }

  let firstHospital = true;
  for (const clause of node.clauses) {
    switch (clause.kind) {
      case "hospital": {
        const found = resolver.resolve(clause.ref, HOSPITAL_KINDS);
        // `parties` holds what `partyByName` does, in the same order, without a copy of the values.
        const owner = found ? parties.some((p) => p.decl.node === found.healthTrust) : false;
        if (found && !owner && parties.length > 0) {
          ctx.report(
            "HFA505",
            clause.ref,
            ctx.say(
              `${found.node.title.value} hører til ${found.healthTrust.name.text}, som ikke er part i avtalen. Oppgi et sykehus som hører til et helseforetak blant partene, eller legg ${found.healthTrust.name.text} til i «parter».`,
              `${found.node.title.value} belongs to ${found.healthTrust.name.text}, which is not a party to the agreement. Name a hospital of a health trust among the parties, or add ${found.healthTrust.name.text} to "parter".`,
            ),
            { related: [{ uri: found.uri, start: found.node.start, end: found.node.end, message: ctx.say("Sykehuset", "The hospital") }] },
          );
        }
        // A hospital of no party is HFA505's alone: no HFA503 for it.
        if (firstHospital) hospital = owner ? found : undefined;
        firstHospital = false;
        break;
      }
      case "targetGroups":
        for (const ref of clause.refs) resolver.resolveGroup(ref);
        break;
      case "purpose":
        if (resolver.resolvePurpose(clause.purpose) && !purposes.includes(clause.purpose.text)) purposes.push(clause.purpose.text);
        break;
      case "measure":
        for (const item of clause.items) {
          if (item.kind === "measurePurposes") {
            for (const ref of item.refs) resolver.resolvePurpose(ref);
          } else if (item.kind === "position") {
            for (const share of item.shares) nonPartyRefs = partyRef(resolver, ctx, partyByName, share.party, "stilling", "stilling", nonPartyRefs);
          }
        }
        break;
      case "input":
        nonPartyRefs = partyRef(resolver, ctx, partyByName, clause.party, "innsats", "innsats", nonPartyRefs);
        rates = flowRate(resolver, clause.flow, rates);
        break;
      case "saving":
        nonPartyRefs = partyRef(resolver, ctx, partyByName, clause.party, "besparelse", "besparelse", nonPartyRefs);
        rates = flowRate(resolver, clause.flow, rates);
        break;
      case "grant": {
        const scheme = resolver.resolve(clause.scheme, SCHEME_KINDS);
        if (scheme) (schemes ??= new Map()).set(clause.scheme, scheme);
        rates = flowRate(resolver, clause.flow, rates);
        for (const share of clause.shares ?? []) nonPartyRefs = partyRef(resolver, ctx, partyByName, share.party, "tilskudd … til", "tilskudd … til", nonPartyRefs);
        break;
      }
      case "balance":
        for (const item of clause.items) {
          if (item.kind === "transfer") {
            nonPartyRefs = partyRef(resolver, ctx, partyByName, item.from, "overføring", "overføring", nonPartyRefs);
            nonPartyRefs = partyRef(resolver, ctx, partyByName, item.to, "overføring … til", "overføring … til", nonPartyRefs);
            rates = flowRate(resolver, item.flow, rates);
            if (item.from.text === item.to.text && item.from.text !== "" && !item.from.placeholder) {
              ctx.report(
                "HFA311",
                { start: item.from.start, end: item.to.end },
                ctx.say(
                  `Overføringen går fra ${item.from.text} til ${item.from.text} selv og flytter ingenting. Skriv hvem som mottar overføringen etter «til».`,
                  `The transfer goes from ${item.from.text} to ${item.from.text} itself and moves nothing. Write who receives the transfer after "til".`,
                ),
              );
            }
          }
        }
        break;
      case "decision":
        nonPartyRefs = partyRef(resolver, ctx, partyByName, clause.party, "behandling", "behandling", nonPartyRefs);
        break;
      default:
        break;
    }
  }

  const partyList = fitted(parties);
  return {
    node,
    community,
    parties: partyList,
    partyByName: new PartyIndex(partyList),
    period,
    hospital,
    purposes: settled(purposes),
    references: resolver.references.finish(),
    rates: rates ?? NO_RATES,
    schemes: schemes ?? NO_SCHEMES,
    nonPartyRefs: nonPartyRefs ?? NO_NAMES,
  };
}
