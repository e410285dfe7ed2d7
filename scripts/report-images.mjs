// Renders the spec §1 example's report in every printable format and puts
// one page of each in docs/images/ (report-html.png, report-pdf.png,
// report-docx.png): the HTML by Chromium, the PDF by poppler's pdftoppm, the
// DOCX by LibreOffice (→ PDF) and pdftoppm. The page shown is the one with
// the balance ("Egen innsats, tilskudd og besparelser"). Run after a build:
//   node scripts/build.mjs && node scripts/report-images.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const example = join(root, "tests", "report", "fixtures", "spec-example.hfa");
const images = join(root, "docs", "images");
const work = mkdtempSync(join(tmpdir(), "hfa-report-images-"));
const DATE = "2025-02-20";
const SECTION = "Egen innsats, tilskudd og besparelser";

function report(format) {
  const out = join(work, `rapport.${format}`);
  execFileSync(process.execPath, [join(root, "dist", "cli.js"), "report", example, "--format", format, "--out", out, "--date", DATE], { stdio: "inherit" });
  return out;
}

/** The first page of `pdf` whose text has `text`. */
function pageWith(pdf, text) {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  for (let page = 1; page <= pages; page++) {
    if (execFileSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" }).includes(text)) return page;
  }
  throw new Error(`no page of ${pdf} has «${text}»`);
}

function pagePng(pdf, target) {
  const page = pageWith(pdf, SECTION);
  const prefix = join(work, "page");
  execFileSync("pdftoppm", ["-r", "80", "-png", "-singlefile", "-f", String(page), "-l", String(page), pdf, prefix]);
  renameSync(`${prefix}.png`, join(images, target));
  console.log(`docs/images/${target}: page ${page} of ${pdf}`);
}

// PDF (pdfmake)
pagePng(report("pdf"), "report-pdf.png");

// DOCX (docx) through LibreOffice
const docx = report("docx");
const profile = mkdtempSync(join(tmpdir(), "hfa-lo-profile-"));
execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", join(work, "docx"), docx], { stdio: "pipe" });
pagePng(join(work, "docx", "rapport.pdf"), "report-docx.png");

// HTML in Chromium at A4 width (210 mm = 794 CSS px): the balance section.
const browser = await chromium.launch({
  executablePath: process.env.HFA_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  await page.setContent(readFileSync(report("html"), "utf8"), { waitUntil: "load" });
  // One A4 page's worth (1123 px) from the top of the balance section.
  const box = await page.locator("#money").boundingBox();
  await page.screenshot({ path: join(images, "report-html.png"), fullPage: true, clip: { x: 0, y: box.y, width: 794, height: Math.min(box.height, 1123) } });
  console.log("docs/images/report-html.png: section #money at 794 px");
} finally {
  await browser.close();
}
