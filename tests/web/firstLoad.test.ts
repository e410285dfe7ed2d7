/**
 * The web app's first load stays under 2 MB of JavaScript, gzip-compressed:
 * every script index.html loads (the language-server worker and monaco's
 * editor worker are inside app.js), and nothing else is JavaScript.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WEB_DIR } from "./app.js";

describe("web app size", () => {
  it("loads under 2 MB of compressed JavaScript, all of it its own files", () => {
    const html = readFileSync(join(WEB_DIR, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(["app.js"]);
    // No script from anywhere else, and no other JavaScript shipped that could be loaded later.
    expect(readdirSync(WEB_DIR).filter((f) => f.endsWith(".js"))).toEqual(["app.js"]);
    const gzipped = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(WEB_DIR, src)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(2_000_000);
    // The worker and monaco's worker are really inside (a build that dropped them would be smaller and broken).
    const app = readFileSync(join(WEB_DIR, "app.js"), "utf8");
    expect(app).toContain("hfa-language-server");
    expect(app).toContain("hfa/web/writeFiles");
  });
});
