/**
 * Clauses present, missing or repeated (HFA105, HFA106) and how the agreement
 * shows that it serves the grant's purpose (HFA201–HFA208).
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { clauseKeywords, keywordSpan } from "../../../../grammar/src/ast.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import { LATIN1_WORD_PATTERN, wordEnd, wordStart, words } from "../i18n.js";
import { PURPOSES_BY_ID, WORDINGS } from "../prelude.js";
import { insertClauseFix } from "./templates.js";
import type { CheckContext } from "./context.js";

type ClauseKindOf<C> = C extends { kind: "incomplete" } ? never : C extends { kind: infer K } ? K : never;
type AgreementClauseKind = ClauseKindOf<Ast.AgreementClause>;

/** Kind of a clause, counting one that failed to parse as the clause it started (spec §3). */
export function clauseKindOf(clause: Ast.AgreementClause | Ast.MeasureItem | Ast.BalanceItem): Ast.ClauseKind {
  return clause.kind === "incomplete" ? clause.clauseKind : clause.kind;
}

const ONCE: readonly AgreementClauseKind[] = ["community", "parties", "period", "status", "hospital", "balance", "continuation", "personnelEffect"];
const REQUIRED: readonly AgreementClauseKind[] = ["community", "parties", "period"];

export function checkClauseCounts(node: Ast.AgreementDecl, ctx: CheckContext): void {
  // The first clause of each kind that may stand once (the required kinds are among them): an
  // array of ONCE.length, not a Map of every kind met, for each agreement.
  const firstOnce: (Ast.AgreementClause | undefined)[] = new Array<Ast.AgreementClause | undefined>(ONCE.length).fill(undefined);
  for (const clause of node.clauses) {
    const index = (ONCE as readonly string[]).indexOf(clauseKindOf(clause));
    if (index < 0) continue;
    const kind = ONCE[index]!;
    const first = firstOnce[index];
    if (first) {
      const keyword = clauseKeywords[kind];
      ctx.report(
        "HFA105",
        keywordSpan(clause),
        ctx.say(`«${keyword}» kan bare stå én gang i en avtale. Slå klausulene sammen eller fjern denne.`, `"${keyword}" may appear only once in an agreement. Merge the clauses or remove this one.`),
        { related: [{ uri: ctx.uri, start: first.start, end: first.keywordEnd, message: ctx.say("Første forekomst", "First occurrence") }] },
      );
    } else firstOnce[index] = clause;
  }
  // `horisont` once inside `balanse` too.
  for (const clause of node.clauses) {
    if (clause.kind !== "balance") continue;
    let firstHorizon: Ast.BalanceItem | undefined;
    for (const item of clause.items) {
      if (clauseKindOf(item) !== "horizon") continue;
      if (firstHorizon) {
        ctx.report(
          "HFA105",
          keywordSpan(item),
          ctx.say("«horisont» kan bare stå én gang i «balanse».", '"horisont" may appear only once in "balanse".'),
          { related: [{ uri: ctx.uri, start: firstHorizon.start, end: firstHorizon.keywordEnd, message: ctx.say("Første forekomst", "First occurrence") }] },
        );
      } else firstHorizon = item;
    }
  }
  for (const kind of REQUIRED) {
    const index = ONCE.indexOf(kind);
    if (index >= 0 ? firstOnce[index] !== undefined : node.clauses.some((c) => clauseKindOf(c) === kind)) continue;
    const keyword = clauseKeywords[kind];
    const what: Record<string, [string, string]> = {
      community: ["hvilket helsefellesskap avtalen hører til", "which helsefellesskap the agreement belongs to"],
      parties: ["hvem som er parter (helseforetak og kommuner)", "who the parties are (health trust and municipalities)"],
      period: ["avtaleperioden (f.eks. «periode 2025 til 2027»)", 'the agreement period (e.g. "periode 2025 til 2027")'],
    };
    ctx.report(
      "HFA106",
      node.name.text ? node.name : node,
      ctx.say(`Avtalen ${node.name.text} mangler «${keyword}»: oppgi ${what[kind]![0]}.`, `Agreement ${node.name.text} has no "${keyword}": state ${what[kind]![1]}.`),
      { fixes: insertClauseFix(node, kind, ctx) },
    );
  }
}

