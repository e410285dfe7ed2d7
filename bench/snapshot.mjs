// The behaviour snapshot for speed work (issue 12: "no behaviour change").
//
//   node bench/snapshot.mjs --out bench/out/snapshot-before.jsonl          (before a change)
//   node bench/snapshot.mjs --compare bench/out/snapshot-before.jsonl      (after it)
//
// Writes one JSON line per entry: parse results (syntax tree, problems,
// tokens, comments, placeholders), the formatter's output, and workspace
// analyses in nb and en (diagnostics, references with their targets, every
// agreement's resolved parties and money model) over samples/, each sample
// alone, seeded mutations of every sample, generated workspaces and the
// 5 000-line file; an incremental edit session (each step's diagnostics,
// also checked against a fresh workspace); and the built CLI's output
// (`check` in text, json and sarif) over samples/ and a generated workspace.
// `--compare` exits 1 and names the first differing entries. `--root` takes
// the code from another checkout (with node_modules and a built dist/).
// Entries are deterministic: fixed seeds, sorted maps, no timings.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleFrom } from "./bundle.mjs";
import { generateLargeFile, generateWorkspace } from "./generate.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = option("--root", repo);
const outFile = option("--out", undefined);
const compareFile = option("--compare", undefined);
const MUTATIONS = Number(option("--mutations", 12));

const outDir = join(repo, "bench", "out");
mkdirSync(outDir, { recursive: true });
const coreFile = join(outDir, `snapshot-core-${process.pid}.cjs`);
const core = await bundleFrom(
  root,
  {
    "../grammar/src/parser.ts": ["parse"],
    "../server/src/analysis/workspace.ts": ["Workspace"],
    "../server/src/format/formatter.ts": ["formatText"],
    "../tests/robust/fuzzKit.ts": ["mutateMany", "rng"],
  },
  coreFile,
);
rmSync(coreFile, { force: true });
const { parse, Workspace, formatText, mutateMany, rng } = core;

const entries = [];
const add = (id, data) => entries.push(JSON.stringify({ id, data }));

// ------------------------------------------------------------------ serialisers

const tokenRow = (t) => [t.tokenType.name, t.startOffset, t.endOffset, t.image];

/**
 * The tree as plain data, each clause's keyword as the span `{ start, end }`
 * (the tree keeps only `keywordEnd`; the span is `Ast.keywordSpan`), in the
 * place the tree has it.
 */
function treeData(value) {
  if (Array.isArray(value)) return value.map(treeData);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const key of Object.keys(value)) {
    if (key === "keywordEnd") out.keyword = { start: value.start, end: value.keywordEnd };
    else out[key] = treeData(value[key]);
  }
  return out;
}

function parseData(text) {
  const p = parse(text);
  return { file: treeData(p.file), problems: p.problems, tokens: p.tokens.map(tokenRow), comments: p.comments.map(tokenRow), placeholders: p.placeholders };
}

/** A declaration or builtin a reference points at, by what identifies it (not by object identity). */
function targetData(target) {
  if (!target) return null;
  if (target.id !== undefined && target.uri === undefined) return { kind: target.kind, id: target.id };
  return { kind: target.kind, uri: target.uri, name: target.name?.text, start: target.name?.start, end: target.name?.end };
}

