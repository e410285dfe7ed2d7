/**
 * Which `hfa.json` applies (spec §7): the one given with `--config`, else the
 * nearest one from the current folder upwards, stopping at the repository
 * root (the first folder with `.git`), so that a stray file above the
 * repository never changes its results.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { readText, type TextFile } from "./files.js";
import type { Locale } from "./locale.js";

export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, "hfa.json");
    if (isFile(candidate)) return candidate;
    if (existsSync(join(dir, ".git"))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The configuration file's text, or undefined when there is none. InputError when `--config` names a file that cannot be read. */
export function loadConfig(configFlag: string | undefined, cwd: string, locale: Locale): TextFile | undefined {
  if (configFlag !== undefined) return readText({ display: configFlag, absolute: resolve(cwd, configFlag) }, locale);
  const found = findConfig(cwd);
  if (found === undefined) return undefined;
  const display = relative(cwd, found) || "hfa.json";
  return readText({ display, absolute: found }, locale);
}
