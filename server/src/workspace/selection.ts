/**
 * Which files a workspace holds (spec §7) — the one rule the CLI and the
 * language server both walk by, so the two always see the same files:
 *
 * - every `*.hfa` file below the workspace root,
 * - never inside `node_modules` or a folder whose name starts with a dot,
 * - never a path that matches one of the `exclude` globs of `hfa.json`
 *   (relative to the workspace root, `/`-separated; a folder that matches is
 *   not entered at all, so `"arkiv/**"` and `"arkiv"` both leave it out).
 *
 * `dist/` and `out/` are ordinary folders here (the spec names only
 * `node_modules` and hidden folders); a repository that keeps built copies
 * of agreements there lists them in `exclude`, and both tools then agree.
 *
 * Pure: paths in, answers out; no file system. Glob matching is picomatch's
 * (the matcher behind vitest, chokidar and fast-glob): hand-written glob
 * code gets `**`, character classes and braces subtly wrong.
 */
import picomatch from "picomatch";

export interface FileSelection {
  /** Should the walk enter this folder? `relative` is `/`-separated from the root; "" is the root itself. */
  includesFolder(relative: string): boolean;
  /** Is this file (inside an entered folder) part of the workspace? */
  includesFile(relative: string): boolean;
}

/** Folder names that are never part of a workspace, whatever `exclude` says. */
export function isAlwaysSkippedFolder(name: string): boolean {
  return name === "node_modules" || name.startsWith(".");
}

export function isAgreementFileName(name: string): boolean {
  return name.endsWith(".hfa");
}

/** The selection for a workspace whose `hfa.json` lists `exclude` (empty when there is none). */
export function workspaceSelection(exclude: readonly string[]): FileSelection {
  const patterns = exclude.map(normalizePattern).filter((pattern) => pattern !== "");
  const excluded = patterns.length > 0 ? picomatch(patterns, { dot: true }) : () => false;
  return {
    includesFolder(relative) {
      if (relative === "") return true;
      const name = relative.slice(relative.lastIndexOf("/") + 1);
      return !isAlwaysSkippedFolder(name) && !excluded(relative);
    },
    includesFile(relative) {
      const name = relative.slice(relative.lastIndexOf("/") + 1);
      return isAgreementFileName(name) && !excluded(relative);
    },
  };
}

/** `./arkiv/` → `arkiv`: the spellings people write for the same folder. */
function normalizePattern(pattern: string): string {
  let out = pattern.trim().replace(/\\/g, "/");
  while (out.startsWith("./")) out = out.slice(2);
  while (out.length > 1 && out.endsWith("/")) out = out.slice(0, -1);
  return out;
}

/** Is some ancestor folder of `relative` (a file's path from the root) left out? Linear in the path's length. */
export function isInsideExcludedFolder(selection: FileSelection, relative: string): boolean {
  let index = relative.indexOf("/");
  while (index >= 0) {
    if (!selection.includesFolder(relative.slice(0, index))) return true;
    index = relative.indexOf("/", index + 1);
  }
  return false;
}

/** Does the workspace (root + selection) hold the file at `relative`, checking every folder on the way? */
export function holdsFile(selection: FileSelection, relative: string): boolean {
  return !isInsideExcludedFolder(selection, relative) && selection.includesFile(relative);
}
