/**
 * A workspace file that is listed but cannot be read (a failing disk, a
 * network share that drops), over JSON-RPC against the built server: the
 * fault is injected by a preload (fixtures/unreadable.cjs: reading the
 * file fails with EIO while a switch file exists), since as root chmod 000
 * does not make a file unreadable. The user is told which file and why, once;
 * the rest of the workspace is indexed and checked; references, which would
 * miss the file's uses, are refused; and once the file can be read, the next
 * change reads it and everything works.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MessageType, type Location } from "vscode-languageserver-protocol";
import { makeWorkspace, TestClient } from "./client.js";

const PRELOAD = fileURLToPath(new URL("./fixtures/unreadable.cjs", import.meta.url));
const REQUEST_FAILED = -32803;

type Workspace = ReturnType<typeof makeWorkspace>;

/** The built server over `ws`, reading `target` (a file or folder of it) failing with EIO until `fix()`; or never, with `faulty: false`. */
async function startWithFault(ws: Workspace, target: string, faulty = true) {
  const dir = mkdtempSync(join(tmpdir(), "hfa-fault-"));
  const faultSwitch = join(dir, "on");
  if (faulty) writeFileSync(faultSwitch, "");
  const { client } = await TestClient.start(ws.root, { nodeArgs: ["--require", PRELOAD], env: { HFA_TEST_UNREADABLE: ws.path(target), HFA_TEST_FAULT_WHILE: faultSwitch } });
  return {
    client,
    fix: () => rmSync(faultSwitch, { force: true }),
    async dispose() {
      await client.stop();
      ws.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("a workspace file that cannot be read", () => {
  const ws = makeWorkspace();
  const UNREADABLE = ws.uri("avtaler/jordmor-sore-sunnmore.hfa");
  const OTHER = ws.uri("avtaler/fact-innherred.hfa");
  const SHARED = ws.uri("felles/helsefellesskap-more-og-romsdal.hfa");
  const sharedLines = ws.text("felles/helsefellesskap-more-og-romsdal.hfa").split("\n");
  const voldaLine = sharedLines.findIndex((l) => l.includes("kommune Volda"));
  const volda = { textDocument: { uri: SHARED }, position: { line: voldaLine, character: sharedLines[voldaLine]!.indexOf("Volda") + 1 }, context: { includeDeclaration: true } };
  let server: Awaited<ReturnType<typeof startWithFault>>;
  let client: TestClient;

  beforeAll(async () => {
    server = await startWithFault(ws, "avtaler/jordmor-sore-sunnmore.hfa");
    client = server.client;
    await client.waitForDiagnostics(OTHER);
  }, 30_000);
  afterAll(async () => server?.dispose());

  it("is named to the user with the reason, as an error; the rest of the workspace is indexed and checked", async () => {
    await client.waitUntil(() => client.messages.length > 0);
    expect(client.messages).toHaveLength(1);
    expect(client.messages[0]!.type).toBe(MessageType.Error);
    expect(client.messages[0]!.message).toBe(
      "HFA kunne ikke lese jordmor-sore-sunnmore.hfa (EIO). Avtalene der er ikke med i kontrollen, og å gi nytt navn eller finne referanser er slått av til alt kan leses. " +
        "Sjekk at du har lesetilgang og at disken eller nettverksmappen svarer; det prøves igjen ved neste endring.",
    );
    expect(client.logs.join("\n")).toContain(`could not read ${UNREADABLE}: EIO`);
    // Every other agreement is published; the unreadable one is not (it is not in the workspace).
    for (const name of ["barn-unge-steinkjer", "eldreteam-romsdal", "fact-innherred", "fact-ung-namdal", "hjemmesykehus-nordmore", "overgang-orkdal"]) {
      await client.waitForDiagnostics(ws.uri(`avtaler/${name}.hfa`));
    }
    expect(client.diagnostics.has(UNREADABLE)).toBe(false);
  });

  it("refuses references, which would miss the file's uses, with a clear error (after trying to read it again)", async () => {
    await expect(client.request<Location[]>("textDocument/references", volda)).rejects.toMatchObject({ code: REQUEST_FAILED, message: expect.stringContaining("har ikke lest alle avtalene") });
  });

  it("is read again on the next change: still failing, the user is not told again", async () => {
    const failedReads = () => client.logs.filter((l) => l.includes(`could not read ${UNREADABLE}: EIO`)).length;
    const before = failedReads();
    client.open(OTHER, ws.text("avtaler/fact-innherred.hfa"));
    await client.waitUntil(() => failedReads() > before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.messages).toHaveLength(1);
    expect(client.diagnostics.has(UNREADABLE)).toBe(false);
  });

  it("once the file can be read, the next change reads it: its diagnostics come, and references find its uses", async () => {
    server.fix();
    client.change(OTHER, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// endret\n" }]);
    await client.waitForDiagnostics(UNREADABLE);
    const references = await client.request<Location[]>("textDocument/references", volda);
    expect(references.filter((r) => r.uri === UNREADABLE).length).toBeGreaterThan(0);
    expect(client.messages).toHaveLength(1);
  });
});

describe("a workspace folder that cannot be listed", () => {
  // A file with a syntax error in another folder: published as soon as that folder is indexed.
  const ws = makeWorkspace({ "utkast/uferdig.hfa": "avtale Uferdig {\n" });
  const OTHER = ws.uri("utkast/uferdig.hfa");
  const AGREEMENT = ws.uri("avtaler/jordmor-sore-sunnmore.hfa");
  const SHARED = ws.uri("felles/helsefellesskap-more-og-romsdal.hfa");
  let server: Awaited<ReturnType<typeof startWithFault>>;

  beforeAll(async () => void (server = await startWithFault(ws, "avtaler")), 30_000);
  afterAll(async () => server?.dispose());

  it("is named to the user (as a folder); the other folders are indexed; the next change after the fix lists it", async () => {
    const client = server.client;
    await client.waitForDiagnostics(OTHER, (d) => d.length > 0);
    await client.waitUntil(() => client.messages.length > 0);
    expect(client.messages.map((m) => m.message)).toEqual([expect.stringMatching(/^HFA kunne ikke lese avtaler\/ \(EIO\)\. /)]);
    expect(client.diagnostics.has(AGREEMENT)).toBe(false);
    server.fix();
    client.open(SHARED, ws.text("felles/helsefellesskap-more-og-romsdal.hfa"));
    await client.waitForDiagnostics(AGREEMENT);
    expect(client.messages).toHaveLength(1);
  });
});

describe("near miss: every file readable", () => {
  const ws = makeWorkspace();
  let server: Awaited<ReturnType<typeof startWithFault>>;
  beforeAll(async () => void (server = await startWithFault(ws, "avtaler/jordmor-sore-sunnmore.hfa", false)), 30_000);
  afterAll(async () => server?.dispose());

  it("indexes every file and tells the user nothing", async () => {
    const client = server.client;
    await client.waitForDiagnostics(ws.uri("avtaler/jordmor-sore-sunnmore.hfa"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.messages).toEqual([]);
  });
});

describe("a workspace file larger than the server reads (8 MB)", () => {
  const LIMIT = 8 * 1024 * 1024;
  /** A comment file of `bytes` bytes: lexed in one token, so the near miss is cheap to check. */
  const commentOf = (bytes: number) => `//${"x".repeat(bytes - 3)}\n`;
  const ws = makeWorkspace({ "utkast/stor.hfa": commentOf(LIMIT + 1), "utkast/akkurat.hfa": commentOf(LIMIT) });
  const AGREEMENT = ws.uri("avtaler/jordmor-sore-sunnmore.hfa");
  let server: Awaited<ReturnType<typeof startWithFault>>;
  let client: TestClient;

  beforeAll(async () => {
    server = await startWithFault(ws, "avtaler/jordmor-sore-sunnmore.hfa", false);
    client = server.client;
    await client.waitForDiagnostics(AGREEMENT);
  }, 60_000);
  afterAll(async () => server?.dispose());

  it("is named to the user once, as a warning saying what it means (the file of exactly 8 MB is not named); the rest is indexed", async () => {
    await client.waitUntil(() => client.messages.length > 0);
    expect(client.messages).toEqual([
      {
        type: MessageType.Warning,
        message:
          "HFA leser ikke stor.hfa: filer større enn 8 MB er ikke med i kontrollen, og navn som deklareres der, finnes ikke for resten av arbeidsområdet " +
          "(heller ikke når du gir nytt navn eller finner referanser). En avtalefil er vanligvis noen få kB; del filen opp.",
      },
    ]);
  });

  it("leaves a file that grows past the limit out (its last text is not on disk any more), and says so", async () => {
    const diagnosed = await client.waitForDiagnostics(AGREEMENT, (d) => d.length > 0);
    expect(diagnosed.length).toBeGreaterThan(0);
    writeFileSync(ws.path("avtaler/jordmor-sore-sunnmore.hfa"), commentOf(LIMIT + 1));
    client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: AGREEMENT, type: 2 }] });
    await client.waitForDiagnostics(AGREEMENT, (d) => d.length === 0);
    await client.waitUntil(() => client.messages.length > 1);
    expect(client.messages[1]!.message).toMatch(/^HFA leser ikke jordmor-sore-sunnmore\.hfa og stor\.hfa: filer større enn 8 MB /);
  });
});
