// The benchmark workspace (bench/lsp.mjs, bench/web.mjs): in a temp folder, the
// samples' shared declarations and `agreements` agreements made from the
// samples (renamed, the RST frame raised so they all fit in it).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function makeBenchWorkspace(agreements) {
  const dir = mkdtempSync(join(tmpdir(), "hfa-bench-lsp-"));
  cpSync(join(root, "samples", "felles"), join(dir, "felles"), { recursive: true });
  const scheme = join(dir, "felles", "tilskudd-hmn.hfa");
  writeFileSync(scheme, readFileSync(scheme, "utf8").replace(/ramme (\d{4}) [^\n]*mill\. kr/g, "ramme $1 50 000 mill. kr"));
  const samples = readdirSync(join(root, "samples", "avtaler")).filter((f) => f.endsWith(".hfa")).sort();
  mkdirSync(join(dir, "avtaler"));
  for (let i = 0; i < agreements; i++) {
    const sample = samples[i % samples.length];
    const text = readFileSync(join(root, "samples", "avtaler", sample), "utf8").replace(/^avtale (\S+)/m, (_, name) => `avtale ${name}${i}`);
    writeFileSync(join(dir, "avtaler", `${String(i).padStart(4, "0")}-${sample}`), text);
  }
  return dir;
}
