/** Shared helpers of the robustness tests: temporary folders, the built CLI, an in-process Io. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Io } from "../../server/src/cli/io.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(ROOT, "dist", "cli.js");
export const SAMPLE = readFileSync(join(ROOT, "samples", "avtaler", "fact-innherred.hfa"), "utf8");

/** A sample agreement in non-canonical layout (the formatter changes it). */
export function unformatted(text: string = SAMPLE): string {
  return text.replace(/\n {2}(?=\S)/g, "\n      ").replace(/ \{\n/g, "   {\n");
}

const temps: string[] = [];
export function tempDir(prefix = "hfa-robust-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function hfa(args: readonly string[], cwd: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.HFA_DEBUG;
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface CapturedIo extends Io {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function captureIo(cwd: string): CapturedIo {
  let out = "";
  let err = "";
  return {
    cwd,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    readStdin: () => "",
    stdout: () => out,
    stderr: () => err,
  };
}
