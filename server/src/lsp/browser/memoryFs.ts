/**
 * The file system of the language server when it runs in a Web Worker (the
 * web app, VS Code for the web): an in-memory tree of posix paths holding the
 * rule pages the bundle carries and the files the page hands over. The
 * browser build maps `node:fs`, `node:fs/promises`, `node:path` and
 * `node:url` onto this module and its neighbours (scripts/build.mjs), so the
 * server's indexer and rule-page lookups run unchanged on it: the host
 * abstraction is Node's own file API, implemented twice — by Node, and here.
 */

export interface MemoryStats {
  readonly size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface MemoryDirent extends Omit<MemoryStats, "size"> {
  readonly name: string;
}

/** An error shaped like Node's (`code` ENOENT, …), so callers that test `code` behave as on disk. */
export class FsError extends Error {
  constructor(
    readonly code: "ENOENT" | "ENOTDIR" | "EISDIR",
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

const encoder = new TextEncoder();

/** `a/./b//c/../d` → `/a/b/d`; always absolute. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return "/" + parts.join("/");
}

function stats(kind: "file" | "dir", size: number): MemoryStats {
  return { size, isFile: () => kind === "file", isDirectory: () => kind === "dir", isSymbolicLink: () => false };
}

export class MemoryFs {
  private readonly files = new Map<string, string>();
  /** directory → names of its entries (files and directories). */
  private readonly dirs = new Map<string, Set<string>>([["/", new Set()]]);

  write(path: string, text: string): void {
    const file = normalizePath(path);
    this.files.set(file, text);
    let child = file;
    while (child !== "/") {
      const parent = child.slice(0, child.lastIndexOf("/")) || "/";
      let entries = this.dirs.get(parent);
      if (!entries) this.dirs.set(parent, (entries = new Set()));
      entries.add(child.slice(child.lastIndexOf("/") + 1));
      child = parent;
    }
  }

  /** Removes a file, or a directory with everything under it. */
  remove(path: string): void {
    const target = normalizePath(path);
    const prefix = target === "/" ? "/" : target + "/";
    for (const file of [...this.files.keys()]) if (file === target || file.startsWith(prefix)) this.files.delete(file);
    for (const dir of [...this.dirs.keys()]) if (dir !== "/" && (dir === target || dir.startsWith(prefix))) this.dirs.delete(dir);
    const parent = target.slice(0, target.lastIndexOf("/")) || "/";
    this.dirs.get(parent)?.delete(target.slice(target.lastIndexOf("/") + 1));
  }

  exists(path: string): boolean {
    const p = normalizePath(path);
    return this.files.has(p) || this.dirs.has(p);
  }

  stat(path: string): MemoryStats {
    const p = normalizePath(path);
    const text = this.files.get(p);
    if (text !== undefined) return stats("file", encoder.encode(text).length);
    if (this.dirs.has(p)) return stats("dir", 0);
    throw new FsError("ENOENT", path);
  }

  read(path: string): string {
    const p = normalizePath(path);
    const text = this.files.get(p);
    if (text !== undefined) return text;
    throw new FsError(this.dirs.has(p) ? "EISDIR" : "ENOENT", path);
  }

  list(path: string): MemoryDirent[] {
    const p = normalizePath(path);
    const entries = this.dirs.get(p);
    if (!entries) throw new FsError(this.files.has(p) ? "ENOTDIR" : "ENOENT", path);
    return [...entries].sort().map((name) => {
      const kind = this.dirs.has(p === "/" ? `/${name}` : `${p}/${name}`) ? "dir" : "file";
      const { isFile, isDirectory, isSymbolicLink } = stats(kind, 0);
      return { name, isFile, isDirectory, isSymbolicLink };
    });
  }
}

/** The one tree of this worker. */
export const memoryFs = new MemoryFs();
