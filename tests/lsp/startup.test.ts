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
import { frame, onFrames, onMessages } from "./frames.js";

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
    // Answered early (before the connection library loads) and not again by the connection.
    expect(received.filter((m) => m.id === 1 && m.method === undefined)).toHaveLength(1);
  } finally {
    server.kill();
  }
}, 30_000);

/**
 * With `--stdio`, dist/server.js answers `initialize` before it loads the connection library
 * (server/src/lsp/earlyInitialize.ts) and puts the bytes it read back for the connection,
 * which handles that `initialize` again and whose answer is then not sent. Each message
 * must still be answered once, however the bytes arrive.
 */
interface Session {
  readonly received: Message[];
  /** The JSON of every message as the server sent it. */
  readonly bodies: string[];
  stderr(): string;
  response(id: number): Promise<Message>;
  until(what: string, found: () => boolean): Promise<void>;
  write(bytes: Buffer): void;
  stop(): void;
}

async function session(): Promise<Session> {
  const server = spawn(process.execPath, [await serverBundle(), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  const received: Message[] = [];
  const bodies: string[] = [];
  let stderr = "";
  server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  onFrames(server.stdout, (body) => {
    bodies.push(body);
    received.push(JSON.parse(body) as Message);
  });
  const until = async (what: string, found: () => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`${what}: not within 20 s; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    received,
    bodies,
    stderr: () => stderr,
    async response(id) {
      await until(`response ${id}`, () => received.some((m) => m.id === id && m.method === undefined));
      return received.find((m) => m.id === id && m.method === undefined)!;
    },
    until,
    write: (bytes) => server.stdin.write(bytes),
    stop: () => server.kill(),
  };
}

const responsesTo = (received: readonly Message[], id: number) => received.filter((m) => m.id === id && m.method === undefined);
const initializeParams = { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null };

it("answers initialize once, and every request behind it, when the bytes arrive split at awkward places", async () => {
  const file = join(ROOT, "samples", "avtaler", "eldreteam-romsdal.hfa");
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, "utf8");
  const initialize = frame({ id: 1, method: "initialize", params: initializeParams });
  const open = frame({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "hfa", version: 1, text } } });
  const bytes = Buffer.concat([initialize, frame({ method: "initialized", params: {} }), open, frame({ id: 2, method: "textDocument/documentSymbol", params: { textDocument: { uri } } }), frame({ id: 3, method: "hfa/ruleDoc", params: { code: "HFA404" } })]);
  const headerEnd = initialize.indexOf("\r\n\r\n");
  const openAt = bytes.indexOf(open);
  // Inside the first header's name, between the CR LF CR LF, a byte before and at the end of
  // initialize's body, inside the next header, and inside a UTF-8 character of the document.
  const multiByte = open.findIndex((byte) => byte >= 0x80);
  expect(multiByte).toBeGreaterThan(0);
  const cuts = [5, headerEnd + 1, headerEnd + 3, initialize.length - 1, initialize.length, initialize.length + 7, openAt + multiByte + 1, bytes.length - 2];
  const s = await session();
  try {
    let from = 0;
    for (const cut of cuts) {
      s.write(bytes.subarray(from, cut));
      from = cut;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    s.write(bytes.subarray(from));
    expect((await s.response(1)).result).toHaveProperty("capabilities.hoverProvider", true);
    expect(JSON.stringify((await s.response(2)).result)).toContain("EldreteamRomsdal");
    expect((await s.response(3)).result as string).toContain("HFA404");
    await s.until("the document's diagnostics", () => s.received.some((m) => m.method === "textDocument/publishDiagnostics" && m.params?.uri === uri));
    for (const id of [1, 2, 3]) expect(responsesTo(s.received, id)).toHaveLength(1);
    expect(s.received.filter((m) => m.error !== undefined)).toEqual([]);
    expect(s.stderr()).toBe("");
  } finally {
    s.stop();
  }
}, 30_000);

it("answers initialize early with exactly the connection's own answer", async () => {
  const early = await session();
  // A first message other than initialize: nothing is answered early, the connection answers it.
  const late = await session();
  try {
    early.write(frame({ id: 1, method: "initialize", params: initializeParams }));
    late.write(Buffer.concat([frame({ method: "$/cancelRequest", params: { id: 99 } }), frame({ id: 1, method: "initialize", params: initializeParams })]));
    await early.response(1);
    await late.response(1);
    const body = (s: Session) => s.bodies.find((b) => (JSON.parse(b) as Message).id === 1)!;
    expect(body(early)).toBe(body(late));
    expect(JSON.parse(body(early))).toHaveProperty("result.capabilities.hoverProvider", true);
    // The connection's answer, made anew, matched the early one (else the server says so on stderr).
    early.write(frame({ id: 2, method: "shutdown" }));
    await early.response(2);
    expect(responsesTo(early.received, 1)).toHaveLength(1);
    expect(early.stderr()).toBe("");
  } finally {
    early.stop();
    late.stop();
  }
}, 30_000);

it("leaves an initialize the connection refuses to it: answered once, with its error", async () => {
  const s = await session();
  try {
    // No capabilities: the connection library fails the request.
    s.write(Buffer.concat([frame({ id: 1, method: "initialize", params: { processId: null, rootUri: null } }), frame({ id: 2, method: "shutdown" })]));
    await s.response(2);
    expect(responsesTo(s.received, 1)).toHaveLength(1);
    expect((await s.response(1)).error?.code).toBeLessThan(0);
  } finally {
    s.stop();
  }
}, 30_000);
