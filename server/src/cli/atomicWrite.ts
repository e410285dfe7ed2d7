/**
 * Replacing a file so that it is, at every moment, either entirely the old
 * text or entirely the new one: the new text goes to a temporary file in the
 * same folder (same file system, so `rename` is atomic), is `fsync`ed, gets
 * the old file's mode, and is renamed over the original. A full disk, a
 * read-only folder or a kill -9 at any moment leaves the original untouched
 * (at worst a stray `.<name>.hfa-tmp-…` file, which is never a `.hfa` file).
 *
 * Right before the rename the original is checked once more against what
 * was read (size, mtime, content hash): an edit saved in the meantime is
 * never overwritten.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { basename, dirname, join } from "node:path";

/** What a file looked like when it was read. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

/** The file system calls used, so tests can inject failures (a full disk, EROFS). */
export interface WriteFs {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  fchmodSync: typeof fs.fchmodSync;
  renameSync: typeof fs.renameSync;
  linkSync: typeof fs.linkSync;
  unlinkSync: typeof fs.unlinkSync;
  statSync: typeof fs.statSync;
  realpathSync: (path: string) => string;
  readFileSync: (path: string) => Buffer;
}

export const NODE_FS: WriteFs = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  fchmodSync: fs.fchmodSync,
  renameSync: fs.renameSync,
  linkSync: fs.linkSync,
  unlinkSync: fs.unlinkSync,
  statSync: fs.statSync,
  realpathSync: (path) => fs.realpathSync(path),
  readFileSync: (path) => fs.readFileSync(path),
};

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The stamp of the bytes just read from `path` (stat taken after the read). */
export function stampOf(path: string, bytes: Uint8Array, io: WriteFs = NODE_FS): FileStamp {
  const stats = io.statSync(path);
  return { size: stats.size, mtimeMs: stats.mtimeMs, hash: hashBytes(bytes) };
}

/** Which step failed: the message says what could not be done. */
export type WriteStep = "changed" | "readOnly" | "stat" | "create" | "write" | "sync" | "rename";

export class WriteFailure extends Error {
  constructor(
    readonly step: WriteStep,
    readonly cause_: unknown,
  ) {
    super(`${step}: ${cause_ instanceof Error ? cause_.message : String(cause_)}`);
  }
}

let counter = 0;

/**
 * Replaces `path` with `bytes` atomically, unless it no longer matches
 * `expected` (then WriteFailure "changed", nothing written). Any failure
 * removes the temporary file and leaves the original as it was.
 */
export function replaceFileAtomically(linkOrPath: string, bytes: Uint8Array, expected: FileStamp, io: WriteFs = NODE_FS): void {
  let mode: number;
  let path: string;
  try {
    // Through a symbolic link to its file: renaming over the link would replace the link itself.
    path = io.realpathSync(linkOrPath);
    mode = io.statSync(path).mode & 0o7777;
  } catch (error) {
    throw new WriteFailure("stat", error);
  }
  // A rename could replace a file nobody may write; its read-only mode is the owner's wish.
  if ((mode & 0o222) === 0) throw new WriteFailure("readOnly", undefined);
  const temp = join(dirname(path), `.${basename(path)}.hfa-tmp-${process.pid}-${counter++}`);
  let fd: number;
  try {
    // `wx`: never follow or reuse something already there.
    fd = io.openSync(temp, "wx", 0o600);
  } catch (error) {
    throw new WriteFailure("create", error);
  }
  let step: WriteStep = "write";
  try {
    let offset = 0;
    while (offset < bytes.length) offset += io.writeSync(fd, bytes, offset, bytes.length - offset);
    io.fchmodSync(fd, mode);
    step = "sync";
    io.fsyncSync(fd);
  } catch (error) {
    closeQuietly(fd, io);
    removeQuietly(temp, io);
    throw new WriteFailure(step, error);
  }
  try {
    io.closeSync(fd);
  } catch (error) {
    removeQuietly(temp, io);
    throw new WriteFailure("sync", error);
  }
  if (!unchangedSince(path, expected, io)) {
    removeQuietly(temp, io);
    throw new WriteFailure("changed", undefined);
  }
  try {
    io.renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp, io);
    throw new WriteFailure("rename", error);
  }
  syncFolder(dirname(path), io);
}

/** Size and mtime first (cheap); the hash catches an edit within the mtime granularity. */
function unchangedSince(path: string, expected: FileStamp, io: WriteFs): boolean {
  try {
    const stats = io.statSync(path);
    if (stats.size !== expected.size || stats.mtimeMs !== expected.mtimeMs) return false;
    return hashBytes(io.readFileSync(path)) === expected.hash;
  } catch {
    return false;
  }
}

/**
 * Writes `bytes` to a new temporary file beside `path` (`wx`: never follows or reuses something
 * already there) and fsyncs it; returns its name. On failure nothing is left behind.
 */
export function writeSyncedTemp(path: string, bytes: Uint8Array, mode: number, io: WriteFs = NODE_FS): string {
  const temp = join(dirname(path), `.${basename(path)}.hfa-tmp-${process.pid}-${counter++}`);
  const fd = io.openSync(temp, "wx", mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += io.writeSync(fd, bytes, offset, bytes.length - offset);
    io.fsyncSync(fd);
  } catch (error) {
    closeQuietly(fd, io);
    removeQuietly(temp, io);
    throw error;
  }
  try {
    io.closeSync(fd);
  } catch (error) {
    removeQuietly(temp, io);
    throw error;
  }
  return temp;
}

/** Writes a new file or replaces one (a report): whole or not at all — temp file, fsync, rename. */
export function writeFileAtomically(path: string, bytes: Uint8Array, mode = 0o644, io: WriteFs = NODE_FS): void {
  const temp = writeSyncedTemp(path, bytes, mode, io);
  try {
    io.renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp, io);
    throw error;
  }
  syncFolder(dirname(path), io);
}

/**
 * Creates `path` without ever overwriting a file: the temp file is hard-linked to its name, and
 * `link` fails with EEXIST when the name exists, so a file that appeared meanwhile is kept.
 */
export function createFileAtomically(path: string, bytes: Uint8Array, mode = 0o644, io: WriteFs = NODE_FS): "created" | "exists" {
  const temp = writeSyncedTemp(path, bytes, mode, io);
  try {
    try {
      io.linkSync(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return "exists";
      throw error;
    }
    syncFolder(dirname(path), io);
    return "created";
  } finally {
    removeQuietly(temp, io);
  }
}

/** Makes the rename itself durable; not every platform can open a folder, so best effort. */
export function syncFolder(folder: string, io: WriteFs = NODE_FS): void {
  let fd: number | undefined;
  try {
    fd = io.openSync(folder, "r");
    io.fsyncSync(fd);
  } catch {
    // The rename has happened; only its durability across a power cut is not guaranteed here.
  } finally {
    if (fd !== undefined) closeQuietly(fd, io);
  }
}

function closeQuietly(fd: number, io: WriteFs): void {
  try {
    io.closeSync(fd);
  } catch {
    // already failing; the first error is the one reported
  }
}

function removeQuietly(path: string, io: WriteFs): void {
  try {
    io.unlinkSync(path);
  } catch {
    // nothing to remove, or the folder refuses: the original is untouched either way
  }
}
