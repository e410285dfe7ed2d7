// The balance puts each party's flows in that party's columns. `PartyColumns`
// (money.ts) scans a short list of parties and keeps a Map for a long one
// (above PARTY_SCAN_LIMIT): both must give every party its own figures.
import { describe, expect, test } from "vitest";
import { PARTY_SCAN_LIMIT } from "../server/src/analysis/agreement/resolve.js";
import { Workspace } from "../server/src/analysis/workspace.js";

function workspaceWith(municipalities: number): Workspace {
  const names = Array.from({ length: municipalities }, (_, i) => `K${i + 1}`);
  const community = `helsefellesskap HF "Helsefellesskapet" {
  region "Helse Midt-Norge"
  helseforetak HT "Helseforetaket HF" {
    sykehus S "Sykehuset" akuttsykehus
  }
${names.map((n, i) => `  kommune ${n} "${n} kommune" nr "${String(1500 + i)}"`).join("\n")}
}
`;
  // Party i (0 = the health trust) puts in (i + 1) × 1 000 kr a year and saves (i + 1) × 3 000 kr a year from 2027.
  const parties = ["HT", ...names];
  const agreement = `avtale A "Avtalen" {
  helsefellesskap HF
  parter ${parties.join(", ")}
  periode 2026 til 2028
${parties.map((p, i) => `  innsats ${p} ${(i + 1) * 1000} kr per år`).join("\n")}
${parties.map((p, i) => `  besparelse ${p} ${(i + 1) * 3000} kr per år fra 2027`).join("\n")}
}
`;
  const workspace = new Workspace();
  workspace.setFile("file:///ws/felles.hfa", community);
  workspace.setFile("file:///ws/avtale.hfa", agreement);
  return workspace;
}

describe("each party's columns", () => {
  for (const municipalities of [2, PARTY_SCAN_LIMIT - 1, PARTY_SCAN_LIMIT, PARTY_SCAN_LIMIT + 3]) {
    test(`${municipalities + 1} parties: every party's input and savings are its own`, () => {
      const analysis = workspaceWith(municipalities).analyze();
      const balance = analysis.agreements[0]!.money.balance!;
      expect(balance.parties).toHaveLength(municipalities + 1);
      balance.parties.forEach((party, i) => {
        expect(party.party).toBe(i === 0 ? "HT" : `K${i}`);
        // Input in the three years of the period; savings from 2027 to the horizon.
        const savingYears = balance.horizon - 2027 + 1;
        expect(party.totals.input, party.party).toBe((i + 1) * 1000 * 3);
        expect(party.totals.saving, party.party).toBe((i + 1) * 3000 * savingYears);
        expect(party.rows.find((r) => r.year === 2026)?.input, party.party).toBe((i + 1) * 1000);
      });
      expect(balance.total.totals.input).toBe(balance.parties.reduce((sum, p) => sum + p.totals.input, 0));
    });
  }
});
