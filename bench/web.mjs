// Web benchmark (`npm run bench:web`, part of `npm run bench`), in headless Chromium:
//  - first load: the JavaScript the app loads before it is usable, gzip-compressed (< 2 MB);
//  - the language server in a Web Worker (dist/browser/server.js, as the app runs it):
//    indexing the 1 000-agreement workspace, edit → diagnostics (no debounce and the
//    default 150 ms), completion and hover — the same measures and targets as bench/lsp.mjs;
//  - the app itself (dist/web/ from file://) opening that workspace as a folder until its
//    status bar says it is checked.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { makeBenchWorkspace } from "./workspace.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const AGREEMENTS = Number(process.env.HFA_BENCH_AGREEMENTS ?? 1000);
const EDITS = Number(process.env.HFA_BENCH_EDITS ?? 200);
const QUERIES = 200;
const CHROMIUM = process.env.HFA_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

/** Runs in the page: the worker, spoken to in raw JSON-RPC over postMessage. */
async function workerBench({ source, files, options, edits, queries }) {
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  let nextId = 1;
  const pending = new Map();
  const diagnosticWaiters = [];
  worker.onmessage = (event) => {
    const m = event.data;
    if (options.debug) console.log(JSON.stringify(m).slice(0, 160));
    if (m.id !== undefined && pending.has(m.id)) {
      pending.get(m.id)(m.result);
      pending.delete(m.id);
    } else if (m.method === "textDocument/publishDiagnostics") {
      for (let i = diagnosticWaiters.length - 1; i >= 0; i--) {
        const w = diagnosticWaiters[i];
        if (w.uri === m.params.uri && w.test(m.params.diagnostics)) {
          diagnosticWaiters.splice(i, 1);
          w.resolve();
        }
      }
    } else if (m.id !== undefined && m.method) {
      worker.postMessage({ jsonrpc: "2.0", id: m.id, result: null });
    }
  };
  const request = (method, params) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ jsonrpc: "2.0", id, method, params });
  });
  const notify = (method, params) => worker.postMessage({ jsonrpc: "2.0", method, params });
  const diagnostics = (uri, test = () => true) => new Promise((resolve) => diagnosticWaiters.push({ uri, test, resolve }));
  const uriOf = (path) => `file:///bench/${path.split("/").map(encodeURIComponent).join("/")}`;

  const agreements = files.filter((f) => f.path.startsWith("avtaler/"));
  const lastUri = uriOf(agreements[agreements.length - 1].path);
  const t0 = performance.now();
  notify("hfa/web/writeFiles", { files: files.map((f) => ({ path: `/bench/${f.path}`, text: f.text })) });
  await request("initialize", { processId: null, rootUri: "file:///bench", workspaceFolders: [{ uri: "file:///bench", name: "bench" }], capabilities: {}, initializationOptions: { rules: {}, ...options } });
  const indexed = diagnostics(lastUri);
  notify("initialized", {});
  await indexed;
  const indexedMs = performance.now() - t0;

  const file = agreements[agreements.length >> 1];
  const uri = uriOf(file.path);
  // Same text as on "disk": the server has nothing new to publish for it.
  notify("textDocument/didOpen", { textDocument: { uri, languageId: "hfa", version: 1, text: file.text } });
  const lines = file.text.split("\n");
  const line = lines.findIndex((l) => l.startsWith("  videreføring"));
  const original = lines[line] + "\n";
  const editMs = [];
  for (let i = 0; i < edits; i++) {
    const remove = i % 2 === 0;
    const change = remove ? { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: "" } : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: original };
    const published = diagnostics(uri, (d) => d.some((x) => x.code === "HFA603") === remove);
    const t = performance.now();
    notify("textDocument/didChange", { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
    await published;
    editMs.push(performance.now() - t);
  }
  const targets = [];
  lines.forEach((l, i) => {
    const m = /^  (innsats|besparelse|behandling) (\S+)/.exec(l);
    if (m) targets.push({ line: i, character: 3 + m[1].length + 1 });
  });
  const query = async (method) => {
    const out = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      await request(method, { textDocument: { uri }, position: targets[i % targets.length] });
      out.push(performance.now() - t);
    }
    return out;
  };
  const completionMs = await query("textDocument/completion");
  const hoverMs = await query("textDocument/hover");
  worker.terminate();
  return { indexedMs, editMs, completionMs, hoverMs };
}

const rows = [];
const row = (name, values, target, unit = "ms") => rows.push({ name, p50: percentile(values, 50), p95: percentile(values, 95), target, ok: percentile(values, 95) < target, unit });

