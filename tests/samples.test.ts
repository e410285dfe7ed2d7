/**
 * The sample repository (samples/): the shared declarations and the clean
 * agreements give no error, warning or hint, with the balances that
 * samples/README.md computes by hand; every file in samples/feil gets the
 * codes its header comment promises, and nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../server/src/analysis/index.js";
import { readSamples, SAMPLES } from "./helpers/samples.js";
import { check, codesOf, codesWithSeverity, describeDiagnostics } from "./helpers/workspace.js";

const felles = readSamples("felles");
const avtaler = readSamples("avtaler");
const feil = readSamples("feil");

/** Codes on the header's `// <label>: …` line (the first such line), or undefined without one. */
function headerCodes(text: string, label: string): string[] | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith("//")) {
      if (line.trim() === "") continue;
      break; // the header comment has ended
    }
    const match = new RegExp(`^//\\s*${label}:(.*)$`).exec(line);
    if (match) return [...match[1]!.matchAll(/HFA\d{3}/g)].map((m) => m[0]).sort();
  }
  return undefined;
}

/** `-1 029 000` / `+35 000` / `−25 000` → number. */
function amount(text: string): number {
  return Number(text.replace(/[\s\u00A0\u202F]/g, "").replace("−", "-").replace("+", ""));
}

