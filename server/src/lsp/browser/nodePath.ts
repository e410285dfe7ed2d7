/** `node:path` in the browser build: posix paths of the in-memory tree (the functions the server uses). */
import { normalizePath } from "./memoryFs.js";

export const sep = "/";

export function isAbsolute(path: string): boolean {
  return path.startsWith("/");
}

export function join(...parts: string[]): string {
  const joined = parts.filter((part) => part !== "").join("/");
  return joined === "" ? "." : normalizePath(joined);
}

export function resolve(...parts: string[]): string {
  let path = "/";
  for (const part of parts) path = part.startsWith("/") ? part : `${path}/${part}`;
  return normalizePath(path);
}

export function dirname(path: string): string {
  const normal = normalizePath(path);
  return normal.slice(0, normal.lastIndexOf("/")) || "/";
}

export function relative(from: string, to: string): string {
  const a = normalizePath(from).split("/").filter(Boolean);
  const b = normalizePath(to).split("/").filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}