export function checkPurposes(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const node = resolved.node;
  const anchor = node.name.text ? node.name : node;
  // One walk over the clauses for what the rules below ask of them (no array
  // callbacks: a closure made per agreement loses its optimised code at every
  // full GC, see computeBalance's helpers in money.ts).
  let anyPurpose = false;
  let anyMeasure = false;
  let incompletePurpose = false;
  let misspeltPurpose = false;
  let firstStated: Ast.PurposeClause | undefined;
  let onlyWaitingTimes = true;
  for (const c of node.clauses) {
    const kind = clauseKindOf(c);
    if (kind === "purpose") anyPurpose = true;
    else if (kind === "measure") anyMeasure = true;
    if (c.kind === "incomplete") {
      if (c.clauseKind === "purpose") incompletePurpose = true;
    } else if (c.kind === "purpose") {
      // A `formål` with an unknown purpose (HFA202) is most likely the one a
      // measure links to, misspelt: linking to it is not a second mistake.
      if (!PURPOSES_BY_ID.has(c.purpose.text)) misspeltPurpose = true;
      if (!c.purpose.placeholder) {
        firstStated ??= c;
        if (c.purpose.text !== "ventetid") onlyWaitingTimes = false;
      }
    }
  }
  if (!anyPurpose) {
    ctx.report(
      "HFA201",
      anchor,
      ctx.say(
        `Avtalen ${node.name.text} viser ikke hvordan tiltaket støtter formålet med tilskuddsordningen. Legg til minst én «formål <formål> "<hvordan>"».`,
        `Agreement ${node.name.text} does not show how the measure serves the purpose of the grant scheme. Add at least one 'formål <purpose> "<how>"'.`,
      ),
      { fixes: insertClauseFix(node, "purpose", ctx) },
    );
  }
  for (const clause of node.clauses) {
    if (clause.kind !== "purpose" || ctx.hasPlaceholder(clause)) continue;
    checkJustification(clause, ctx);
  }

  // HFA209: waiting times are to be «sett i sammenheng med» the other purposes (W3).
  if (firstStated && !incompletePurpose && onlyWaitingTimes) {
    ctx.report(
      "HFA209",
      firstStated.purpose,
      ctx.say(
        "Ventetid er avtalens eneste formål. Helse Midt-Norges presentasjon av tilskuddet sier om de andre formålene: «Dette må også ses i sammenheng med målet om reduserte ventetider.» Ventetid hører altså sammen med de andre formålene og står ikke alene. Legg til formålet tiltaket også tjener, f.eks. «formål pasientforløp \"<hvordan>\"».",
        'Waiting times are the agreement\'s only purpose. Helse Midt-Norge\'s presentation of the grant says of the other purposes: «Dette må også ses i sammenheng med målet om reduserte ventetider.» (This must also be seen together with the goal of shorter waiting times.) Waiting times go with the other purposes, not on their own. Add the purpose the measure also serves, e.g. \'formål pasientforløp "<how>"\'.',
      ),
    );
  }

  if (!anyMeasure) {
    ctx.report(
      "HFA208",
      anchor,
      ctx.say(`Avtalen ${node.name.text} har ingen «tiltak»: beskriv tiltaket som skal gjennomføres.`, `Agreement ${node.name.text} has no "tiltak": describe the measure to be carried out.`),
    );
  }
  let hasPosition = false;
  for (const clause of node.clauses) {
    if (clause.kind !== "measure") continue;
    let anyLink = false;
    let incompleteLink = false;
    for (const i of clause.items) {
      if (i.kind === "measurePurposes") anyLink = true;
      else if (i.kind === "position") hasPosition = true;
      else if (i.kind === "incomplete") {
        if (i.clauseKind === "measurePurposes") incompleteLink = true;
        else if (i.clauseKind === "position") hasPosition = true;
      }
    }
    if (!anyLink && !incompleteLink) {
      ctx.report(
        "HFA205",
        clause.name.text ? clause.name : keywordSpan(clause),
        ctx.say(
          `Tiltaket ${clause.name.text} er ikke knyttet til noe formål. Legg til «formål …» i tiltaket.`,
          `Measure ${clause.name.text} is linked to no purpose. Add "formål …" to the measure.`,
        ),
      );
    }
    for (const item of clause.items) {
      if (item.kind !== "measurePurposes") continue;
      for (const ref of item.refs) {
        if (!PURPOSES_BY_ID.has(ref.text) || resolved.purposes.includes(ref.text) || misspeltPurpose) continue;
        ctx.report(
          "HFA206",
          ref,
          ctx.say(
            `Tiltaket ${clause.name.text} er knyttet til formålet ${ref.text}, men avtalen begrunner ikke det formålet med «formål ${ref.text} "…"».`,
            `Measure ${clause.name.text} is linked to the purpose ${ref.text}, but the agreement does not justify that purpose with 'formål ${ref.text} "…"'.`,
          ),
        );
      }
    }
  }
  if (!hasPosition) {
    const staffing = node.clauses.find(
      (c): c is Ast.PurposeClause => c.kind === "purpose" && (c.purpose.text === "rekruttering" || c.purpose.text === "personell"),
    );
    if (staffing) {
      ctx.report(
        "HFA207",
        staffing.purpose,
        ctx.say(
          `Formålet ${staffing.purpose.text} er oppgitt, men ingen tiltak har en «stilling». Vis hvilke stillinger tiltaket gir, f.eks. kombinerte stillinger.`,
          `The purpose ${staffing.purpose.text} is stated, but no measure has a "stilling". Show which positions the measure creates, e.g. combined positions.`,
        ),
      );
    }
  }
}