/** Plain data with sorted keys; syntax-tree nodes and declarations inside analysis results as their identity. */
function canon(value, depth = 0) {
  if (value === null || typeof value !== "object") return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
  if (value instanceof Set) return { $set: [...value].map((v) => canon(v, depth + 1)).sort(cmpJson) };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [canon(k, depth + 1), canon(v, depth + 1)]).sort(cmpJson) };
  if (Array.isArray(value)) return value.map((v) => canon(v, depth + 1));
  // A list kept compactly (a `ReferenceList`) as the list of what it holds.
  if (typeof value[Symbol.iterator] === "function") return [...value].map((v) => canon(v, depth + 1));
  if (depth > 0 && typeof value.kind === "string" && typeof value.start === "number" && typeof value.end === "number") {
    return { $node: value.kind, start: value.start, end: value.end };
  }
  if (depth > 0 && typeof value.kind === "string" && typeof value.uri === "string" && value.name) return { $decl: targetData(value) };
  if (depth > 12) return "$deep";
  const out = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (typeof v === "function" || v === undefined) continue;
    out[key] = canon(v, depth + 1);
  }
  return out;
}
function cmpJson(a, b) {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Every name in a party position of an agreement (where HFA304 may apply). */
function partyPositions(agreement) {
  const refs = [];
  for (const clause of agreement.clauses) {
    if (clause.kind === "input" || clause.kind === "saving" || clause.kind === "decision") refs.push(clause.party);
    else if (clause.kind === "grant") for (const share of clause.shares ?? []) refs.push(share.party);
    else if (clause.kind === "measure") {
      for (const item of clause.items) if (item.kind === "position") for (const share of item.shares) refs.push(share.party);
    } else if (clause.kind === "balance") {
      for (const item of clause.items) if (item.kind === "transfer") refs.push(item.from, item.to);
    }
  }
  return refs;
}

/**
 * The resolved agreement as it reads: its parties by name, and which names in
 * party positions name a party (`validPartyRefs`), and the purposes stated as a
 * set, however the analysis keeps them (Maps and Sets before round 5, a
 * `PartyIndex` and a list after).
 */
function resolvedData(resolved) {
  if (resolved.validPartyRefs) return canon(resolved);
  const { partyByName, ...rest } = resolved;
  return canon({
    ...rest,
    purposes: new Set(resolved.purposes),
    partyByName: new Map(resolved.parties.map((p) => [p.name, partyByName.get(p.name)])),
    validPartyRefs: new Set(partyPositions(resolved.node).filter((ref) => partyByName.isPartyRef(ref))),
  });
}

const sortedEntries = (map) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function analysisData(ws) {
  const a = ws.analyze();
  return {
    locale: a.locale,
    diagnostics: sortedEntries(a.diagnostics),
    references: sortedEntries(a.references).map(([uri, refs]) => [
      uri,
      [...refs].map((r) => ({ uri: r.uri, name: [r.name.text, r.name.start, r.name.end], expected: r.expected, target: targetData(r.target) })),
    ]),
    suppressions: sortedEntries(a.suppressions).map(([uri, list]) => [uri, canon(list, 1)]),
    agreements: a.agreements.map((g) => ({ uri: g.uri, name: g.node.name.text, start: g.node.start, resolved: resolvedData(g.resolved), money: canon(g.money) })),
  };
}

/** Both languages, the second through setLocale on the same workspace (the cached path the editor takes). */
function analyses(id, files, config) {
  const ws = new Workspace();
  if (config) ws.setConfig(config.uri, config.text);
  for (const [uri, text] of files) ws.setFile(uri, text);
  add(`${id} nb`, analysisData(ws));
  ws.setLocale("en");
  add(`${id} en`, analysisData(ws));
}

// ------------------------------------------------------------------ corpora

const samplesDir = join(repo, "samples");
const sampleFiles = [];
for (const dir of ["felles", "avtaler", "feil"]) {
  for (const name of readdirSync(join(samplesDir, dir)).filter((f) => f.endsWith(".hfa")).sort()) {
    sampleFiles.push([`file:///samples/${dir}/${name}`, readFileSync(join(samplesDir, dir, name), "utf8")]);
  }
}
const felles = sampleFiles.filter(([uri]) => uri.includes("/felles/"));
const samplesConfig = { uri: "file:///samples/hfa.json", text: readFileSync(join(samplesDir, "hfa.json"), "utf8") };

for (const [uri, text] of sampleFiles) {
  add(`parse ${uri}`, parseData(text));
  add(`format ${uri}`, formatText(text));
}
analyses("samples", sampleFiles, samplesConfig);
analyses("samples, no config", sampleFiles);
for (const [uri, text] of sampleFiles) {
  if (uri.includes("/felles/")) continue;
  analyses(`alone ${uri}`, [[uri, text]]);
  analyses(`with felles ${uri}`, [...felles, [uri, text]]);
}

// Seeded mutations of every sample: broken syntax, hostile tokens, other line endings.
for (const [index, [uri, text]] of sampleFiles.entries()) {
  for (let m = 0; m < MUTATIONS; m++) {
    const seed = 1000 * index + m;
    const mutated = mutateMany(text, rng(seed), 1 + (m % 4));
    add(`parse mutated ${seed}`, parseData(mutated));
    add(`format mutated ${seed}`, formatText(mutated));
    const others = felles.filter(([u]) => u !== uri);
    analyses(`mutated ${seed}`, [...others, [uri, mutated]]);
  }
}

// Generated workspaces (bench/generate.mjs) and the 5 000-line file.
const generated = generateWorkspace(100, 7);
const genFiles = generated.files.map(({ path, text }) => [`file:///gen/${path}`, text]);
const genOriginal = new Map(genFiles);
analyses("generated 100", genFiles);
const large = generateLargeFile(5000);
add("parse large", parseData(large.text));
analyses("large", [["file:///large.hfa", large.text]]);

// An incremental session: edits to agreements and shared declarations, each step's analysis
// recorded and checked against a fresh workspace of the same texts.
{
  const ws = new Workspace();
  const texts = new Map(genFiles);
  for (const [uri, text] of texts) ws.setFile(uri, text);
  ws.analyze();
  const r = rng(42);
  const uris = [...texts.keys()].sort();
  let locale;
  for (let step = 0; step < 60; step++) {
    const uri = step % 10 === 0 ? uris.find((u) => u.includes("/felles/") && r() < 0.5) ?? uris[0] : uris[Math.floor(r() * uris.length)];
    const before = texts.get(uri);
    const after = step % 3 === 2 ? genOriginal.get(uri) : mutateMany(before, r, 1);
    texts.set(uri, after);
    ws.setFile(uri, after);
    if (step % 7 === 3) {
      locale = step % 2 ? "en" : "nb";
      ws.setLocale(locale);
    }
    const incremental = JSON.stringify(analysisData(ws));
    const fresh = new Workspace({ locale });
    for (const [u, t] of texts) fresh.setFile(u, t);
    const freshData = JSON.stringify(analysisData(fresh));
    if (incremental !== freshData) {
      console.error(`incremental step ${step} (${uri}) differs from a fresh workspace`);
      process.exitCode = 1;
    }
    add(`incremental ${step}`, createHash("sha256").update(incremental).digest("hex"));
  }
}

// The built CLI over samples/ and a generated workspace (needs `node scripts/build.mjs` in --root).
{
  const dir = mkdtempSync(join(tmpdir(), "hfa-snapshot-"));
  const small = generateWorkspace(30, 11);
  for (const { path: rel, text } of small.files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const cli = join(root, "bin", "hfa.js");
  for (const [label, cwd, target] of [
    ["samples", root, "samples"],
    ["samples/avtaler", root, "samples/avtaler"],
    ["generated 30", dir, "."],
  ]) {
    for (const format of ["text", "json", "sarif"]) {
      const run = spawnSync(process.execPath, [cli, "check", "--format", format, target], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", HFA_NO_COMPILE_CACHE: "1" } });
      // Paths of the checkout and the temp folder are not behaviour: any worktree compares with any other.
      const clean = (s) => s.replaceAll(dir, "<dir>").replaceAll(root, "<root>");
      add(`cli ${label} ${format}`, { status: run.status, stdout: clean(run.stdout), stderr: clean(run.stderr) });
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ output

const text = entries.join("\n") + "\n";
const digest = createHash("sha256").update(text).digest("hex");
console.log(`${entries.length} entries, ${(text.length / 1e6).toFixed(1)} MB, sha256 ${digest}`);
if (outFile) writeFileSync(outFile, text);
if (compareFile) {
  const expected = readFileSync(compareFile, "utf8").split("\n").filter(Boolean);
  const idOf = (line) => JSON.parse(line).id;
  const want = new Map(expected.map((line) => [idOf(line), line]));
  const got = new Map(entries.map((line) => [idOf(line), line]));
  const differing = [];
  for (const [id, line] of want) if (got.get(id) !== line) differing.push(got.has(id) ? id : `${id} (missing)`);
  for (const id of got.keys()) if (!want.has(id)) differing.push(`${id} (new)`);
  if (differing.length === 0) console.log(`identical to ${compareFile}`);
  else {
    console.error(`${differing.length} entries differ from ${compareFile}; the first: ${differing.slice(0, 10).join("; ")}`);
    process.exitCode = 1;
  }
}
