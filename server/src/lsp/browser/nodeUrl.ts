/** `node:url` in the browser build: `file:` URLs of the in-memory tree's posix paths. */
import { normalizePath } from "./memoryFs.js";

export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  if (parsed.protocol !== "file:") throw new TypeError(`The URL must be of scheme file: ${parsed.href}`);
  if (parsed.hostname !== "") throw new TypeError(`File URL host must be empty: ${parsed.href}`);
  return decodeURIComponent(parsed.pathname);
}

export function pathToFileURL(path: string): URL {
  // As Node does: `%`, `\\` and control characters by hand; the pathname setter encodes the rest (`?`, `#`, spaces, non-ASCII).
  const url = new URL("file:///");
  url.pathname = normalizePath(path).replace(/[%\\\n\r\t]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return url;
}
