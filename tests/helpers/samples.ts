/** The `.hfa` files of one folder of samples/, as `{ "file:///samples/<folder>/<name>": text }`. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SAMPLES = fileURLToPath(new URL("../../samples/", import.meta.url));

export function readSamples(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(SAMPLES, folder)).filter((f) => f.endsWith(".hfa")).sort()) {
    files[`file:///samples/${folder}/${name}`] = readFileSync(join(SAMPLES, folder, name), "utf8");
  }
  return files;
}
