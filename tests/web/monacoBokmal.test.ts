/**
 * monaco's words in bokmål (web/src/monacoBokmal.ts), checked against the
 * monaco we bundle: every English text the table translates is still one of
 * monaco's messages (a monaco upgrade that rewords one would otherwise leave
 * it silently English), and no translation drops, adds or renumbers an
 * argument (`{0}` …) monaco fills in. And web/src/monacoNls.ts formats as
 * monaco's own nls.js does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { MONACO_BOKMAL } from "../../web/src/monacoBokmal.js";
import { ROOT } from "../extension/screenshots.js";

const MONACO_ESM = join(ROOT, "node_modules", "monaco-editor", "esm", "vs");

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? jsFiles(path) : entry.name.endsWith(".js") ? [path] : [];
  });
}

/** Every default message of a `localize`/`localize2` call in monaco's ESM build. */
function monacoMessages(): Set<string> {
  const call = /localize2?\(\s*(?:\{[^}]*\}|'[^']*'|"[^"]*"|\d+)\s*,\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g;
  const messages = new Set<string>();
  for (const file of jsFiles(MONACO_ESM)) {
    for (const match of readFileSync(file, "utf8").matchAll(call)) {
      // A string literal alone (the pattern matches nothing else): its value as JavaScript reads it.
      messages.add(runInNewContext(match[1]!) as string);
    }
  }
  return messages;
}

const argumentsOf = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe("monaco's words in bokmål", () => {
  const messages = monacoMessages();

  it("reads monaco's messages (the check itself)", () => {
    expect(messages.size).toBeGreaterThan(1000);
    for (const known of ["Go to Definition", "Cut", "Command Palette", "{0} of {1}", "Match Case"]) expect(messages.has(known), known).toBe(true);
  });

  it("translates only texts that are messages of the bundled monaco", () => {
    expect(Object.keys(MONACO_BOKMAL).filter((english) => !messages.has(english))).toEqual([]);
  });

  it("keeps every argument of every message", () => {
    const changed = Object.entries(MONACO_BOKMAL).filter(([english, bokmal]) => argumentsOf(english).join() !== argumentsOf(bokmal).join());
    expect(changed).toEqual([]);
  });

  it("writes bokmål: no translation left in English, quotes as «…», ellipses as …", () => {
    const same = Object.entries(MONACO_BOKMAL).filter(([english, bokmal]) => english === bokmal && !["OK", "Hint"].includes(english));
    expect(same).toEqual([]);
    expect(Object.values(MONACO_BOKMAL).filter((bokmal) => /'|\.\.\./.test(bokmal))).toEqual([]);
  });
});
