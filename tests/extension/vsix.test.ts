/**
 * The packaged extension (`npm run package` → hfa-<version>.vsix), unpacked
 * and checked: the manifest's fields and contributions, every file they name
 * present, the server bundle present and working on its own (no
 * node_modules), and nothing else — no sources, tests, maps or dependencies.
 *
 * The test reads the .vsix that `npm run package` wrote (CI runs it before
 * `npm test`); it does not package by itself, since packaging rebuilds dist/
 * while other test files use it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frame, onMessages } from "../lsp/frames.js";
import { ROOT } from "./screenshots.js";
import { readZip, type ZipEntry } from "./zip.js";

interface Manifest {
  name: string;
  version: string;
  publisher: string;
  main: string;
  icon: string;
  l10n: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    languages: { id: string; extensions: string[]; aliases: string[]; configuration: string; icon: { light: string; dark: string } }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    jsonValidation: { fileMatch: string; url: string }[];
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> };
  };
}

const rootManifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;
const VSIX = join(ROOT, `${rootManifest.name}-${rootManifest.version}.vsix`);
const codes = (JSON.parse(readFileSync(join(ROOT, "docs", "rules", "codes.json"), "utf8")) as { code: string }[]).map((c) => c.code);

function vsixPresent(): boolean {
  if (existsSync(VSIX)) return true;
  if (process.env.CI) throw new Error(`${VSIX} is missing: CI must run \`npm run package\` before \`npm test\``);
  console.warn(`skipping the package test: ${VSIX} is missing (npm run package)`);
  return false;
}

describe.runIf(vsixPresent())("the .vsix", () => {
  let entries: ZipEntry[];
  let files: Map<string, ZipEntry>;
  let manifest: Manifest;
  let unpacked: string;
  const text = (path: string) => files.get(`extension/${path.replace(/^\.\//, "")}`)!.read().toString("utf8");

  beforeAll(() => {
    entries = readZip(readFileSync(VSIX));
    files = new Map(entries.map((e) => [e.name, e]));
    manifest = JSON.parse(text("package.json")) as Manifest;
    unpacked = mkdtempSync(join(tmpdir(), "hfa-vsix-"));
    for (const entry of entries) {
      const target = join(unpacked, entry.name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.read());
    }
  });

  afterAll(() => {
    if (unpacked) rmSync(unpacked, { recursive: true, force: true });
  });

  // 1.5 MB since the web extension (issue 11): the package holds the client and the server twice,
  // for Node and for a browser worker (the browser server without the PDF and Word renderers).
  it("is small (under 1.5 MB)", () => {
    const size = statSync(VSIX).size;
    console.log(`${VSIX}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} files`);
    expect(size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("holds exactly what runs: manifest, bundles, grammar, snippets, icons, translations, rule pages and the language reference, readme, licence", () => {
    const expected = [
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/package.json",
      "extension/package.nls.json",
      "extension/readme.md",
      "extension/LICENSE.txt",
      "extension/dist/browser/client.js",
      "extension/dist/browser/server.js",
      "extension/dist/client.js",
      "extension/dist/server.js",
      // The server's two bundles: the answer to initialize, then the server and the analysis.
      "extension/dist/server-main.js",
      "extension/dist/server-core.js",
      // The PDF and Word renderers, required by the server only when a report asks for them.
      "extension/dist/report-renderers.js",
      "extension/language-configuration.json",
      "extension/grammar/hfa.tmLanguage.json",
      "extension/snippets/hfa.code-snippets",
      "extension/images/icon.png",
      "extension/images/file-icon.png",
      "extension/client/schemas/hfa.schema.json",
      ...codes.map((code) => `extension/docs/rules/${code}.md`),
      // The rule pages link the language reference (../language.md).
      "extension/docs/language.md",
    ].sort();
    expect(entries.map((e) => e.name).sort()).toEqual(expected);
    for (const entry of entries) {
      expect(entry.name).not.toMatch(/\.(ts|map|mts|cts)$|node_modules|(^|\/)(tests?|src|\.e2e|samples)\//);
    }
  });

  it("has the manifest fields a secretariat's VS Code needs", () => {
    expect(manifest.name).toBe("hfa");
    expect(manifest.version).toBe(rootManifest.version);
    expect(manifest.publisher).toBe("hfa");
    expect(manifest.engines.vscode).toBe("^1.91.0");
    expect(manifest.main).toBe("./dist/client.js");
    expect(files.has(`extension/${manifest.icon}`)).toBe(true);
    // No `l10n`: vscode.l10n follows the display language; the bokmål texts are bundled (client/src/l10n.ts).
    expect(manifest.l10n).toBeUndefined();
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(["onLanguage:hfa", "workspaceContains:**/*.hfa", "workspaceContains:**/hfa.json"]));
  });

  it("contributes the hfa language with its configuration, grammar and snippets, all present", () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: "hfa", extensions: [".hfa"] });
    expect(language!.aliases).toContain("HFA");
    expect(JSON.parse(text(language!.configuration)).comments.lineComment).toBe("//");
    expect(files.has(`extension/${language!.icon.light.replace(/^\.\//, "")}`)).toBe(true);

    const [grammar] = manifest.contributes.grammars;
    expect(grammar).toMatchObject({ language: "hfa", scopeName: "source.hfa" });
    expect(JSON.parse(text(grammar!.path)).scopeName).toBe("source.hfa");

    const [snippets] = manifest.contributes.snippets;
    expect(snippets!.language).toBe("hfa");
    const snippetBodies = JSON.parse(text(snippets!.path)) as Record<string, { prefix: string | string[] }>;
    expect(Object.values(snippetBodies).flatMap((s) => s.prefix)).toContain("avtale");

    const [schema] = manifest.contributes.jsonValidation;
    expect(schema!.fileMatch).toBe("hfa.json");
    expect(JSON.parse(text(schema!.url)).properties.rules).toBeDefined();
  });

  it("contributes the five commands in bokmål and their English twins, and the settings, every title in package.nls.json", () => {
    const ids = ["hfa.makeReport", "hfa.newAgreement", "hfa.restartServer", "hfa.showBalance", "hfa.showRule"];
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual([...ids, ...ids.map((id) => id.replace("hfa.", "hfa.en."))].sort());
    const props = manifest.contributes.configuration.properties;
    expect(props["hfa.locale"]).toMatchObject({ default: "auto", enum: ["auto", "nb", "en"] });
    expect(props["hfa.trace.server"]).toMatchObject({ default: "off", enum: ["off", "messages", "verbose"] });
    expect(props["hfa.rules"]).toMatchObject({ default: {} });

    // The default file is bokmål, and there is no English one an English display language would pick.
    expect(files.has("extension/package.nls.en.json")).toBe(false);
    const nls = JSON.parse(text("package.nls.json")) as Record<string, string>;
    const keys = [...text("package.json").matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(nls[key], `package.nls.json: ${key}`).toBeTruthy();
    expect(nls.displayName).toBe("HFA – samhandlingsavtaler");
    const title = (command: string) => {
      const c = manifest.contributes.commands.find((x) => x.command === command)!;
      return `${c.category}: ${nls[c.title.slice(1, -1)]}`;
    };
    expect(ids.map(title)).toEqual(["HFA: Lag styrenotat", "HFA: Ny avtale", "HFA: Start språktjeneren på nytt", "HFA: Vis balanse", "HFA: Vis regel"]);
    expect(ids.map((id) => title(id.replace("hfa.", "hfa.en.")))).toEqual(["HFA: Make Board Memo", "HFA: New Agreement", "HFA: Restart Language Server", "HFA: Show Balance", "HFA: Show Rule"]);
    // Every menu entry shows exactly one of the twins: the bokmål one unless hfa.locale is en.
    const menus = (manifest.contributes as unknown as { menus: Record<string, { command: string; when?: string }[]> }).menus;
    for (const [where, entries] of Object.entries(menus)) {
      for (const entry of entries) {
        const english = entry.command.startsWith("hfa.en.");
        expect(entry.when, `${where}: ${entry.command}`).toContain(english ? "config.hfa.locale == 'en'" : "config.hfa.locale != 'en'");
        const twin = english ? entry.command.replace("hfa.en.", "hfa.") : entry.command.replace("hfa.", "hfa.en.");
        expect(entries.some((e) => e.command === twin), `${where}: twin of ${entry.command}`).toBe(true);
      }
    }
  });

  it("ships minified bundles without source maps; the client loads vscode from the editor", () => {
    const client = text("dist/client.js");
    // dist/server.js only loads these bundles with V8's code cache (bin/compile-cache.js).
    const server = text("dist/server-main.js");
    for (const bundle of [client, server, text("dist/server-core.js"), text("dist/report-renderers.js")]) {
      expect(bundle).not.toMatch(/sourceMappingURL/);
      // minified: few, long lines (template literals in the bundled libraries keep their line breaks)
      expect(bundle.length / bundle.split("\n").length).toBeGreaterThan(1000);
    }
    expect(client).toMatch(/require\("vscode"\)/);
    // Every string the client translates is in the bundle, and so is its bokmål text.
    const l10nNb = JSON.parse(readFileSync(join(ROOT, "l10n", "bundle.l10n.nb.json"), "utf8")) as Record<string, string>;
    // (esbuild writes non-ASCII characters as \xHH or \uHHHH escapes)
    const escaped = (key: string) =>
      [...key].map((c) => (c.charCodeAt(0) < 0x80 ? c : c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)).join("");
    expect(Object.keys(l10nNb).filter((key) => !client.includes(key) && !client.includes(escaped(key)))).toEqual([]);
    expect(Object.values(l10nNb).filter((nb) => !client.includes(nb) && !client.includes(escaped(nb)))).toEqual([]);
  });

  it("starts the bundled server on its own, which finds the rule pages shipped beside it", async () => {
    const server = spawn(process.execPath, [join(unpacked, "extension", "dist", "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"], cwd: tmpdir() });
    const responses = new Map<number, { result?: unknown; error?: unknown }>();
    onMessages<{ id?: number; result?: unknown; error?: unknown; method?: string }>(server.stdout, (message) => {
      if (typeof message.id === "number" && message.method === undefined) responses.set(message.id, message);
    });
    const send = (message: object) => server.stdin.write(frame(message));
    const response = async (id: number) => {
      const deadline = Date.now() + 15_000;
      while (!responses.has(id)) {
        if (Date.now() > deadline) throw new Error(`no response ${id}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return responses.get(id)!;
    };
    try {
      send({ id: 1, method: "initialize", params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null } });
      const init = (await response(1)).result as { capabilities: Record<string, unknown> };
      expect(init.capabilities.hoverProvider).toBeTruthy();
      expect(init.capabilities.completionProvider).toBeTruthy();
      send({ method: "initialized", params: {} });
      send({ id: 2, method: "hfa/ruleDoc", params: { code: "HFA404" } });
      const doc = (await response(2)).result;
      expect(typeof doc).toBe("string");
      expect(doc as string).toContain("HFA404");
      // The PDF and Word renderers are a bundle of their own (dist/report-renderers.js), required at the first such report.
      const uri = "file:///avtale.hfa";
      send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "hfa", version: 1, text: readFileSync(join(ROOT, "samples", "avtaler", "barn-unge-steinkjer.hfa"), "utf8") } } });
      for (const [id, format, magic] of [[4, "pdf", "%PDF-"], [5, "docx", "PK"]] as const) {
        send({ id, method: "hfa/report", params: { textDocument: { uri }, format } });
        const rendered = (await response(id)).result as { base64?: string } | null;
        expect(Buffer.from(rendered?.base64 ?? "", "base64").subarray(0, magic.length).toString("latin1"), format).toBe(magic);
      }
      send({ id: 3, method: "shutdown" });
      await response(3);
      send({ method: "exit" });
    } finally {
      server.kill();
    }
  }, 30_000);
});
