/**
 * `hfa init [DIR]`: scaffolds an agreements repository (SCAFFOLD). Never
 * overwrites: a file that exists is skipped and named; each new file is
 * created atomically (../create.ts). The summary says the scaffold fails
 * `hfa check` until its `<…>` fields are filled in, and how to pin HFA.
 */
import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { COMMON_OPTIONS, parse } from "../args.js";
import { createFileAtomically } from "../atomicWrite.js";
import { UsageError, WriteError } from "../errors.js";
import { reasonOf } from "../files.js";
import type { Io } from "../io.js";
import { say, type Locale } from "../locale.js";
import { visible } from "../output/escape.js";
import { packageVersion } from "../pkg.js";
import { SCAFFOLD } from "./templates.js";

export function runInit(args: readonly string[], io: Io, flagLocale: Locale | undefined): number {
  const locale: Locale = flagLocale ?? "nb";
  const parsed = parse(args, COMMON_OPTIONS, locale, "init");
  if (parsed.positionals.length > 1) throw new UsageError(say(locale, "init tar én mappe.", "init takes one folder."), "init");
  const dirArg = parsed.positionals[0] ?? ".";
  const dir = resolve(io.cwd, dirArg);
  try {
    if (!statSync(dir).isDirectory()) throw new WriteError(dirArg, say(locale, "finnes og er ikke en mappe", "exists and is not a folder"));
  } catch (error) {
    if (error instanceof WriteError) throw error;
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new WriteError(dirArg, reasonOf(error, locale));
  }

  const created: string[] = [];
  const skipped: string[] = [];
  for (const file of SCAFFOLD) {
    const target = join(dir, ...file.path.split("/"));
    try {
      mkdirSync(join(target, ".."), { recursive: true });
      (createFileAtomically(target, new TextEncoder().encode(file.text)) === "created" ? created : skipped).push(file.path);
    } catch (error) {
      report(io, locale, dirArg, created, skipped);
      throw new WriteError(file.path, reasonOf(error, locale));
    }
  }
  report(io, locale, dirArg, created, skipped);
  io.out(nextSteps(locale, dirArg));
  return 0;
}

function report(io: Io, locale: Locale, dirArg: string, created: readonly string[], skipped: readonly string[]): void {
  const where = visible(dirArg);
  const lines: string[] = [];
  if (created.length > 0) lines.push(say(locale, `Opprettet i ${where}:`, `Created in ${where}:`), ...created.map((path) => `  ${path}`));
  if (skipped.length > 0) {
    lines.push(say(locale, "Hoppet over (finnes fra før, ikke endret):", "Skipped (already there, left unchanged):"), ...skipped.map((path) => `  ${path}`));
  }
  if (lines.length > 0) io.out(lines.join("\n") + "\n");
}

function nextSteps(locale: Locale, dirArg: string): string {
  const version = packageVersion();
  const cd = dirArg === "." ? [] : [`cd ${visible(dirArg)}`];
  const nb = [
    "",
    "Neste steg:",
    "  1. Fyll inn alle feltene <…> i felles/helsefellesskap.hfa. «hfa check» går ikke",
    "     gjennom før de er fylt inn: hvert felt som står igjen, er en feil (HFA011).",
    `  2. Legg HFA i repoet med fast versjon, så CI og alle bruker den samme:`,
    ...cd.map((line) => `       ${line}`),
    `       npm install --save-dev --save-exact hfa@${version}`,
    "  3. Sjekk avtalene: npx hfa check",
  ];
  const en = [
    "",
    "Next steps:",
    "  1. Fill in every <…> field in felles/helsefellesskap.hfa. \"hfa check\" fails",
    "     until they are filled in: each field left is an error (HFA011).",
    "  2. Add HFA to the repository at a fixed version, so CI and everyone use the same:",
    ...cd.map((line) => `       ${line}`),
    `       npm install --save-dev --save-exact hfa@${version}`,
    "  3. Check the agreements: npx hfa check",
  ];
  return (locale === "nb" ? nb : en).join("\n") + "\n";
}