/** The lower-cased words of each official wording, computed once. */
const officialWordSets = new Map<string, ReadonlySet<string>>();

function officialWords(id: keyof typeof WORDINGS): ReadonlySet<string> {
  let found = officialWordSets.get(id);
  if (!found) {
    found = new Set(words(WORDINGS[id].text).map((w) => w.toLowerCase()));
    officialWordSets.set(id, found);
  }
  return found;
}

/** Whether every character is below U+0100: lower-casing is then one character for one, without context. */
function isLatin1(text: string): boolean {
  return !ABOVE_LATIN1.test(text);
}
/** Not global, so `test` keeps no state between calls. */
const ABOVE_LATIN1 = /[^\u0000-\u00ff]/;

/** Number of code points (what `[...text].length` counts), without building the array. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** HFA203 (too short) and HFA204 (restates the official wording). */
function checkJustification(clause: Ast.PurposeClause, ctx: CheckContext): void {
  const text = clause.text.value;
  const purpose = PURPOSES_BY_ID.get(clause.purpose.text);
  const wording = purpose ? WORDINGS[purpose.wording] : undefined;
  const official = wording ? officialWords(wording.id) : undefined;
  // One pass over the words: how many (HFA203) and, with a known purpose, how
  // many of the significant ones the official wording has (HFA204).
  // `toLowerCase`, not `toLocaleLowerCase("nb")`: the same mapping (only
  // Turkish, Azeri and Lithuanian lower-case differently), without resolving
  // the locale at every word, which made this the costliest check.
  let found = 0;
  let significant = 0;
  let shared = 0;
  if (official && isLatin1(text)) {
    // Below U+0100 the whole text lower-cases character for character (a
    // letter stays a letter, a word as many code points as units), so the
    // words of the lower-cased text are the text's words, lower-cased. One
    // native `match` finds them all: in a one-shot run, where this code is not
    // yet optimised, the loop over every character was 33 of ~900 ms
    // (docs/performance.md, round 10). `words` gives the same words (the
    // pattern is the spec's; tests/analysis-helpers.test.ts).
    const all = text.toLowerCase().match(LATIN1_WORD_PATTERN);
    if (all !== null) {
      found = all.length;
      for (let i = 0; i < all.length; i++) {
        const word = all[i]!;
        if (word.length < 3) continue;
        significant++;
        if (official.has(word)) shared++;
      }
    }
  } else {
    for (let start = wordStart(text, 0); start >= 0; ) {
      const end = wordEnd(text, start);
      found++;
      if (official) {
        const lower = text.slice(start, end).toLowerCase();
        if (codePoints(lower) >= 3) {
          significant++;
          if (official.has(lower)) shared++;
        }
      }
      start = wordStart(text, end);
    }
  }
  const minimum = ctx.config.justificationMinWords;
  if (found < minimum) {
    ctx.report(
      "HFA203",
      clause.text,
      ctx.say(
        `Begrunnelsen for ${clause.purpose.text} har ${found} ord; minst ${minimum} trengs for å vise hvordan tiltaket støtter formålet. Skriv hva tiltaket gjør, for hvem, og hvordan det tjener formålet.`,
        `The justification for ${clause.purpose.text} has ${found} word${found === 1 ? "" : "s"}; at least ${minimum} are needed to show how the measure serves the purpose. Write what the measure does, for whom, and how it serves the purpose.`,
      ),
    );
  }
  if (!purpose || !wording) return;
  if (significant === 0) return;
  const ratio = shared / significant;
  if (ratio >= 0.6) {
    ctx.report(
      "HFA204",
      clause.text,
      ctx.say(
        `Begrunnelsen gjentar den offisielle formuleringen (${Math.round(ratio * 100)} % av ordene står i den) i stedet for å si hvordan dette tiltaket støtter formålet ${purpose.id}. Skriv med egne ord hva dette tiltaket endrer. Kilde: ${wording.source}.`,
        `The justification restates the official wording (${Math.round(ratio * 100)} % of its words occur in it) instead of saying how this measure serves the purpose ${purpose.id}. Write what this measure changes, in your own words. Source: ${wording.source}.`,
      ),
    );
  }
}
