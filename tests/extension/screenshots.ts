/**
 * Where the browser tests put their screenshots: docs/images/ when
 * UPDATE_SCREENSHOTS=1 (to refresh the documentation's pictures), else
 * .e2e/screenshots/ (ignored by git), so a test run leaves the tree clean.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === "1" ? join(ROOT, "docs", "images") : join(ROOT, ".e2e", "screenshots");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
