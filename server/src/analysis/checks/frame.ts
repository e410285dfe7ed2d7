/**
 * The frame (spec §5.5): the grants of all agreements of a helsefellesskap
 * drawing on a scheme in a year must fit its share of that year's `ramme`
 * (HFA701), and a grant needs a `ramme` for its year (HFA702). Drafts count:
 * they compete for the same money.
 */
import type * as Ast from "../../../../grammar/src/ast.js";
import { yearList, type GrantYears } from "../agreement/money.js";
import type { RawDiagnostic, RelatedInformation } from "../diagnostics.js";
import { formatKr, formatPercent, joinList, type Locale } from "../i18n.js";
import type { DeclaredOf } from "../symbols.js";
import type { ResolvedAgreement } from "../agreement/resolve.js";
import type { CheckContext } from "./context.js";

/** What one agreement contributes to the frame computation. */
export interface FrameDraw {
  readonly uri: string;
  readonly agreement: Ast.AgreementDecl;
  readonly community?: DeclaredOf<"community">;
  readonly grants: readonly GrantYears[];
}

function frames(scheme: Ast.SchemeDecl): Map<number, number> {
  const byYear = new Map<number, number>();
  for (const item of scheme.items) if (item.kind === "frame" && !item.year.placeholder && !item.money.number.placeholder) byYear.set(item.year.value, (byYear.get(item.year.value) ?? 0) + item.money.amount);
  return byYear;
}

function shareOf(scheme: Ast.SchemeDecl, community: string): number {
  let share = 0;
  for (const item of scheme.items) {
    if (item.kind !== "distribution") continue;
    for (const entry of item.entries) if (entry.community.text === community) share += entry.percent.value / 100;
  }
  return share;
}

/** Agreements named (and linked) in one HFA701 message at the most. */
const MAX_LISTED = 10;

export function checkFrames(draws: readonly FrameDraw[], locale: Locale): RawDiagnostic[] {
  const say = (nb: string, en: string) => (locale === "nb" ? nb : en);
  const out: RawDiagnostic[] = [];
  // scheme → community → year → grants
  type Entry = { draw: FrameDraw; grant: GrantYears; amount: number };
  const groups = new Map<DeclaredOf<"scheme">, Map<string, Map<number, Entry[]>>>();
  for (const draw of draws) {
    for (const grant of draw.grants) {
      const scheme = grant.scheme;
      const frameYears = frames(scheme.node);
      // One fact, one diagnostic: a grant clause without a frame in several years gets one HFA702 naming them.
      const missing = [...grant.years.keys()].filter((year) => !frameYears.has(year));
      if (missing.length > 0) {
        out.push({
          code: "HFA702",
          uri: draw.uri,
          start: grant.clause.flow.schedule.start,
          end: grant.clause.flow.schedule.end,
          message: say(
            `Tilskuddsordningen ${scheme.name.text} har ingen ramme for ${yearList(missing, "nb")}, så tilskuddet ${missing.length === 1 ? "det året" : "de årene"} kan ikke kontrolleres mot rammen. Legg til «ramme ${missing[0]} <beløp> kr» i ${scheme.name.text}, eller flytt tilskuddet til år med ramme.`,
            `The grant scheme ${scheme.name.text} declares no frame for ${yearList(missing, "en")}, so the grant in ${missing.length === 1 ? "that year" : "those years"} cannot be checked against the frame. Add "ramme ${missing[0]} <amount> kr" to ${scheme.name.text}, or move the grant to years with a frame.`,
          ),
          related: [{ uri: scheme.uri, start: scheme.name.start, end: scheme.name.end, message: say("Tilskuddsordningen", "The grant scheme") }],
        });
      }
      for (const [year, amount] of grant.years) {
        if (!frameYears.has(year)) continue;
        if (!draw.community) continue;
        let byCommunity = groups.get(scheme);
        if (!byCommunity) groups.set(scheme, (byCommunity = new Map()));
        let byYear = byCommunity.get(draw.community.name.text);
        if (!byYear) byCommunity.set(draw.community.name.text, (byYear = new Map()));
        const entries = byYear.get(year) ?? [];
        entries.push({ draw, grant, amount });
        byYear.set(year, entries);
      }
    }
  }
  for (const [scheme, byCommunity] of groups) {
    const frameYears = frames(scheme.node);
    for (const [community, byYear] of byCommunity) {
      const share = shareOf(scheme.node, community);
      // One diagnostic per grant clause, naming every year it is over.
      type Over = { year: number; sum: number; limit: number; entries: Entry[]; names: string[]; nearest: Entry[] };
      const overYears = new Map<GrantYears, Over[]>();
      const ownerOf = new Map<GrantYears, Entry>();
      for (const [year, entries] of byYear) {
        const sum = entries.reduce((total, e) => total + e.amount, 0);
        const limit = (frameYears.get(year) ?? 0) * share;
        if (sum <= limit + 0.5) continue;
        // Named and linked once per year, not once per grant: with many
        // agreements over one frame, per-grant lists grow with the square.
        const names = [...new Set(entries.map((e) => e.draw.agreement.name.text))];
        const over: Over = { year, sum, limit, entries, names, nearest: entries.slice(0, MAX_LISTED + 1) };
        for (const entry of entries) {
          ownerOf.set(entry.grant, entry);
          const list = overYears.get(entry.grant) ?? [];
          list.push(over);
          overYears.set(entry.grant, list);
        }
      }
      for (const [grant, years] of overYears) {
        const first = years[0]!;
        const owner = ownerOf.get(grant)!;
        const agreements =
          first.names.length > MAX_LISTED
            ? [...first.names.slice(0, MAX_LISTED), say(`${first.names.length - MAX_LISTED} andre`, `${first.names.length - MAX_LISTED} others`)]
            : first.names;
        const related: RelatedInformation[] = first.nearest
          .filter((e) => e.grant !== grant)
          .slice(0, MAX_LISTED)
          .map((e) => ({
            uri: e.draw.uri,
            start: e.grant.clause.start,
            end: e.grant.clause.end,
            message: say(`${e.draw.agreement.name.text}: ${formatKr(e.amount, "nb")} i ${first.year}`, `${e.draw.agreement.name.text}: ${formatKr(e.amount, "en")} in ${first.year}`),
          }));
        related.push({ uri: scheme.uri, start: scheme.name.start, end: scheme.name.end, message: say("Rammen og fordelingen", "The frame and its distribution") });
        const yearsNb = yearList(years.map((y) => y.year), "nb");
        const yearsEn = yearList(years.map((y) => y.year), "en");
        const missing = share === 0;
        out.push({
          code: "HFA701",
          uri: owner.draw.uri,
          start: grant.clause.start,
          end: grant.clause.end,
          message: missing
            ? say(
                `${community} står ikke i fordelingen til ${scheme.name.text} og har derfor ingen andel av rammen, men ${joinList(agreements, "nb")} søker ${formatKr(first.sum, "nb")} i ${yearsNb}.`,
                `${community} is not in the distribution of ${scheme.name.text} and so has no share of the frame, but ${joinList(agreements, "en")} draw ${formatKr(first.sum, "en")} in ${yearsEn}.`,
              )
            : say(
                `Tilskuddene fra ${scheme.name.text} til ${community} i ${first.year} er ${formatKr(first.sum, "nb")}, men andelen av rammen er ${formatKr(first.limit, "nb")} (${formatPercent(share * 100, "nb")} av ${formatKr(frameYears.get(first.year) ?? 0, "nb")}). Avtaler som trekker på rammen: ${joinList(agreements, "nb")}.${years.length > 1 ? ` Rammen er også overskredet i ${yearList(years.slice(1).map((y) => y.year), "nb")}.` : ""}`,
                `Grants from ${scheme.name.text} to ${community} in ${first.year} total ${formatKr(first.sum, "en")}, but its share of the frame is ${formatKr(first.limit, "en")} (${formatPercent(share * 100, "en")} of ${formatKr(frameYears.get(first.year) ?? 0, "en")}). Agreements drawing on it: ${joinList(agreements, "en")}.${years.length > 1 ? ` The frame is also exceeded in ${yearList(years.slice(1).map((y) => y.year), "en")}.` : ""}`,
              ),
          related,
        });
      }
    }
  }
  return out;
}

