/**
 * The parser and the checker never throw, whatever the text (spec §3: the
 * editor calls them on every keystroke), and every range they report lies
 * within its file. Property tests with fast-check, plus fixed extreme inputs.
 */
import { build } from "esbuild";
import fc from "fast-check";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lex, parse } from "../grammar/src/index.js";
import { Workspace, type WorkspaceAnalysis } from "../server/src/analysis/index.js";
import { AGREEMENT, SHARED, SPEC_EXAMPLE } from "./fixtures/rules/base.js";

// ------------------------------------------------------------------ helpers

const SHARED_URI = "file:///ws/felles.hfa";
const FILE_URI = "file:///ws/fuzz.hfa";

/** Checks that every diagnostic, related place and fix edit lies within its file. */
function expectRangesWithin(analysis: WorkspaceAnalysis, texts: Readonly<Record<string, string>>): void {
  const within = (uri: string, start: number, end: number, what: string) => {
    const length = texts[uri]?.length;
    if (length === undefined) throw new Error(`${what} in an unknown file ${uri}`);
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) {
      throw new Error(`${what} [${start}, ${end}) is outside ${uri} (length ${length})`);
    }
  };
  for (const [uri, list] of analysis.diagnostics) {
    for (const d of list) {
      within(uri, d.start, d.end, `${d.code} "${d.message}"`);
      for (const r of d.related ?? []) within(r.uri, r.start, r.end, `related of ${d.code}`);
      for (const fix of d.fixes ?? []) for (const e of fix.edits) within(uri, e.start, e.end, `fix of ${d.code}`);
      expect(d.message.length).toBeGreaterThan(0);
    }
  }
}

/** One workspace for a whole property run: also exercises the incremental caches. */
function fuzzer() {
  const workspace = new Workspace();
  workspace.setFile(SHARED_URI, SHARED);
  return (text: string): void => {
    const parsed = parse(text);
    for (const p of parsed.problems) {
      if (!(p.start >= 0 && p.start <= p.end && p.end <= text.length)) throw new Error(`problem ${p.kind} [${p.start}, ${p.end}) outside the text`);
    }
    workspace.setFile(FILE_URI, text);
    const analysis = workspace.analyze();
    expectRangesWithin(analysis, { [SHARED_URI]: SHARED, [FILE_URI]: text });
  };
}

/** Words that make mutations interesting: keywords, names, literals and punctuation of HFA. */
const VOCABULARY = [
  "avtale", "helsefellesskap", "tilskudd", "sats", "parter", "periode", "til", "fra", "per", "år", "i", "innsats", "besparelse",
  "balanse", "horisont", "overføring", "begrunnelse", "tiltak", "formål", "stilling", "årsverk", "à", "*", "kr", "mill.", "døgn",
  "status", "til-behandling", "vedtatt", "behandling", "styre", "kommunestyre", "indikator", "videreføring", "personelleffekt",
  "HMR", "Averøy", "Kristiansund", "RST", "Barselsdøgn", "MøreRomsdal", "samhandling", "{", "}", ",", ":", "%", '"', '"x"',
  "//", "/*", "*/", "2025", "2030", "1 200 000", "0,5", "0.5", "1,200,000", "12.03.2025", "2025-02-30", "\n", "\u00A0", "\u030A",
];

type Mutation =
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "insert"; readonly at: number; readonly word: string }
  | { readonly kind: "duplicate"; readonly at: number; readonly length: number; readonly to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), word: fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === "delete") out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === "insert") out = out.slice(0, at) + m.word + out.slice(at);
    else {
      const piece = out.slice(at, at + m.length);
      const to = m.to % (out.length + 1);
      out = out.slice(0, to) + piece + out.slice(to);
    }
  }
  return out;
}

/** Token-level mutations: drop, repeat or swap tokens of the spec example, then print them back with spaces. */
const SPEC_TOKENS = lex(SPEC_EXAMPLE).tokens.map((t) => t.image);

type TokenEdit = { readonly op: "drop" | "repeat" | "swap"; readonly at: number; readonly other: number };
const tokenEdit: fc.Arbitrary<TokenEdit> = fc.record({ op: fc.constantFrom("drop" as const, "repeat" as const, "swap" as const), at: fc.nat(), other: fc.nat() });

function editTokens(edits: readonly TokenEdit[]): string {
  const tokens = [...SPEC_TOKENS];
  for (const e of edits) {
    if (tokens.length === 0) break;
    const i = e.at % tokens.length;
    const j = e.other % tokens.length;
    if (e.op === "drop") tokens.splice(i, 1);
    else if (e.op === "repeat") tokens.splice(i, 0, tokens[i]!);
    else [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
  }
  return tokens.join(" ");
}

// ------------------------------------------------------------------ properties

describe("never throws (properties)", () => {
  const runs = { numRuns: 100 };

  it("parse, on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void parse(text)), runs);
  });

  it("parse and analyze, on arbitrary full-Unicode strings", () => {
    const run = fuzzer();
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), run), runs);
  });

  it("analyze, on strings made of HFA words", () => {
    const run = fuzzer();
    fc.assert(fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 120 }).map((words) => words.join(" ")), run), runs);
  });

  it("analyze, on random deletions, insertions and duplications in the spec example", () => {
    const run = fuzzer();
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => run(mutate(SPEC_EXAMPLE, mutations))), runs);
  });

  it("analyze, on the agreement alone with token-level mutations (dropped, repeated, swapped tokens)", () => {
    const run = fuzzer();
    fc.assert(fc.property(fc.array(tokenEdit, { minLength: 1, maxLength: 6 }), (edits) => run(editTokens(edits))), runs);
  });

  it("analyze, on binary-looking input", () => {
    const run = fuzzer();
    const latin1 = new TextDecoder("latin1");
    const utf8 = new TextDecoder("utf-8");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, asUtf8) => run((asUtf8 ? utf8 : latin1).decode(bytes))),
      runs,
    );
  });

  it("the diagnostics of the spec example lie within its files", () => {
    const workspace = new Workspace();
    workspace.setFile(SHARED_URI, SHARED);
    workspace.setFile(FILE_URI, AGREEMENT);
    expectRangesWithin(workspace.analyze(), { [SHARED_URI]: SHARED, [FILE_URI]: AGREEMENT });
  });
});

