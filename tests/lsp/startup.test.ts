/**
 * The server answers `initialize` before it loads the analysis (dist/server-main.js, then
 * dist/server-core.js: server/src/lsp/main.ts). Messages the client sends right behind
 * `initialize`, before that load, wait for it and are answered like any other: here
 * all of them go to the server in one write, before its answer to `initialize` is read.
 * The errors the server answers with (a ResponseError made in the second bundle) reach
 * the client as errors, which they do only if both bundles share one vscode-languageserver.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { ROOT, serverBundle } from "./client.js";
import { frame, onMessages } from "./frames.js";

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: { readonly uri?: string; readonly diagnostics?: readonly { code?: unknown }[] };
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

it("answers the requests sent right behind initialize, in the same write, once the rest of the server is loaded", async () => {
  const server = spawn(process.execPath, [await serverBundle(), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  const received: Message[] = [];
  onMessages<Message>(server.stdout, (message) => received.push(message));
  const file = join(ROOT, "samples", "avtaler", "eldreteam-romsdal.hfa");
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, "utf8");
  const line = text.split("\n").findIndex((l) => /^\s*formål /.test(l));
  const column = text.split("\n")[line]!.indexOf("formål");
  server.stdin.write(
    Buffer.concat([
      frame({ id: 1, method: "initialize", params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null } }),
      frame({ method: "initialized", params: {} }),
      frame({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "hfa", version: 1, text } } }),
      frame({ id: 2, method: "textDocument/documentSymbol", params: { textDocument: { uri } } }),
      // A keyword cannot be renamed: answered with the error that says why.
      frame({ id: 3, method: "textDocument/prepareRename", params: { textDocument: { uri }, position: { line, character: column + 1 } } }),
      frame({ id: 4, method: "hfa/ruleDoc", params: { code: "HFA404" } }),
    ]),
  );
  const response = async (id: number) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = received.find((m) => m.id === id && m.method === undefined);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no response ${id}; stderr: ${server.stderr.read()?.toString() ?? ""}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  try {
    const init = await response(1);
    expect((init.result as { capabilities: { hoverProvider?: boolean } }).capabilities.hoverProvider).toBe(true);
    const symbols = await response(2);
    expect(symbols.error).toBeUndefined();
    expect(JSON.stringify(symbols.result)).toContain("EldreteamRomsdal");
    const rename = await response(3);
    expect(rename.result).toBeUndefined();
    expect(rename.error?.code).toBe(-32803);
    expect(rename.error?.message.length).toBeGreaterThan(10);
    const doc = await response(4);
    expect(doc.result as string).toContain("HFA404");
    const deadline = Date.now() + 20_000;
    while (!received.some((m) => m.method === "textDocument/publishDiagnostics" && m.params?.uri === uri)) {
      if (Date.now() > deadline) throw new Error("no diagnostics for the opened document");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Nothing was refused as unknown (the connection's answer to a request it has no handler for).
    expect(received.filter((m) => m.error?.code === -32601)).toEqual([]);
  } finally {
    server.kill();
  }
}, 30_000);
