/**
 * The real consumers the report formats are opened with: poppler
 * (pdftotext, pdftoppm), LibreOffice (soffice --headless) and Chromium. In
 * CI (CI=true) a missing tool is an error, never a skip.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** Whether `command` can run; throws under CI when it cannot. */
export function toolAvailable(command: string, install: string): boolean {
  if (onPath(command)) return true;
  if (process.env.CI) throw new Error(`${command} is missing: CI must run \`apt-get install -y ${install}\``);
  console.warn(`skipping: ${command} is missing (apt-get install -y ${install})`);
  return false;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The PDF's text; `layout` keeps each table row on its line (LibreOffice's PDFs are read column by column otherwise). */
export function pdfText(pdf: string, layout = false): string {
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Every word's box from `pdftotext -bbox`, with its page's size. */
export function pdfWordBoxes(pdf: string): { page: number; width: number; height: number; xMin: number; yMin: number; xMax: number; yMax: number; word: string }[] {
  const html = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const out: ReturnType<typeof pdfWordBoxes> = [];
  let page = 0;
  let width = 0;
  let height = 0;
  for (const match of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[1]) {
      page++;
      width = Number(match[1]);
      height = Number(match[2]);
    } else {
      out.push({ page, width, height, xMin: Number(match[3]), yMin: Number(match[4]), xMax: Number(match[5]), yMax: Number(match[6]), word: match[7]! });
    }
  }
  return out;
}

/** Renders the pages to PNG at `dpi`; returns the files in page order. */
export function pdfToPngs(pdf: string, dir: string, prefix: string, dpi = 40, first?: number, last?: number): string[] {
  const args = ["-r", String(dpi), "-png", ...(first ? ["-f", String(first)] : []), ...(last ? ["-l", String(last)] : []), pdf, join(dir, prefix)];
  execFileSync("pdftoppm", args);
  const listing = execFileSync("sh", ["-c", `ls ${JSON.stringify(dir)} | grep '^${prefix}-.*\\.png$' | sort`], { encoding: "utf8" });
  return listing.split("\n").filter(Boolean).map((name) => join(dir, name));
}

/**
 * DOCX → PDF with LibreOffice headless, in a profile of its own (no user
 * settings, no lock on the user's). `systemLocale` (e.g. `en_US.UTF-8`) is
 * the locale LibreOffice takes as the reader's: it formats numbers by it
 * unless the document names its own.
 */
export function docxToPdf(docx: string, outDir: string, systemLocale?: string): string {
  return docxesToPdf([docx], outDir, systemLocale)[0]!;
}

/** Several DOCX files → PDF in one LibreOffice start (each start costs seconds). */
export function docxesToPdf(docxes: readonly string[], outDir: string, systemLocale?: string): string[] {
  const profile = tempDir("hfa-lo-profile-");
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, ...docxes],
    { stdio: "pipe", timeout: 120_000 + 30_000 * docxes.length, env: systemLocale ? { ...process.env, LANG: systemLocale, LC_ALL: systemLocale } : process.env },
  );
  return docxes.map((docx) => join(outDir, docx.replace(/^.*\//, "").replace(/\.docx$/, ".pdf")));
}