describe("samples/felles and samples/avtaler", () => {
  const c = check({ ...felles, ...avtaler });

  it("give no error, no warning and no hint", () => {
    expect(codesWithSeverity(c.all, "error", "warning", "hint"), describeDiagnostics(c.all, c.files)).toEqual([]);
  });

  it("give only the information README.md lists: HFA404 for all, HFA503 at small hospitals, HFA606 unless vedtatt", () => {
    expect(codesOf(c.all)).toEqual(["HFA404", "HFA503", "HFA606"]);
    expect(c.byCode("HFA404")).toHaveLength(Object.keys(avtaler).length);
    const hospitals = c.byCode("HFA503").map((d) => d.message.split(" er ")[0]).sort();
    expect(hospitals.some((h) => /Levanger/.test(h ?? ""))).toBe(false);
    for (const place of ["Volda", "Kristiansund", "Molde", "Namsos", "Orkdal"]) {
      expect(hospitals.some((h) => (h ?? "").includes(place)), `${place}: ${hospitals.join(", ")}`).toBe(true);
    }
    for (const a of c.analysis.agreements) {
      const status = a.node.clauses.find((cl) => cl.kind === "status");
      const adopted = status?.kind === "status" && status.value.value === "vedtatt";
      const info606 = c.in(a.uri).filter((d) => d.code === "HFA606" && d.start >= a.node.start && d.end <= a.node.end);
      expect(info606.length, a.node.name.text).toBe(adopted ? 0 : 1);
    }
  });

  // The README's table of hand-computed balances: file, horizon, net at the horizon per party and in total.
  const readme = readFileSync(join(SAMPLES, "README.md"), "utf8");
  const rows = [...readme.matchAll(/^\| `([\w-]+\.hfa)` – [^|]+\|[^|]+\|[^|]+\|[^|]+\|[^|]+\| (\d{4})[^|]*\| ([^|]+) \|$/gmu)].map((m) => ({
    file: m[1]!,
    horizon: Number(m[2]),
    nets: [...m[3]!.split(/\(samlet/)[0]!.matchAll(/(\p{L}[\p{L}\p{N}-]*) ([+−-][\d ]*\d)/gu)].map((n) => [n[1]!, amount(n[2]!)] as const),
    total: amount(/\(samlet ([+−-][\d ]*\d)\)/u.exec(m[3]!)?.[1] ?? "NaN"),
  }));

  it("README.md has a balance row for every clean agreement", () => {
    expect(rows.map((r) => r.file).sort()).toEqual(Object.keys(avtaler).map((u) => u.split("/").pop()).sort());
  });

  it.each(rows)("$file: horizon and net at the horizon as computed by hand in README.md", ({ file, horizon, nets, total }) => {
    const analysis = c.analysis.agreements.find((a) => a.uri.endsWith(`/avtaler/${file}`));
    const balance = analysis?.money.balance;
    expect(balance, file).toBeDefined();
    expect(balance!.horizon).toBe(horizon);
    expect(nets.length).toBe(balance!.parties.length);
    for (const [party, net] of nets) {
      const p = balance!.parties.find((x) => x.party === party);
      expect(p, `${file}: ${party}`).toBeDefined();
      expect(p!.atHorizon, `${file}: ${party}`).toBeCloseTo(net, 2);
    }
    expect(balance!.total.atHorizon).toBeCloseTo(total, 2);
  });
});

describe("samples/feil", () => {
  const files = Object.entries(feil);

  it("every file says what it expects", () => {
    for (const [uri, text] of files) expect(headerCodes(text, "Forventet"), uri).toBeDefined();
  });

  describe.each(files.map(([uri, text]) => ({ name: uri.split("/").pop()!, uri, text })))("$name", ({ uri, text }) => {
    const expected = headerCodes(text, "Forventet") ?? [];
    const information = headerCodes(text, "Ellers bare informasjon");
    const c = check({ ...felles, [uri]: text });
    const found = c.in(uri);

    it(`gets ${expected.join(", ")}`, () => {
      for (const code of expected) expect(codesOf(found), `${code}\n${describeDiagnostics(found, c.files)}`).toContain(code);
      for (const code of expected) expect(RULES.has(code)).toBe(true);
    });

    it("gets no unexpected error or warning", () => {
      expect(codesWithSeverity(found, "error", "warning").filter((code) => !expected.includes(code)), describeDiagnostics(found, c.files)).toEqual([]);
    });

    it("gets the information and hints its header lists, and no other", () => {
      const other = codesWithSeverity(found, "information", "hint").filter((code) => !expected.includes(code));
      if (information === undefined) expect(other).toEqual([]);
      else expect(other).toEqual(information.filter((code) => !expected.includes(code)));
    });

    it("the shared files stay clean", () => {
      const inShared = c.all.filter((d) => d.uri !== uri);
      expect(inShared, describeDiagnostics(inShared, c.files)).toEqual([]);
    });
  });
});

describe("samples state no invented fact as real", () => {
  const all = { ...felles, ...avtaler, ...feil };

  it.each(Object.keys(all).map((uri) => uri.split("/samples/")[1]!))("%s marks its figures as examples (EKSEMPELTALL)", (name) => {
    const text = all[`file:///samples/${name}`]!;
    const comments = [...text.matchAll(/\/\/[^\n]*/g)].map((m) => m[0]).join("\n");
    if (/\d/.test(text.replace(/\/\/[^\n]*/g, "").replace(/"(?:[^"\\]|\\.)*"/g, ""))) expect(comments).toContain("EKSEMPELTALL");
  });

  it("claim no decision or agreement that was never made", () => {
    for (const [uri, text] of Object.entries(all)) {
      expect(text, uri).not.toMatch(/ASU sitt forslag|har blitt enige om|sekretariatene har vedtatt/u);
    }
  });

  it("README.md says the figures are examples", () => {
    expect(readFileSync(join(SAMPLES, "README.md"), "utf8")).toContain("EKSEMPELTALL");
  });
});

describe("the whole samples folder", () => {
  const c = check({ ...felles, ...avtaler, ...feil });

  it("stays within the RST frame (only FeilPilotmidler is exceeded) and declares every name once", () => {
    for (const d of c.byCode("HFA701")) expect(d.message).toContain("FeilPilotmidler");
    expect(c.byCode("HFA701").length).toBeGreaterThan(0);
    expect(c.byCode("HFA102"), describeDiagnostics(c.byCode("HFA102"), c.files)).toEqual([]);
  });
});
