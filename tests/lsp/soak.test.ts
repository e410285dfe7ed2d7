/**
 * Randomized soak: long sequences of random edits (and random requests at
 * random, sometimes absurd, positions) on several open documents. The
 * server must stay alive, answer every request, and end with exactly the
 * diagnostics a fresh check of the final texts gives.
 */
import { readdirSync, readFileSync } from "node:fs";
import { GOOD_NEWS } from "../../server/src/lsp/convert.js";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic, Position } from "vscode-languageserver-protocol";
import { LineIndex, Workspace } from "../../server/src/analysis/index.js";
import { makeWorkspace, TestClient } from "./client.js";

/** Small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  " ", "\n", "  ", "{", "}", '"', ",", "%", "à", "kr", " 000", "1.200.000", "0,5", "12.03.2025", "2025-02-30",
  "avtale ", "parter ", "HMR", "Molde", "Mold", "innsats HMR 100 000 kr per år\n", "besparelse Molde 5 døgn à Liggedøgn per år\n",
  "formål ", "samhandling", "tiltak T \"t\" {", "balanse {", "// hfa-ignore HFA604: fordi\n", "/*", "*/", "ø", "😀", "\r\n", "\u00a0",
  "periode 2025 til 2024\n", "helsefellesskap MøreRomsdal\n", "kommune Molde \"Molde kommune\"\n",
];

const REQUESTS = [
  "textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/documentHighlight",
  "textDocument/prepareRename", "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
  "textDocument/codeLens", "textDocument/inlayHint", "textDocument/codeAction", "textDocument/formatting", "textDocument/selectionRange", "hfa/balance",
];

describe("randomized edits and requests", () => {
  const ws = makeWorkspace();
  afterAll(() => ws.dispose());

  it("stays alive and ends with the diagnostics of a fresh check", async () => {
    const seed = Number(process.env.HFA_SOAK_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const { client } = await TestClient.start(ws.root, { initializationOptions: { debounceMs: 5 } });
    try {
      const files = ["avtaler/jordmor-sore-sunnmore.hfa", "avtaler/eldreteam-romsdal.hfa", "felles/helsefellesskap-more-og-romsdal.hfa", "felles/satser.hfa"];
      const uris = files.map((f) => ws.uri(f));
      files.forEach((f, i) => client.open(uris[i]!, ws.text(f)));
      const pending: Promise<unknown>[] = [];
      const deadline = Date.now() + 20_000;
      const position = (text: string): Position => {
        const lines = new LineIndex(text);
        if (random() < 0.05) return { line: Math.floor(random() * 1e6) - 10, character: Math.floor(random() * 1e6) };
        return lines.position(Math.floor(random() * (text.length + 1)));
      };
      let operations = 0;
      for (; operations < 300 && Date.now() < deadline; operations++) {
        const uri = pick(uris);
        const text = client.text(uri)!;
        const roll = random();
        if (roll < 0.6) {
          // An edit: insert, delete or replace.
          const lines = new LineIndex(text);
          const a = Math.floor(random() * (text.length + 1));
          const b = Math.min(text.length, a + (random() < 0.5 ? 0 : Math.floor(random() * 40)));
          client.change(uri, [{ range: { start: lines.position(a), end: lines.position(b) }, text: random() < 0.8 ? pick(SNIPPETS) : "" }]);
        } else {
          const method = pick(REQUESTS);
          const at = position(text);
          const range = { start: at, end: position(text) };
          const params = {
            textDocument: { uri: random() < 0.05 ? "file:///ukjent.hfa" : uri },
            position: at,
            positions: [at],
            range,
            context: { includeDeclaration: true, diagnostics: client.diagnostics.get(uri) ?? [] },
            options: { tabSize: 2, insertSpaces: true },
          };
          pending.push(client.request(method, params));
        }
        if (operations % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      // Every request is answered: a result, or (prepareRename on a keyword) the "request failed" error that carries the reason.
      const results = await Promise.allSettled(pending);
      const failures = results
        .filter((r): r is PromiseRejectedResult => r.status === "rejected")
        .filter((r) => (r.reason as { code?: number }).code !== -32803)
        .map((r) => String(r.reason));
      expect(failures, `seed ${seed}`).toEqual([]);
      expect(client.exitCode, `seed ${seed}: ${client.stderr}`).toBeUndefined();

      // A fresh check of the final texts (open documents over the files on disk).
      const fresh = new Workspace();
      for (const dir of ["felles", "avtaler"]) {
        for (const name of readdirSync(join(ws.root, dir))) {
          const uri = pathToFileURL(join(ws.root, dir, name)).href;
          fresh.setFile(uri, client.text(uri) ?? readFileSync(join(ws.root, dir, name), "utf8"));
        }
      }
      const analysis = fresh.analyze();
      const expected = new Map<string, string>();
      for (const [uri, list] of analysis.diagnostics) {
        const lines = fresh.file(uri)!.lines;
        const shown = list.filter((d) => d.suppressed === undefined).slice(0, 1000);
        // Good news (HFA503) is published as a hint.
        const published = (d: (typeof shown)[number]) => (d.severity === "information" && GOOD_NEWS.has(d.code) ? "hint" : d.severity);
        expected.set(uri, JSON.stringify(shown.map((d) => [d.code, published(d), d.message, lines.position(d.start), lines.position(d.end)])));
      }
      const severities = ["", "error", "warning", "information", "hint"];
      const actual = (uri: string) =>
        JSON.stringify((client.diagnostics.get(uri) ?? []).map((d: Diagnostic) => [d.code, severities[d.severity ?? 1], d.message, d.range.start, d.range.end]));
      await client
        .waitUntil(() => [...expected].every(([uri, json]) => actual(uri) === json), 10_000)
        .catch(() => undefined);
      for (const [uri, json] of expected) expect(actual(uri), `seed ${seed}, ${uri}`).toBe(json);
      expect(operations).toBeGreaterThan(50);
    } finally {
      await client.stop();
    }
  }, 60_000);
});
