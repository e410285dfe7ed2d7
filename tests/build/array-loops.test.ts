/**
 * scripts/arrayLoops.mjs lowers `for…of` over arrays to indexed loops in the
 * bundles (issue 12, round 9). The rewrite must change nothing a program does:
 * each case below runs as written and as lowered (both transpiled by
 * TypeScript) and must record the same steps. Only loops over what the type
 * checker proves an array or a tuple are lowered; line numbers stay; and the
 * shipped bundles are built with it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { lowerArrayLoops } from "../../scripts/arrayLoops.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FILE = "/virtual/case.ts";
const OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ["lib.es2022.d.ts"], strict: true, noEmit: true };

/** The standard library's files, parsed once for all the programs below. */
const libraries = new Map<string, ts.SourceFile | undefined>();

/** `source` lowered with a program of its own (undefined: nothing to lower). */
function lower(source: string): string | undefined {
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    if (name === FILE) return ts.createSourceFile(FILE, source, version);
    if (!libraries.has(name)) libraries.set(name, getSourceFile(name, version));
    return libraries.get(name);
  };
  host.fileExists = (name) => name === FILE || ts.sys.fileExists(name);
  const program = ts.createProgram([FILE], OPTIONS, host);
  return lowerArrayLoops(program.getSourceFile(FILE)!, program.getTypeChecker());
}

/** Runs a case's `run(log)` and returns what it logged (or the error it threw, as a step). */
function steps(source: string): unknown[] {
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: { run?: (log: (step: unknown) => void) => void } = {};
  new Function("exports", js)(exports);
  const log: unknown[] = [];
  try {
    exports.run!((step) => log.push(step));
  } catch (error) {
    log.push(`threw ${(error as Error).message}`);
  }
  return log;
}

const CASES: Record<string, string> = {
  "break, continue and a label": `export function run(log: (s: unknown) => void) {
    const rows: number[][] = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    outer: for (const row of rows) {
      for (const cell of row) {
        if (cell === 2) continue;
        if (cell === 5) continue outer;
        if (cell === 8) break outer;
        log(cell);
      }
      log("row end");
    }
  }`,
  "closures see each step's binding": `export function run(log: (s: unknown) => void) {
    const later: (() => unknown)[] = [];
    for (const x of ["a", "b", "c"]) later.push(() => x);
    for (let y of [1, 2]) { y *= 10; later.push(() => y); }
    for (const read of later) log(read());
  }`,
  "the array grows and shrinks while iterated": `export function run(log: (s: unknown) => void) {
    const list = [1, 2, 3];
    for (const x of list) { log(x); if (x === 1) list.push(4); if (x === 2) list.splice(0, 1); }
    log(list.join());
  }`,
  "holes, destructuring, a body without braces, shadowing": `export function run(log: (s: unknown) => void) {
    // eslint-disable-next-line no-sparse-arrays
    const sparse: (number | undefined)[] = [1, , 3];
    for (const x of sparse) log(x);
    const pairs: [string, number][] = [["a", 1], ["b", 2]];
    for (const [name, value] of pairs) log(name + value);
    for (const { length } of ["xy", "z"]) log(length);
    for (const x of [1, 2]) for (const y of [x, x * 10]) log(y);
    for (const x of [1]) { const x = "inner"; log(x); }
  }`,
  "the expression is evaluated once, before the first step": `export function run(log: (s: unknown) => void) {
    let calls = 0;
    const make = () => { calls++; return [1, 2, 3]; };
    for (const x of make()) log(x + ":" + calls);
  }`,
  "return, a generator and an error inside the loop": `export function run(log: (s: unknown) => void) {
    const first = (xs: readonly number[]) => { for (const x of xs) if (x > 1) return x; return -1; };
    log(first([1, 5, 7]));
    function* doubled(xs: number[]) { for (const x of xs) yield x * 2; }
    log([...doubled([1, 2])].join());
    for (const x of [1, 2, 3]) { if (x === 2) throw new Error("at " + x); log(x); }
  }`,
  "loops that are not over arrays": `export function run(log: (s: unknown) => void) {
    for (const [k, v] of new Map([["a", 1]])) log(k + v);
    for (const x of new Set([1, 2])) log(x);
    for (const ch of "hi") log(ch);
    const either: number[] | Set<number> = Math.random() > 2 ? [1] : new Set([9]);
    for (const x of either) log(x);
    let existing = 0;
    for (existing of [5, 6]) log(existing);
  }`,
};

describe("lowered loops do what the loops as written do", () => {
  for (const [name, source] of Object.entries(CASES)) {
    test(name, () => {
      const lowered = lower(source) ?? source;
      const before = steps(source);
      expect(before.length).toBeGreaterThan(0);
      expect(steps(lowered)).toEqual(before);
    });
  }
});

describe("which loops are lowered", () => {
  const count = (text: string | undefined) => (text?.match(/ = 0, a\$\d+ = /g) ?? []).length;
  test("arrays, readonly arrays, tuples and unions of them", () => {
    const source = `declare const a: number[]; declare const r: readonly string[]; declare const t: [number, string]; declare const u: number[] | string[];
for (const x of a) x;
for (const x of r) x;
for (const x of t) x;
for (const x of u) x;
for (let x of a) x;`;
    expect(count(lower(source))).toBe(5);
  });
  test("not Maps, Sets, strings, iterables, generators, any, unions with a Set, var or an existing variable", () => {
    const source = `declare const m: Map<string, number>; declare const s: Set<number>; declare const it: Iterable<number>; declare const anything: any;
declare const mixed: number[] | Set<number>; declare function gen(): Generator<number>; let y = 0;
for (const x of m) x;
for (const x of s) x;
for (const x of "text") x;
for (const x of it) x;
for (const x of gen()) x;
for (const x of anything) x;
for (const x of mixed) x;
for (var x of [1]) x;
for (y of [1]) y;`;
    expect(lower(source)).toBeUndefined();
  });
  test("a loop whose head holds a loop is left as written; the inner one is lowered", () => {
    const source = `declare const a: number[][];
for (const x of a.map((row) => { let n = 0; for (const c of row) n += c; return [n]; })) x;`;
    const lowered = lower(source);
    expect(count(lowered)).toBe(1);
    expect(lowered).toContain("for (const x of a.map((row) => { let n = 0; for (let i$0 = 0, a$0 = (row);");
  });
  test("every line keeps its number", () => {
    const source = `declare const a: number[];
for (const x of
  a) {
  // line 4
  for (const y of a) y; // line 5
}
// line 7`;
    const lowered = lower(source)!;
    expect(count(lowered)).toBe(2);
    const lines = lowered.split("\n");
    expect(lines.length).toBe(source.split("\n").length);
    expect(lines[3]).toContain("// line 4");
    expect(lines[4]).toContain("// line 5");
    expect(lines[6]).toContain("// line 7");
  });
});

test("the shipped bundles are built with the lowering (scripts/build.mjs)", () => {
  for (const bundle of ["dist/cli.js", "dist/server-core.js"]) {
    const text = readFileSync(join(ROOT, bundle), "utf8");
    expect((text.match(/for \(let i\$\d+ = 0, a\$\d+ = /g) ?? []).length, bundle).toBeGreaterThan(100);
  }
});