/**
 * Whether `checkFrames` reports the same for draws `a` as for draws `b`: it
 * reads no more of a draw than is compared here (keep the two in step), so
 * an edit that leaves an agreement's grants as they were does not re-run
 * the frames of the whole workspace.
 */
export function sameFrameDraws(a: readonly FrameDraw[], b: readonly FrameDraw[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.uri !== y.uri || x.community !== y.community || x.agreement.name.text !== y.agreement.name.text || x.grants.length !== y.grants.length) return false;
    for (let g = 0; g < x.grants.length; g++) {
      const p = x.grants[g]!;
      const q = y.grants[g]!;
      if (p.scheme !== q.scheme || p.clause.start !== q.clause.start || p.clause.end !== q.clause.end) return false;
      if (p.clause.flow.schedule.start !== q.clause.flow.schedule.start || p.clause.flow.schedule.end !== q.clause.flow.schedule.end) return false;
      if (p.years.size !== q.years.size) return false;
      const years = q.years.entries();
      for (const [year, amount] of p.years) {
        const [otherYear, otherAmount] = years.next().value as [number, number];
        if (year !== otherYear || !Object.is(amount, otherAmount)) return false;
      }
    }
  }
  return true;
}

/** HFA703: a grant from a scheme whose `region` is not the region of the agreement's helsefellesskap (both declared). */
export function checkSchemeRegion(resolved: ResolvedAgreement, ctx: CheckContext): void {
  const community = resolved.community;
  if (!community) return;
  const communityRegion = regionOf(community.node.items);
  if (communityRegion === undefined) return;
  const reported = new Set<DeclaredOf<"scheme">>();
  for (const clause of resolved.node.clauses) {
    if (clause.kind !== "grant") continue;
    const scheme = resolved.schemes.get(clause.scheme);
    if (!scheme || reported.has(scheme)) continue;
    const schemeRegion = regionOf(scheme.node.items);
    if (schemeRegion === undefined || schemeRegion === communityRegion) continue;
    reported.add(scheme);
    ctx.report(
      "HFA703",
      clause.scheme,
      ctx.say(
        `Tilskuddsordningen ${scheme.name.text} gjelder regionen «${schemeRegion}», men ${community.name.text} hører til «${communityRegion}». Bruk ordningen i egen region, eller rett «region» i deklarasjonene.`,
        `The grant scheme ${scheme.name.text} is for the region "${schemeRegion}", but ${community.name.text} belongs to "${communityRegion}". Use the scheme of its own region, or correct "region" in the declarations.`,
      ),
      { related: [{ uri: scheme.uri, start: scheme.name.start, end: scheme.name.end, message: ctx.say("Tilskuddsordningen", "The grant scheme") }] },
    );
  }
}

function regionOf(items: readonly (Ast.CommunityItem | Ast.SchemeItem)[]): string | undefined {
  for (const item of items) if (item.kind === "region" && !item.value.placeholder) return item.value.value.trim();
  return undefined;
}
