/**
 * Getting files in and out: a folder through the File System Access API where
 * the browser has it (then "Lagre" writes back to the file), else a file or
 * folder input; saving downloads the file where it cannot be written back.
 */
import { isWorkspaceFile, MAX_FILES, type IncomingFile, type WorkspaceFile } from "./workspace.js";

/** Files larger than this are not opened (as the server's limit on disk). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "out"]);

export interface OpenedFiles {
  readonly files: IncomingFile[];
  readonly truncated: boolean;
  readonly limit: number;
}

function wanted(path: string, fromFolder: boolean): boolean {
  const parts = path.split("/");
  if (parts.slice(0, -1).some((dir) => dir.startsWith(".") || SKIP_DIRS.has(dir))) return false;
  // Only the folder's root hfa.json configures it.
  return fromFolder ? isWorkspaceFile(path) : /\.hfa$/i.test(path) || path === "hfa.json";
}

/** From `<input type=file>` (with `webkitdirectory` for a folder: paths relative to the chosen folder). */
export async function openFilesFromInput(list: FileList | null, fromFolder: boolean): Promise<OpenedFiles> {
  const files: IncomingFile[] = [];
  let truncated = false;
  for (const file of Array.from(list ?? [])) {
    // `webkitRelativePath` starts with the chosen folder's own name.
    const path = fromFolder && file.webkitRelativePath ? file.webkitRelativePath.split("/").slice(1).join("/") : file.name;
    if (!wanted(path, fromFolder) || file.size > MAX_FILE_BYTES) continue;
    if (files.length >= MAX_FILES) {
      truncated = true;
      break;
    }
    files.push({ path, text: await file.text() });
  }
  return { files, truncated, limit: MAX_FILES };
}

interface DirectoryPickerWindow {
  showDirectoryPicker?(options?: { mode?: "read" | "readwrite"; id?: string }): Promise<FileSystemDirectoryHandle>;
}

type DirectoryEntries = FileSystemDirectoryHandle & { values(): AsyncIterable<FileSystemHandle> };

/** A folder through the File System Access API, or "unsupported" (use the folder input), or undefined when cancelled. */
export async function openFolderWithPicker(): Promise<OpenedFiles | "unsupported" | undefined> {
  const picker = (window as unknown as DirectoryPickerWindow).showDirectoryPicker;
  if (typeof picker !== "function") return "unsupported";
  let root: FileSystemDirectoryHandle;
  try {
    root = await picker.call(window, { mode: "readwrite", id: "hfa" });
  } catch {
    return undefined;
  }
  const files: IncomingFile[] = [];
  let truncated = false;
  const stack: { dir: FileSystemDirectoryHandle; prefix: string }[] = [{ dir: root, prefix: "" }];
  while (stack.length > 0 && !truncated) {
    const { dir, prefix } = stack.pop()!;
    for await (const entry of (dir as DirectoryEntries).values()) {
      const path = prefix + entry.name;
      if (entry.kind === "directory") {
        if (!entry.name.startsWith(".") && !SKIP_DIRS.has(entry.name)) stack.push({ dir: entry as FileSystemDirectoryHandle, prefix: `${path}/` });
        continue;
      }
      if (!wanted(path, true)) continue;
      const handle = entry as FileSystemFileHandle;
      const file = await handle.getFile();
      if (file.size > MAX_FILE_BYTES) continue;
      if (files.length >= MAX_FILES) {
        truncated = true;
        break;
      }
      files.push({ path, text: await file.text(), origin: { handle } });
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, truncated, limit: MAX_FILES };
}

export interface SaveResult {
  readonly kind: "saved" | "downloaded";
  readonly name: string;
}

/** Writes the file back through its handle, or downloads it under its name. */
export async function saveFile(file: WorkspaceFile): Promise<SaveResult> {
  const text = file.model.getValue();
  const name = file.path.split("/").pop() ?? file.path;
  const handle = file.origin.handle as (FileSystemFileHandle & { createWritable?(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }> }) | undefined;
  if (handle?.createWritable) {
    try {
      const writable = await handle.createWritable();
      await writable.write(text);
      await writable.close();
      return { kind: "saved", name: file.path };
    } catch {
      // Permission refused: fall back to a download, so nothing is lost.
    }
  }
  download(name, new Blob([text], { type: "text/plain;charset=utf-8" }));
  return { kind: "downloaded", name };
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
