/**
 * Fuzzing (issue 8, "Keep it that way"): mutated agreements through the
 * analysis core (incremental, as the editor uses it), the formatter, the
 * built CLI and an LSP edit session. Each ends with "diagnostics equal a
 * fresh check". Bounded here (seconds, in `npm test`); `npm run fuzz` runs
 * the same with HFA_FUZZ_SCALE=100 (minutes). Seeds are fixed, so a failure
 * names the seed that reproduces it.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Diagnostic as LspDiagnostic, TextEdit } from "vscode-languageserver-protocol";
import { LineIndex, Limits, Workspace, type Diagnostic } from "../../server/src/analysis/index.js";
import { formatText } from "../../server/src/format/formatter.js";
import { TestClient } from "../lsp/client.js";
import { mutateMany, rng } from "./fuzzKit.js";
import { hfa, removeTemps, ROOT, tempDir } from "./helpers.js";

afterAll(removeTemps);

const SCALE = Math.max(1, Number(process.env.HFA_FUZZ_SCALE ?? 1));
const read = (dir: string) =>
  readdirSync(join(ROOT, "samples", dir))
    .filter((f) => f.endsWith(".hfa"))
    .sort()
    .map((f) => ({ rel: `${dir}/${f}`, text: readFileSync(join(ROOT, "samples", dir, f), "utf8") }));
const FELLES = read("felles");
const AGREEMENTS = read("avtaler").slice(0, 4);
const uriOf = (rel: string) => `file:///fuzz/${rel}`;

function fresh(texts: ReadonlyMap<string, string>): Workspace {
  const ws = new Workspace();
  for (const [uri, text] of texts) ws.setFile(uri, text);
  return ws;
}

/** Every diagnostic of a file, as data (order kept: it is part of the contract). */
function snapshot(diagnostics: ReadonlyMap<string, readonly Diagnostic[]>): string {
  return JSON.stringify([...diagnostics].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function checkInvariants(uri: string, text: string, list: readonly Diagnostic[], seed: number): void {
  const codes = new Set(list.map((d) => d.code));
  expect(list.length, `seed ${seed}: bounded`).toBeLessThanOrEqual(Limits.MAX_DIAGNOSTICS_PER_FILE + codes.size);
  for (const d of list) {
    expect(d.start >= 0 && d.start <= d.end && d.end <= text.length, `seed ${seed}: ${d.code} at ${d.start}–${d.end} inside ${uri}`).toBe(true);
    expect(d.message, `seed ${seed}`).not.toMatch(/NaN|In ?fin ?ity|undefined|\[object /);
  }
}

describe("analysis core and formatter", () => {
  test(`${100 * SCALE} mutated agreements: incremental diagnostics equal a fresh check; formatting is idempotent`, () => {
    const texts = new Map<string, string>();
    for (const f of [...FELLES, ...AGREEMENTS]) texts.set(uriOf(f.rel), f.text);
    const incremental = fresh(texts);
    incremental.analyze();
    for (let seed = 0; seed < 100 * SCALE; seed++) {
      const r = rng(seed);
      const target = AGREEMENTS[seed % AGREEMENTS.length]!;
      // Mostly mutate the current text (the edit session), sometimes start again from the original.
      const current = texts.get(uriOf(target.rel))!;
      const base = r() < 0.2 || current.length > 2 * target.text.length ? target.text : current;
      const text = mutateMany(base, r, 1 + Math.floor(r() * 4));
      texts.set(uriOf(target.rel), text);
      incremental.setFile(uriOf(target.rel), text);
      const got = incremental.analyze();
      const want = fresh(texts).analyze();
      expect(snapshot(got.diagnostics), `seed ${seed}`).toBe(snapshot(want.diagnostics));
      checkInvariants(uriOf(target.rel), text, got.diagnostics.get(uriOf(target.rel)) ?? [], seed);

      const formatted = formatText(text);
      if (formatted.kind === "formatted") {
        const again = formatText(formatted.text);
        expect(again.kind === "formatted" && !again.changed, `seed ${seed}: formatting is idempotent`).toBe(true);
      }
    }
  }, 120_000 * SCALE);
});

describe("CLI", () => {
  test(`${2 * SCALE} mutated workspaces: format then check equals a fresh check of the files written`, () => {
    for (let round = 0; round < 2 * SCALE; round++) {
      const r = rng(10_000 + round);
      const dir = tempDir();
      const before = new Map<string, string>();
      for (const f of FELLES) writeFileSync(join(dir, f.rel.replace("/", "-")), f.text);
      for (const f of AGREEMENTS) {
        const name = f.rel.replace("/", "-");
        const text = mutateMany(f.text, r, 1 + Math.floor(r() * 3));
        before.set(name, text);
        writeFileSync(join(dir, name), text);
      }
      const formatRun = hfa(["format", "."], dir);
      expect([0, 1], `round ${round}: ${formatRun.stderr}`).toContain(formatRun.code);
      const texts = new Map<string, string>();
      for (const name of readdirSync(dir).filter((n) => n.endsWith(".hfa"))) {
        const now = readFileSync(join(dir, name), "utf8").replace(/^\uFEFF/, "");
        const old = before.get(name);
        if (old !== undefined) {
          const result = formatText(old.replace(/^\uFEFF/, ""));
          // Either untouched (syntax errors) or exactly the formatter's output: never partial.
          expect(now === old.replace(/^\uFEFF/, "") || (result.kind === "formatted" && now === result.text), `round ${round}: ${name}`).toBe(true);
        }
        texts.set(pathToFileURL(join(dir, name)).href, now);
      }
      const check = hfa(["check", "--format", "json", "."], dir);
      expect(check.code, check.stderr).not.toBe(2);
      const got = (JSON.parse(check.stdout) as { file: string; line: number; column: number; code: string; message: string; suppressed?: string }[])
        .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)
        .sort();
      const analysis = fresh(texts).analyze();
      const want: string[] = [];
      for (const [uri, list] of analysis.diagnostics) {
        const lines = new LineIndex(texts.get(uri)!);
        const name = uri.slice(uri.lastIndexOf("/") + 1);
        for (const d of list) {
          const p = lines.position(d.start);
          want.push(`${decodeURIComponent(name)}:${p.line + 1}:${p.character + 1} ${d.code} ${d.message}`);
        }
      }
      expect(got, `round ${round}`).toEqual(want.sort());
    }
  }, 60_000 * SCALE);
});

describe("LSP edit session", () => {
  test(`${40 * SCALE} random edits with requests in between: published diagnostics equal a fresh check, formatting edits fit`, async () => {
    const dir = tempDir();
    for (const f of FELLES) writeFileSync(join(dir, f.rel.replace("/", "-")), f.text);
    const { client } = await TestClient.start(dir, { initializationOptions: { debounceMs: 0 } });
    try {
      const target = AGREEMENTS[0]!;
      const uri = pathToFileURL(join(dir, "redigert.hfa")).href;
      client.open(uri, target.text);
      const r = rng(20_000);
      for (let i = 0; i < 40 * SCALE; i++) {
        const old = client.text(uri)!;
        const next = r() < 0.1 ? target.text : mutateMany(old, r, 1);
        // As one incremental change: the common prefix and suffix stay.
        let start = 0;
        while (start < old.length && start < next.length && old[start] === next[start]) start++;
        let endOld = old.length;
        let endNew = next.length;
        while (endOld > start && endNew > start && old[endOld - 1] === next[endNew - 1]) endOld--, endNew--;
        const lines = new LineIndex(old);
        client.change(uri, [{ range: { start: lines.position(start), end: lines.position(endOld) }, text: next.slice(start, endNew) }]);
        const pick = r();
        if (pick < 0.3) {
          const text = client.text(uri)!;
          const edits = await client.request<TextEdit[] | null>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
          const want = formatText(text);
          if (edits && edits.length > 0) {
            expect(want.kind, `edit ${i}`).toBe("formatted");
            expect(client.applyEdits(uri, edits), `edit ${i}: edits fit the current text`).toBe(want.kind === "formatted" ? want.text : "");
          }
        } else if (pick < 0.6) {
          const p = new LineIndex(client.text(uri)!).position(Math.floor(r() * client.text(uri)!.length));
          await client.request("textDocument/hover", { textDocument: { uri }, position: p });
          await client.request("textDocument/completion", { textDocument: { uri }, position: p });
        }
      }
      // The end: what the editor shows equals a fresh check of its text.
      const texts = new Map<string, string>();
      for (const f of FELLES) texts.set(pathToFileURL(join(dir, f.rel.replace("/", "-"))).href, f.text);
      const finalText = client.text(uri)!;
      texts.set(uri, finalText);
      const lines = new LineIndex(finalText);
      const want = (fresh(texts).analyze().diagnostics.get(uri) ?? [])
        .filter((d) => d.suppressed === undefined)
        .map((d) => `${d.code}@${JSON.stringify(lines.position(d.start))} ${d.message}`)
        .sort();
      const show = (list: readonly LspDiagnostic[]) => list.map((d) => `${d.code}@${JSON.stringify(d.range.start)} ${d.message}`).sort();
      await client.waitUntil(() => JSON.stringify(show(client.diagnostics.get(uri) ?? [])) === JSON.stringify(want), 15_000).catch(() => undefined);
      expect(show(client.diagnostics.get(uri) ?? [])).toEqual(want);
      expect(client.exitCode).toBeUndefined();
    } finally {
      await client.stop();
    }
  }, 120_000 * SCALE);
});
