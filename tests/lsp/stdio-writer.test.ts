/**
 * The stdio writer (server/src/lsp/stdioWriter.ts): a notification written from its params'
 * JSON (`writeNotification`, how publishDiagnostics leave the server with `--stdio`) is the
 * very bytes `write` puts on the wire for the message object — the `Content-Length` in UTF-8
 * bytes, the key order, the escapes. Over JSON-RPC the diagnostics are tested everywhere
 * else (tests/lsp/*); here the two ways of writing one message are compared byte for byte.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { StdoutMessageWriter } from "../../server/src/lsp/stdioWriter.js";

/** A writer on a stream whose bytes are collected; `bytes()` after the writes' tick (they are corked until then). */
function collecting(): { writer: StdoutMessageWriter; bytes(): Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const writer = new StdoutMessageWriter(out as unknown as NodeJS.WriteStream);
  return { writer, bytes: () => new Promise((resolve) => setImmediate(() => resolve(Buffer.concat(chunks)))) };
}

const METHOD = "textDocument/publishDiagnostics";

/** Params as the server publishes them, with what JSON escapes or counts in more than one UTF-8 byte. */
const params = {
  uri: "file:///tmp/r%C3%B8ros/avtale%20%C3%A6.hfa",
  diagnostics: [
    {
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 14 } },
      severity: 2,
      code: "HFA404",
      codeDescription: { href: "file:///opt/hfa/docs/rules/HFA404.md" },
      source: "hfa",
      message: "«Tiltak» skal ha en plan for 2028–2030 og «\"sitater\"»\\ på\tflere\nlinjer … 😀",
      data: { start: 40, end: 52, fixes: [{ title: "Sett inn <beløp>", preferred: true, edits: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: "  beløp <…>\n" }] }] },
      relatedInformation: [{ location: { uri: "file:///tmp/felles.hfa", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } } }, message: "Her er «rammen»" }],
      tags: [1],
    },
  ],
};

describe("StdoutMessageWriter.writeNotification", () => {
  it("writes the bytes `write` writes for the same notification", async () => {
    const byObject = collecting();
    await byObject.writer.write({ jsonrpc: "2.0", method: METHOD, params } as Parameters<StdoutMessageWriter["write"]>[0]);
    const bySerialized = collecting();
    bySerialized.writer.writeNotification(METHOD, JSON.stringify(params));
    const expected = await byObject.bytes();
    const actual = await bySerialized.bytes();
    expect(actual.toString("utf8")).toBe(expected.toString("utf8"));
    expect(actual.equals(expected)).toBe(true);
    // And the frame is whole: Content-Length counts the body's UTF-8 bytes.
    const text = actual.toString("utf8");
    const header = text.indexOf("\r\n\r\n");
    const body = actual.subarray(Buffer.byteLength(text.slice(0, header + 4), "utf8"));
    expect(Number(/^Content-Length: (\d+)$/.exec(text.slice(0, header))?.[1])).toBe(body.length);
    expect(JSON.parse(body.toString("utf8"))).toEqual({ jsonrpc: "2.0", method: METHOD, params });
  });

  it("keeps the order of messages written either way", async () => {
    const { writer, bytes } = collecting();
    writer.writeNotification(METHOD, JSON.stringify({ uri: "file:///a.hfa", diagnostics: [] }));
    await writer.write({ jsonrpc: "2.0", method: "window/logMessage", params: { type: 3, message: "between" } } as Parameters<StdoutMessageWriter["write"]>[0]);
    writer.writeNotification(METHOD, JSON.stringify({ uri: "file:///b.hfa", diagnostics: [] }));
    const text = (await bytes()).toString("utf8");
    const order = [...text.matchAll(/"(file:\/\/\/[ab]\.hfa|between)"/g)].map((m) => m[1]);
    expect(order).toEqual(["file:///a.hfa", "between", "file:///b.hfa"]);
  });
});
