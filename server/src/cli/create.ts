/**
 * Creating a new file without ever overwriting one, atomically: the text is
 * written to a temporary file in the same folder and fsynced, then
 * hard-linked to its name — `link` fails with EEXIST when the name exists,
 * so a file that appeared meanwhile is kept, not replaced, and the name never
 * shows a half-written file. The temporary file is removed in every case.
 */
import { closeSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export type CreateResult = "created" | "exists";

export function createFileAtomic(path: string, text: string, mode = 0o644): CreateResult {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.hfa-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = openSync(temp, "wx", mode);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return "exists";
      throw error;
    }
    syncFolder(folder);
    return "created";
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
}

/** Makes the new name durable; some file systems cannot fsync a folder, which is no reason to fail. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
