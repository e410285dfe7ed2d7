/**
 * The hfa.json schema the extension contributes (client/schemas/hfa.schema.json) must say what
 * the checker accepts: every rule code of the registry, every key of docs/language.md §7. With
 * `additionalProperties: false`, a key the schema lacks is flagged in VS Code although the
 * checker takes it (it lacked the v1.1 codes and keys once).
 */
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseConfig, RULES } from "../server/src/analysis/index.js";

const ROOT = join(__dirname, "..");
const schema = JSON.parse(readFileSync(join(ROOT, "client", "schemas", "hfa.schema.json"), "utf8")) as {
  properties: { rules: { properties: Record<string, { enum: string[] }> } };
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The spec §7 example with every key, plus docs.baseUrl. */
const FULL = {
  locale: "nb",
  rules: { HFA604: "off", HFA203: "error" },
  justification: { minWords: 12 },
  suppression: { minWords: 3 },
  balance: { tolerance: 0.05, defaultHorizonYears: 3, maxHorizonYears: 5 },
  grant: { maxShare: 0.5 },
  exclude: ["arkiv/**"],
  docs: { baseUrl: "https://regler.example.no/hfa/" },
};

describe("hfa.json schema", () => {
  test("lists every rule code of the registry, and no other", () => {
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...RULES.keys()].sort());
  });

  test("accepts every key the checker accepts", () => {
    const text = JSON.stringify(FULL);
    expect(parseConfig(text, "file:///ws/hfa.json").diagnostics).toEqual([]);
    expect(validate(FULL), JSON.stringify(validate.errors)).toBe(true);
  });

  test("rejects what the checker rejects (so the schema is not merely permissive)", () => {
    for (const bad of [{ unknown: 1 }, { suppression: { minWords: 0 } }, { grant: { maxShare: 0 } }, { balance: { maxHorizonYears: 51 } }, { rules: { HFA001: "off" } }, { docs: { baseUrl: "file:///x" } }]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
      expect(parseConfig(JSON.stringify(bad), "file:///ws/hfa.json").diagnostics.length, JSON.stringify(bad)).toBeGreaterThan(0);
    }
  });
});
