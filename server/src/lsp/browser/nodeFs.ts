/** `node:fs` in the browser build: the subset the server uses, on the in-memory tree. */
import { memoryFs, normalizePath, type MemoryDirent, type MemoryStats } from "./memoryFs.js";

export function existsSync(path: string): boolean {
  return memoryFs.exists(path);
}

export function readFileSync(path: string, _encoding?: string): string {
  return memoryFs.read(path);
}

export function statSync(path: string): MemoryStats {
  return memoryFs.stat(path);
}

/** No links in memory: a path is its own real path, once it exists. */
export function realpathSync(path: string): string {
  memoryFs.stat(path);
  return normalizePath(path);
}

export const promises = {
  async readFile(path: string, _encoding?: string): Promise<string> {
    return memoryFs.read(path);
  },
  async stat(path: string): Promise<MemoryStats> {
    return memoryFs.stat(path);
  },
  async lstat(path: string): Promise<MemoryStats> {
    return memoryFs.stat(path);
  },
  async realpath(path: string): Promise<string> {
    return realpathSync(path);
  },
  async readdir(path: string, _options?: { withFileTypes: true }): Promise<MemoryDirent[]> {
    return memoryFs.list(path);
  },
};
