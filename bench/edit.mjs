// One edit's re-analysis in process (`setFile` + `analyze()`), interleaved
// between two checkouts so that the shared machine's load hits both alike:
//   node --expose-gc bench/edit.mjs --agreements 10000 --root /work/main [--edits 40] [--rounds 3] [--mixed]
// --mixed: the edited agreement's file also holds a shared declaration after
// it (docs/performance.md "Known issues"), typed into above that declaration.
// --top: the edit is at the top of the agreement's body, above all its clauses.
// --rename: the agreement's name is typed into.
import { bundleFrom } from "./bundle.mjs";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateWorkspace } from "./generate.mjs";
import { repo, timed } from "./interleave.mjs";

const out = join(repo, "bench", "out");
const { values: options } = parseArgs({
  options: {
    agreements: { type: "string", default: "10000" },
    edits: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
    root: { type: "string" },
    mixed: { type: "boolean", default: false },
    top: { type: "boolean", default: false },
    rename: { type: "boolean", default: false },
  },
});
const count = Number(options.agreements);
const edits = Number(options.edits);
const rounds = Number(options.rounds);
const mixed = options.mixed;
const roots = [repo, options.root].filter(Boolean);

mkdirSync(out, { recursive: true });
async function load(root, index) {
  const outfile = join(out, `edit-core-${index}.cjs`);
  return (await bundleFrom(root, { "../server/src/analysis/workspace.ts": ["Workspace"] }, outfile)).Workspace;
}
const workspaces = [];
const { files } = generateWorkspace(count);
const target = files.filter((f) => f.path.startsWith("avtaler/"))[count >> 1];
const base = mixed ? `${target.text}\nsats Ekstra${count} "Ekstra sats" 100 kr per døgn kilde "x"\n` : target.text;
// --top: typed at the top of the agreement's body, above its clauses (their offsets move: grants, frames).
const at = options.top ? base.indexOf("{") + 1 : mixed ? target.text.length - 2 : base.length;
// --rename: the agreement's name is typed into (one letter more, one less).
const edited = options.rename ? base.replace(/^avtale (\S+)/m, "avtale $1x") : `${base.slice(0, at)}\n// endret\n${base.slice(at)}`;
const uri = `file:///ws/${target.path}`;
for (const [i, root] of roots.entries()) {
  const Workspace = await load(root, i);
  const workspace = new Workspace();
  for (const file of files) workspace.setFile(`file:///ws/${file.path}`, file === target ? base : file.text);
  workspace.analyze();
  workspaces.push({ root, workspace, times: [], cpu: [] });
}
for (let round = 0; round < rounds; round++) {
  for (const w of workspaces) {
    for (let i = 0; i < edits + 3; i++) {
      const { wall, cpu } = timed(() => {
        w.workspace.setFile(uri, i % 2 === 0 ? edited : base);
        w.workspace.analyze();
      });
      if (i >= 3) { w.times.push(wall); w.cpu.push(cpu); }
    }
  }
}
const pct = (values, p) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
for (const w of workspaces) {
  console.log(`${w.root}: ${count} agreements${mixed ? " (mixed file)" : ""}${options.top ? " (top of the body)" : ""}${options.rename ? " (its name typed into)" : ""}: wall p50 ${pct(w.times, 50).toFixed(2)} p95 ${pct(w.times, 95).toFixed(2)} min ${Math.min(...w.times).toFixed(2)} ms; cpu p50 ${pct(w.cpu, 50).toFixed(2)} ms`);
}
