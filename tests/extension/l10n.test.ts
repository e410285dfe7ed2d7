/**
 * The extension's own words: every message the client passes to `t(…)` has a
 * bokmål text, bokmål is the default (`auto` and no setting included) and
 * English only for `hfa.locale: en`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bokmalKeys, localeFromSetting, translate } from "../../client/src/l10n.js";
import { ROOT } from "./screenshots.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the extension's words", () => {
  it("are bokmål unless hfa.locale is en", () => {
    for (const setting of [undefined, "auto", "nb", "nb-NO", "no", "", 42]) expect(localeFromSetting(setting), String(setting)).toBe("nb");
    for (const setting of ["en", "EN", "en-GB"]) expect(localeFromSetting(setting), setting).toBe("en");
    expect(translate("nb", "Show rule {0}", "HFA402")).toBe("Vis regel HFA402");
    expect(translate("en", "Show rule {0}", "HFA402")).toBe("Show rule HFA402");
    expect(translate("nb", "{0} helseforetak, {1} kommuner", 1, 4)).toBe("1 helseforetak, 4 kommuner");
  });

  it("every message the client shows has a bokmål text, and the client uses no vscode.l10n", () => {
    const keys = new Set(bokmalKeys());
    const used: string[] = [];
    for (const file of sources(join(ROOT, "client", "src"))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/vscode\.l10n\.t\(/);
      for (const match of text.matchAll(/\bt\(\s*"((?:[^"\\]|\\.)*)"/g)) used.push(JSON.parse(`"${match[1]}"`) as string);
    }
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((message) => !keys.has(message))).toEqual([]);
    expect([...keys].filter((key) => !used.includes(key))).toEqual([]);
  });
});
