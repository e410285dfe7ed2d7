// Parse alone (lex + parse, `grammar/src`), interleaved between checkouts:
// the figures for lexer/parser work, where bench/run.mjs's "parse" column also
// holds the analysis' declarations and line index.
//
//   node --expose-gc bench/parse.mjs [--root <checkout>]... [--runs N] [--only <scenario>]
//
// Every --root (default: this checkout; give `--root /work/main --root .` for
// before/after) is bundled with esbuild and loaded into this one process; the
// runs alternate between them so that the machine's load hits both alike.
// Per scenario: min and median wall time and CPU time (process.cpuUsage) of
// parsing every file, lex alone, and the heap the ParseResults keep (growth
// of heapUsed after gc(), the source strings excluded) per MB of source.

import { bundleFrom } from "./bundle.mjs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { benchArgs, gc, median, repo, timed } from "./interleave.mjs";
import { generateLargeFile, generateWorkspace } from "./generate.mjs";

const out = join(repo, "bench", "out");
const { roots, option } = benchArgs();
const RUNS = Number(option("--runs", 15));
const only = option("--only", undefined);

mkdirSync(out, { recursive: true });
const cores = [];
for (const [n, root] of roots.entries()) {
  const outfile = join(out, `parse-core-${n}.cjs`);
  // The lexer the parser runs: `lexTable` (into the token table) where a checkout has it, else `lex` (token objects).
  const bundle = await bundleFrom(root, { "../grammar/src/parser.ts": ["parse"], "../grammar/src/lexer.ts": ["lex", "lexTable"] }, outfile);
  const core = { parse: bundle.parse, lex: bundle.lexTable ?? bundle.lex };
  core.parse('sats A "a" 1 kr per døgn');
  cores.push({ root, ...core });
}

const scenarios = [];
for (const count of [100, 1000]) scenarios.push({ name: `workspace ${count}`, files: generateWorkspace(count).files.map((f) => f.text) });
scenarios.push({ name: "one file, 5000 lines", files: [generateLargeFile(5000).text] });
scenarios.push({ name: "hostile: 260 KB `avtale (`", files: ["avtale ( ".repeat(29_000)] });

const MB = 1024 * 1024;
const fmt = (n) => n.toFixed(n < 10 ? 2 : 1);

for (const scenario of scenarios) {
  if (only && !scenario.name.includes(only)) continue;
  const bytes = scenario.files.reduce((sum, text) => sum + Buffer.byteLength(text, "utf8"), 0);
  const results = cores.map(() => ({ parse: [], parseCpu: [], lex: [], lexCpu: [], heap: [] }));
  for (let run = -2; run < RUNS; run++) {
    for (const [n, core] of cores.entries()) {
      const r = results[n];
      gc();
      const p = timed(() => {
        for (const text of scenario.files) core.parse(text);
      });
      gc();
      const l = timed(() => {
        for (const text of scenario.files) core.lex(text);
      });
      if (run < 0) continue;
      r.parse.push(p.wall);
      r.parseCpu.push(p.cpu);
      r.lex.push(l.wall);
      r.lexCpu.push(l.cpu);
      if (run < 3 && global.gc) {
        gc();
        const before = process.memoryUsage().heapUsed;
        const kept = scenario.files.map((text) => core.parse(text));
        gc();
        r.heap.push((process.memoryUsage().heapUsed - before) / MB);
        kept.length = 0;
      }
    }
  }
  console.log(`${scenario.name}: ${scenario.files.length} files, ${(bytes / MB).toFixed(2)} MB`);
  for (const [n, core] of cores.entries()) {
    const r = results[n];
    const heap = r.heap.length ? Math.min(...r.heap) : NaN;
    console.log(
      `  ${core.root}: parse min ${fmt(Math.min(...r.parse))} / med ${fmt(median(r.parse))} ms (cpu min ${fmt(Math.min(...r.parseCpu))})` +
        `; lex min ${fmt(Math.min(...r.lex))} / med ${fmt(median(r.lex))} ms (cpu min ${fmt(Math.min(...r.lexCpu))})` +
        `; heap ${heap.toFixed(2)} MB = ${(heap / (bytes / MB)).toFixed(1)} MB/MB`,
    );
  }
}
