/**
 * The CLI and the language server on Node 24 (the Node code-server runs, and
 * the current LTS CI pipelines use), started as users start them: the CLI
 * through bin/hfa.js, the server with the flags of server/src/lsp/nodeFlags.ts
 * (what the VS Code client passes; on this machine's cores, and with one
 * background thread as on 2 cores). A V8 flag that Node 24 does not know stops
 * the server before it starts ("bad option"), and one set at run time in
 * bin/hfa.js puts «unrecognized flag» in the CLI's output; the unit suite runs
 * on Node 20 only, so this is where such a flag shows.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../server/src/lsp/nodeFlags.js";
import { ROOT } from "../extension/screenshots.js";
import { NODE24 } from "./codeServer.js";

describe("on Node 24", () => {
  it("is installed by scripts/e2e-setup.sh", () => {
    expect(existsSync(NODE24), NODE24).toBe(true);
    expect(spawnSync(NODE24, ["--version"], { encoding: "utf8" }).stdout).toMatch(/^v24\./);
  });

  it("hfa check prints exactly what it prints on this Node, and nothing else", () => {
    const args = [join(ROOT, "bin", "hfa.js"), "check", "samples/felles", "samples/avtaler", "samples/feil/mangler-besparelse.hfa"];
    const here = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    const there = spawnSync(NODE24, args, { cwd: ROOT, encoding: "utf8" });
    expect(here.stdout).toContain("HFA401");
    expect(there.stdout).toBe(here.stdout);
    expect(there.stderr).toBe(here.stderr);
    expect(there.status).toBe(here.status);
  });

  it.each([
    ["this machine", availableParallelism()],
    ["2 cores", 2],
  ])("the language server starts with the client's flags for %s and answers initialize", async (_machine, cores) => {
    const child = spawn(NODE24, [...serverNodeFlags(cores), join(ROOT, "dist", "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const answer = Promise.race([
        connection.sendRequest("initialize", { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} }),
        exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before answering: ${stderr}`))),
      ]);
      const result = (await answer) as { capabilities: { textDocumentSync?: unknown } };
      expect(result.capabilities.textDocumentSync).toBeDefined();
      await connection.sendRequest("shutdown");
      connection.sendNotification("exit");
      expect(await exited).toBe(0);
      expect(stderr).toBe("");
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
