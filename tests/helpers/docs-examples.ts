/**
 * The examples of the rule pages (docs/rules/HFA*.md): the fenced blocks of a
 * section, and how each is checked — an `.hfa` block as a file (with the
 * spec's shared declarations when it is an agreement that declares no
 * helsefellesskap itself), a `json` block as hfa.json.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SHARED } from "../fixtures/rules/base.js";
import { check, type CheckOptions, type Checked } from "./workspace.js";

export const RULE_DOCS = fileURLToPath(new URL("../../docs/rules/", import.meta.url));

export const TRIGGER = "Eksempel som utløser regelen";
export const FIX = "Slik retter du det";

export interface Block {
  readonly lang: string;
  readonly text: string;
}

/** The text of docs/rules/<code>.md. */
export function rulePage(code: string): string {
  return readFileSync(join(RULE_DOCS, `${code}.md`), "utf8");
}

/** The codes that have a page in docs/rules. */
export function ruleCodesWithPages(): string[] {
  return readdirSync(RULE_DOCS).filter((f) => /^HFA\d{3}\.md$/.test(f)).map((f) => f.slice(0, 6)).sort();
}

/** The fenced code blocks of the section with this heading. */
export function blocksOf(markdown: string, heading: string): Block[] {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) return [];
  const rest = markdown.slice(start + 4 + heading.length);
  const next = rest.search(/\n## /);
  const body = next < 0 ? rest : rest.slice(0, next);
  const blocks: Block[] = [];
  for (const match of body.matchAll(/```(\w*)\n([\s\S]*?)```/g)) blocks.push({ lang: match[1] ?? "", text: match[2] ?? "" });
  return blocks;
}

/** Checks one example: hfa.json for `json` blocks, else an .hfa file (with the spec's shared declarations if it needs them). */
export function checkExample(block: Block, options: Omit<CheckOptions, "config"> = {}): Checked {
  if (block.lang === "json") return check({}, { ...options, config: block.text });
  const files: Record<string, string> = { "file:///docs/eksempel.hfa": block.text };
  const declaresCommunity = /^\s*helsefellesskap\s+\p{L}[\p{L}\p{N}_-]*\s+"/mu.test(block.text);
  if (/^\s*avtale\s/mu.test(block.text) && !declaresCommunity) files["file:///docs/felles.hfa"] = SHARED;
  return check(files, options);
}
