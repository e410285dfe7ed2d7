/**
 * What the parser builds keeps its hidden classes (grammar/src/hiddenClasses.ts):
 * a fractional amount after whole ones must not change `Money.amount`'s
 * representation mid-run. It did, and every Money alive was migrated to a new
 * hidden class (5 666 of them in the 1 000-agreement benchmark) and the
 * parser's optimised code thrown away. Seen the way V8 reports it: the CLI
 * run with `--trace-migration`, which prints each migration.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "hfa-hidden-classes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrationsChecking(text: string): string[] {
  writeFileSync(join(dir, "satser.hfa"), text);
  const run = spawnSync(process.execPath, ["--trace-migration", join(ROOT, "bin", "hfa.js"), "check", dir], { encoding: "utf8" });
  expect(run.error).toBeUndefined();
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("i 1 fil"); // the file was read and checked
  return (run.stdout + run.stderr).split("\n").filter((line) => line.startsWith("[migrating]"));
}

describe("Money.amount", () => {
  it("takes a fractional amount after whole ones without a migration", () => {
    // Whole kroner, then øre and an amount above 2^30 kr: each a double to V8.
    const rates = ["100 kr", "250 000 kr", "1 234,50 kr", "1 200 mill. kr"].map((amount, i) => `sats S${i} "sats ${i}" ${amount} per døgn`).join("\n");
    expect(migrationsChecking(`${rates}\n`)).toEqual([]);
  });
});
