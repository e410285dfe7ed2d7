// Renders images/*.svg to the PNGs the extension ships (VS Code's gallery
// wants a PNG icon), in Debian's headless Chromium. Run once after editing an SVG:
//   node images/make-icons.mjs
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "hfa-icons-")), {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
for (const [svg, png, size] of [["icon.svg", "icon.png", 128], ["file-icon.svg", "file-icon.png", 32]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const markup = readFileSync(join(here, svg), "utf8");
  await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`);
  await page.locator("svg").screenshot({ path: join(here, png), omitBackground: true });
  await page.close();
}
await browser.close();
