/**
 * Which `hfa.json` applies (spec §7–§8): the one given with `--config`, else
 * the nearest one from the first path given (or the current folder)
 * upwards, stopping at the repository root (the first folder with `.git`),
 * so that a stray file above the repository never changes its results. The
 * folder holding it is the workspace root.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseConfig, type Config } from "../analysis/index.js";
import { workspaceSelection } from "../workspace/selection.js";
import { fileUri, readText, type TextFile, type WorkspaceScope } from "./files.js";
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

/** The folder the search for `hfa.json` starts from: the first path given (its folder, when it is a file), else `cwd`. */
export function searchStart(firstPath: string | undefined, cwd: string): string {
  if (firstPath === undefined) return cwd;
  const absolute = resolve(cwd, firstPath);
  try {
    return statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  } catch {
    return dirname(absolute); // reported as unreadable later, by the file walk
  }
}

/** The configuration file's text, or undefined when there is none. InputError when `--config` names a file that cannot be read. */
export function loadConfig(configFlag: string | undefined, start: string, cwd: string, locale: Locale): TextFile | undefined {
  if (configFlag !== undefined) return readText({ display: configFlag, absolute: resolve(cwd, configFlag) }, locale);
  const found = findConfig(start);
  if (found === undefined) return undefined;
  const display = relative(cwd, found) || "hfa.json";
  return readText({ display, absolute: found }, locale);
}

export interface ResolvedWorkspace {
  /** `hfa.json`, when there is one. */
  readonly file: TextFile | undefined;
  /** Its URI (the analysis' key for it). */
  readonly uri: string | undefined;
  readonly settings: Config | undefined;
  /** Root and file selection; undefined without `hfa.json` (the workspace is then just the paths given). */
  readonly scope: WorkspaceScope | undefined;
}

/** The workspace for a command: `hfa.json` (from `--config` or found above `start`), its settings and its file selection. */
export function resolveWorkspace(configFlag: string | undefined, start: string, cwd: string, locale: Locale): ResolvedWorkspace {
  const file = loadConfig(configFlag, start, cwd, locale);
  if (!file) return { file, uri: undefined, settings: undefined, scope: undefined };
  const uri = fileUri(file.absolute);
  const settings = parseConfig(file.text, uri).config;
  return { file, uri, settings, scope: { root: dirname(file.absolute), selection: workspaceSelection(settings.exclude) } };
}