// ------------------------------------------------------------------ extreme inputs

describe("extreme inputs", () => {
  const checkOnly = (text: string) => {
    const run = fuzzer();
    expect(() => run(text)).not.toThrow();
  };

  it("10 000 nested `{`", () => checkOnly("{".repeat(10_000)));
  it("10 000 `}`", () => checkOnly("}".repeat(10_000)));
  it("10 000 nested blocks inside an agreement", () => checkOnly(`avtale A "a" {\n` + `tiltak T "t" {\n`.repeat(10_000)));
  it("an agreement with 10 000 nested `{` in it", () => checkOnly(AGREEMENT.replace("  balanse {", "  balanse " + "{".repeat(10_000))));
  it("a file of only `\"`", () => checkOnly('"'.repeat(100_001)));
  it("a file of NUL bytes", () => checkOnly("\u0000".repeat(100_000)));
  it("an empty file and whitespace only", () => {
    checkOnly("");
    checkOnly(" \n\t\r\n\u00A0\u202F\uFEFF");
  });
  it("a lone surrogate and a BOM", () => checkOnly("\uFEFF" + AGREEMENT + "\uD800"));
  it("one very long line", () => checkOnly(`avtale A "${"x".repeat(1_000_000)}" {\n}`));
});

// ------------------------------------------------------------------ 10 MB

/**
 * 10 MB of repeated agreements (the spec agreement with numbered names). Run
 * in a worker thread with a heap limit, so that a crash or runaway memory use
 * fails this test instead of killing the test runner. The deadline is a hang
 * guard (a correct implementation needs a fraction of it), not a timing test.
 */
describe("a 10 MB file of repeated agreements", () => {
  const SIZE = 10_000_000;
  const DEADLINE_MS = 25_000;
  interface Report {
    readonly stage: "parsed" | "analysed";
    readonly agreements: number;
    readonly declarations?: number;
    readonly problems?: number;
    readonly diagnostics?: number;
  }
  const reports: Report[] = [];
  let failure: string | undefined;
  let worker: Worker | undefined;
  const workerFile = join(tmpdir(), `hfa-big-file-worker-${process.pid}.mjs`);

  beforeAll(async () => {
    const here = fileURLToPath(new URL(".", import.meta.url));
    const entry = `
      import { parentPort, workerData } from "node:worker_threads";
      import { parse } from "../grammar/src/index.js";
      import { Workspace } from "../server/src/analysis/index.js";
      import { SHARED, AGREEMENT } from "./fixtures/rules/base.js";
      const parts = [SHARED];
      let length = SHARED.length;
      let count = 0;
      while (length < workerData.size) {
        const next = "\\n" + AGREEMENT.replace("JordmorNordmøre", "JordmorNordmøre" + count);
        parts.push(next);
        length += next.length;
        count++;
      }
      const text = parts.join("");
      const parsed = parse(text);
      parentPort.postMessage({ stage: "parsed", agreements: count, declarations: parsed.file.declarations.length, problems: parsed.problems.length });
      const workspace = new Workspace();
      workspace.setFile("file:///big.hfa", text);
      const analysis = workspace.analyze();
      parentPort.postMessage({ stage: "analysed", agreements: analysis.agreements.length, diagnostics: analysis.diagnostics.get("file:///big.hfa").length });
    `;
    const bundled = await build({
      stdin: { contents: entry, resolveDir: here, loader: "ts", sourcefile: "big-file-worker.ts" },
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      mainFields: ["module", "main"],
      logLevel: "silent",
    });
    writeFileSync(workerFile, bundled.outputFiles[0]!.text);
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const w = new Worker(workerFile, { workerData: { size: SIZE }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
      worker = w;
      const timer = setTimeout(() => {
        failure = `did not finish within ${DEADLINE_MS / 1000} s (stopped)`;
        void w.terminate().then(() => resolve());
      }, DEADLINE_MS);
      w.on("message", (report: Report) => {
        reports.push(report);
        if (report.stage === "analysed") {
          clearTimeout(timer);
          void w.terminate().then(() => resolve());
        }
      });
      w.on("error", (error: Error & { code?: string }) => {
        clearTimeout(timer);
        failure = `${error.code ?? error.name}: ${error.message} after ${Date.now() - started} ms`;
        resolve();
      });
      w.on("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }, DEADLINE_MS + 15_000);

  afterAll(async () => {
    await worker?.terminate();
    rmSync(workerFile, { force: true });
  });

  it("parses, every agreement found and no syntax problem", () => {
    const parsed = reports.find((r) => r.stage === "parsed");
    expect(parsed, failure).toBeDefined();
    expect(parsed!.agreements).toBeGreaterThan(2_500);
    expect(parsed!.declarations).toBe(parsed!.agreements + 5);
    expect(parsed!.problems).toBe(0);
  });

  it("checks without crashing", () => {
    const analysed = reports.find((r) => r.stage === "analysed");
    expect(analysed, `the checker did not complete: ${failure ?? "no report"}`).toBeDefined();
    expect(analysed!.diagnostics).toBeGreaterThan(0);
  });
});
