/**
 * The workspace folders on disk: every `*.hfa` under them and `hfa.json` at
 * a folder's root. Reads nothing outside the folders — no symbolic links
 * are followed out of them, and a watched-file event for a path outside is
 * ignored.
 */
import { promises as fs, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { holdsFile, isInsideExcludedFolder, type FileSelection } from "../workspace/selection.js";

/** For a workspace folder: the workspace root its `exclude` globs are relative to, and its selection. */
export type SelectionFor = (root: string) => { readonly base: string; readonly selection: FileSelection };

/** Files larger than this are not read from disk (an `.hfa` file is a few kB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * An absolute, normalised POSIX path of only these characters (no segment
 * starting with a dot, so no `.` or `..`) is, unchanged, its `file:` URI's
 * path: nothing to encode, nothing to resolve. Node's URL conversions parse a
 * URL each time, ~25 ms of indexing 1 005 files (three per file); such paths
 * skip them. Anything else goes through Node.
 */
const PLAIN_PATH = /^(?:\/[\w-][\w.-]*)+$/;
const POSIX = sep === "/";

export function uriToPath(uri: string): string | undefined {
  if (POSIX && uri.startsWith("file:///") && PLAIN_PATH.test(uri.slice(7))) return uri.slice(7);
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  if (POSIX && PLAIN_PATH.test(path)) return `file://${path}`;
  return pathToFileURL(path).href;
}

/** One spelling per file: `file:` URIs as Node writes them; other schemes as given. */
export function canonicalUri(uri: string): string {
  const path = uriToPath(uri);
  return path === undefined ? uri : pathToUri(resolve(path));
}

export interface ScanResult {
  readonly files: string[];
  /** `hfa.json` at the root of the first folder that has one. */
  readonly config: string | undefined;
  /** `hfa.json` at the root of every folder that has one (each workspace has its own). */
  readonly configs: readonly string[];
}

export interface CancelFlag {
  readonly cancelled: boolean;
}

export class WorkspaceFolders {
  /** The folders as the client names them (files get URIs in its spelling), in its order. */
  private roots: string[] = [];
  /** Their real paths (links resolved), for the containment check. */
  private reals: string[] = [];

  get paths(): readonly string[] {
    return this.roots;
  }

  add(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    const given = resolve(path);
    let real: string;
    try {
      real = realpathSync(given);
      if (!statSync(real).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    if (!this.roots.includes(given)) {
      this.roots.push(given);
      this.reals.push(real);
    }
    return given;
  }

  remove(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    const given = resolve(path);
    const index = this.roots.indexOf(given);
    if (index < 0) return undefined;
    this.roots.splice(index, 1);
    this.reals.splice(index, 1);
    return given;
  }

  /** Is this path (as named, or its real path) inside one of the folders? */
  containsPath(path: string, real = false): boolean {
    return (real ? this.reals : this.roots).some((root) => isInside(root, path));
  }

  /**
   * The text of a workspace file on disk, or undefined when it is not a
   * regular file inside a folder (after resolving links), too large, or unreadable.
   */
  async read(uri: string, tooLarge?: (uri: string) => void): Promise<string | undefined> {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    try {
      if (!this.containsPath(resolve(path))) return undefined;
      const real = await fs.realpath(path);
      if (!this.containsPath(real, true)) return undefined;
      const stat = await fs.stat(real);
      if (!stat.isFile()) return undefined;
      if (stat.size > MAX_FILE_BYTES) {
        tooLarge?.(uri);
        return undefined;
      }
      return await fs.readFile(real, "utf8");
    } catch {
      return undefined;
    }
  }

  /** Is `uri` the `hfa.json` at the root of a folder? */
  isConfigUri(uri: string): boolean {
    const path = uriToPath(uri);
    if (path === undefined) return false;
    return this.roots.some((root) => resolve(path) === join(root, "hfa.json"));
  }

  /**
   * Is `path` a file the workspace holds (the CLI's rule too,
   * ../workspace/selection.ts)? For watched-file events.
   */
  holds(path: string, selectionFor: SelectionFor): boolean {
    const resolved = resolve(path);
    return this.roots.some((root) => {
      if (!isInside(root, resolved)) return false;
      const { base, selection } = selectionFor(root);
      return holdsFile(selection, relative(base, resolved).split(sep).join("/"));
    });
  }

  /** `hfa.json` at the root of every folder that has one: read before the scan, since its `exclude` decides what is scanned. */
  async configPaths(): Promise<string[]> {
    const configs: string[] = [];
    for (const root of this.roots) {
      try {
        const stat = await fs.lstat(join(root, "hfa.json"));
        if (stat.isFile()) configs.push(join(root, "hfa.json"));
      } catch {
        // No hfa.json here.
      }
    }
    return configs;
  }

  /**
   * Every `*.hfa` below the folders that their workspace's selection keeps
   * (not following links), and the folders' `hfa.json` files. The selection
   * is the one the CLI walks by, so editor and CLI see the same files. A
   * folder that is there but cannot be listed goes to `failed` (its URI
   * ends in `/`).
   */
  async scan(cancel: CancelFlag, selectionFor: SelectionFor, onFolder?: () => void, failed?: (uri: string, reason: string) => void): Promise<ScanResult> {
    const files: string[] = [];
    const configs = await this.configPaths();
    for (const root of this.roots) {
      const { base, selection } = selectionFor(root);
      const rootRelative = relative(base, root).split(sep).join("/");
      if (rootRelative !== "" && isInsideExcludedFolder(selection, rootRelative + "/")) continue;
      const stack: { dir: string; relative: string }[] = [{ dir: root, relative: rootRelative }];
      while (stack.length > 0) {
        if (cancel.cancelled) return { files, config: configs[0], configs };
        const { dir, relative: dirRelative } = stack.pop()!;
        onFolder?.();
        let entries;
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch (error) {
          const reason = unreadableReason(error);
          if (reason !== undefined) failed?.(pathToUri(dir) + "/", reason);
          continue;
        }
        for (const entry of entries) {
          if (entry.isSymbolicLink()) continue;
          const path = join(dir, entry.name);
          const childRelative = dirRelative === "" ? entry.name : `${dirRelative}/${entry.name}`;
          if (entry.isDirectory()) {
            if (selection.includesFolder(childRelative)) stack.push({ dir: path, relative: childRelative });
          } else if (entry.isFile() && selection.includesFile(childRelative)) files.push(path);
        }
      }
    }
    files.sort();
    return { files, config: configs[0], configs };
  }

  /**
   * Reads files (paths from `scan`, so inside the folders), a batch at a time,
   * yielding to the event loop between batches so requests are answered while
   * a large workspace is read. Synchronous reads: an `.hfa` file is a few kB,
   * and one `readFileSync` is one call into Node where the promise API makes
   * five round trips through the thread pool (stat, open, fstat, read, close)
   * — for 1 005 files ~100 ms of the main thread's time and as much waiting.
   * A file that is there but cannot be read goes to `failed`, one larger
   * than MAX_FILE_BYTES to `tooLarge`; neither to `each`.
   */
  async readAll(
    paths: readonly string[],
    cancel: CancelFlag,
    each: (uri: string, text: string, done: number) => void,
    failed?: (uri: string, reason: string) => void,
    tooLarge?: (uri: string) => void,
  ): Promise<void> {
    const BATCH = 64;
    for (let i = 0; i < paths.length; i += BATCH) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (cancel.cancelled) return;
      const end = Math.min(paths.length, i + BATCH);
      for (let j = i; j < end; j++) {
        const path = paths[j]!;
        const text = readSmallFile(path, failed, tooLarge);
        if (text !== undefined) each(pathToUri(path), text, j + 1);
      }
    }
  }
}

/** Error codes of a file that is gone, or no longer a file, since its folder was listed: nothing to report (a watched-file event follows). */
const GONE = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

/**
 * The text of a file of at most MAX_FILE_BYTES, or undefined (too large,
 * gone, unreadable). A file that is there but cannot be read (EACCES, EIO…)
 * is told to `failed`, with the error's code; one too large to `tooLarge`.
 */
function readSmallFile(path: string, failed?: (uri: string, reason: string) => void, tooLarge?: (uri: string) => void): string | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    if (stat.size > MAX_FILE_BYTES) {
      tooLarge?.(pathToUri(path));
      return undefined;
    }
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = unreadableReason(error);
    if (reason !== undefined) failed?.(pathToUri(path), reason);
    return undefined;
  }
}

/** The error's code (`EIO`), or undefined when it says the file or folder is gone. */
function unreadableReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && GONE.has(code)) return undefined;
  return code ?? String(error).split("\n")[0]!;
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + sep) && !isAbsolute(rel));
}