// First load: every script index.html loads (the workers are inside app.js).
const webDir = join(root, "dist", "web");
const html = readFileSync(join(webDir, "index.html"), "utf8");
const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
const jsBytes = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(webDir, src)), { level: 9 }).length, 0);
const rawBytes = scripts.reduce((sum, src) => sum + statSync(join(webDir, src)).size, 0);
rows.push({ name: `first load: JavaScript gzip (${scripts.join(", ")})`, p50: jsBytes / 1e6, p95: jsBytes / 1e6, target: 2, ok: jsBytes < 2e6, unit: "MB", note: `${(rawBytes / 1e6).toFixed(2)} MB uncompressed; includes the language-server worker and monaco's editor worker` });

const workspace = makeBenchWorkspace(AGREEMENTS);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  const files = filesUnder(workspace).map((path) => ({ path: relative(workspace, path).split("\\").join("/"), text: readFileSync(path, "utf8") }));
  const source = readFileSync(join(root, "dist", "browser", "server.js"), "utf8");
  const page = await browser.newPage();
  page.on("crash", () => console.error("bench: the page crashed"));
  page.on("close", () => console.error("bench: the page closed"));
  browser.on("disconnected", () => console.error("bench: the browser went away"));
  page.on("pageerror", (error) => console.error(`bench: page error: ${error.message}`));
  page.on("console", (message) => process.env.HFA_BENCH_DEBUG && console.error(`bench: console: ${message.text()}`));
  await page.goto("about:blank");
  console.error("bench: worker, no debounce…");
  const fast = await page.evaluate(workerBench, { source, files, options: { debounceMs: 0, ...(process.env.HFA_BENCH_DEBUG ? { debug: true } : {}) }, edits: EDITS, queries: QUERIES });
  row(`worker: edit → diagnostics, no debounce (${AGREEMENTS} agreements)`, fast.editMs, 20);
  row("worker: completion", fast.completionMs, 16);
  row("worker: hover", fast.hoverMs, 16);
  rows.push({ name: `worker: indexing ${files.length} files (→ last file's diagnostics)`, p50: fast.indexedMs, p95: fast.indexedMs, target: Infinity, ok: true, unit: "ms" });
  console.error("bench: worker, default debounce…");
  const slow = await page.evaluate(workerBench, { source, files, options: {}, edits: Math.min(EDITS, 100), queries: 1 });
  row("worker: edit → diagnostics, default debounce (150 ms)", slow.editMs, 250);
  await page.close();

  console.error("bench: the app opening the workspace as a folder…");
  const app = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const t = Date.now();
  await app.goto(pathToFileURL(join(webDir, "index.html")).href);
  await app.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  const loadMs = Date.now() - t;
  await app.locator("#folder-input").setInputFiles(workspace);
  await app.waitForFunction(() => document.body.dataset.ready === "true" && document.querySelectorAll("#file-list button").length > 100, undefined, { timeout: 120_000 });
  const checkedMs = Number(await app.evaluate(() => document.body.dataset.checkedMs));
  rows.push({ name: "app: page load → example workspace checked", p50: loadMs, p95: loadMs, target: Infinity, ok: true, unit: "ms" });
  rows.push({ name: `app: folder of ${files.length} files handed over → all checked`, p50: checkedMs, p95: checkedMs, target: Infinity, ok: true, unit: "ms", note: "measured by the app (status bar), from the folder's files read to the last diagnostics published" });
} finally {
  await browser.close();
  rmSync(workspace, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padEnd(n);
const fmt = (v, unit) => (Number.isFinite(v) ? `${v.toFixed(unit === "MB" ? 2 : 1)} ${unit}` : "–");
console.log(`\nHFA in the browser (Chromium ${browser.version?.() ?? ""}, ${EDITS} edits, ${QUERIES} queries)\n`);
console.log(`${pad("measure", 66)} ${pad("p50", 12)} ${pad("p95", 12)} ${pad("target", 12)} ok`);
for (const r of rows) {
  console.log(`${pad(r.name, 66)} ${pad(fmt(r.p50, r.unit), 12)} ${pad(fmt(r.p95, r.unit), 12)} ${pad(Number.isFinite(r.target) ? `< ${r.target} ${r.unit}` : "", 12)} ${r.ok ? "yes" : "NO"}`);
  if (r.note) console.log(`  (${r.note})`);
}
if (rows.some((r) => !r.ok)) process.exitCode = 1;
