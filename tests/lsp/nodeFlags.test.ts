/**
 * The Node flags the VS Code client starts the server with
 * (server/src/lsp/nodeFlags.ts): nodeFlags.json's fixed flags and a V8 pool
 * of one background thread fewer than the machine has cores. Over JSON-RPC
 * against the built server: started with the flags for 2 cores it has one
 * V8 background thread (three fewer than without the flag) and publishes
 * exactly the diagnostics of a server started without any flag.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { serverNodeFlags, v8PoolSize } from "../../server/src/lsp/nodeFlags.js";
import { makeWorkspace, ROOT, TestClient } from "./client.js";

const fixedFlags: string[] = JSON.parse(readFileSync(join(ROOT, "server", "src", "lsp", "nodeFlags.json"), "utf8")).execArgv;

describe("v8PoolSize", () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [5, 4],
    [64, 4],
    [0, 1],
    [Number.NaN, 1],
    [2.5, 1],
  ])("%s cores → %s background threads", (cores, threads) => {
    expect(v8PoolSize(cores)).toBe(threads);
  });
});

describe("serverNodeFlags", () => {
  it("is nodeFlags.json's flags and one pool size", () => {
    expect(serverNodeFlags(2)).toEqual([...fixedFlags, "--v8-pool-size=1"]);
    expect(serverNodeFlags(16)).toEqual([...fixedFlags, "--v8-pool-size=4"]);
  });
});

describe("the server started with the flags for 2 cores", () => {
  const ws = makeWorkspace();
  const uri = ws.uri("avtaler/hjemmesykehus-nordmore.hfa");
  const started: TestClient[] = [];
  afterAll(async () => {
    for (const client of started) await client.stop();
    ws.dispose();
  });

  /** The diagnostics of `uri` once indexed, and how many threads the server process has then. */
  async function run(nodeArgs: readonly string[]): Promise<{ diagnostics: Diagnostic[]; threads: number; cmdline: string[] }> {
    const { client } = await TestClient.start(ws.root, { nodeArgs });
    started.push(client);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const pid = client.process.pid!;
    return {
      diagnostics,
      threads: readdirSync(`/proc/${pid}/task`).length,
      cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"),
    };
  }

  it("has one V8 background thread and publishes what a server without flags publishes", async () => {
    const plain = await run([]);
    const flagged = await run(serverNodeFlags(2));
    expect(flagged.cmdline).toContain("--v8-pool-size=1");
    expect(plain.threads - flagged.threads).toBe(3);
    expect(flagged.diagnostics.length).toBeGreaterThan(0);
    expect(flagged.diagnostics).toEqual(plain.diagnostics);
  });
});
