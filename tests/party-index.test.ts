// `PartyIndex` (the resolved agreement's parties by name) scans a short list
// and keeps a Map for a long one: both must answer as a Map of the parties does.
import { describe, expect, test } from "vitest";
import type * as Ast from "../grammar/src/ast.js";
import { PartyIndex, type Party } from "../server/src/analysis/agreement/resolve.js";

const name = (text: string, placeholder = false): Ast.Name => (placeholder ? { start: 0, end: text.length, text, placeholder: true } : { start: 0, end: text.length, text });

/** Parties named `P0`…; the index reads only `name`. */
function parties(count: number): Party[] {
  return Array.from({ length: count }, (_, i) => ({ name: `P${i}`, ref: name(`P${i}`), side: "kommunal", decl: {} as Party["decl"] }));
}

describe("PartyIndex", () => {
  for (const count of [0, 1, 8, 9, 30]) {
    test(`${count} parties: get and isPartyRef agree with a Map of the parties`, () => {
      const list = parties(count);
      const index = new PartyIndex(list);
      const byName = new Map(list.map((p) => [p.name, p]));
      for (const text of ["P0", "P7", "P8", "P29", "P30", "p0", "", "Q"]) {
        expect(index.get(text), text).toBe(byName.get(text));
        expect(index.isPartyRef(name(text)), text).toBe(byName.has(text) && text !== "");
      }
    });
  }

  test("a placeholder in a party position names no party, even one spelt like it", () => {
    const list = [...parties(2), { name: "<part>", ref: name("<part>"), side: "kommunal", decl: {} as Party["decl"] } satisfies Party];
    expect(new PartyIndex(list).isPartyRef(name("<part>", true))).toBe(false);
    expect(new PartyIndex(list).isPartyRef(name("P1"))).toBe(true);
  });
});
