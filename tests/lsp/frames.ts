/**
 * LSP's base protocol by hand, for tests that must control the bytes on the wire
 * (one write holding several messages; the packaged server without our client library):
 * `Content-Length` (UTF-8 bytes), a blank line, the JSON.
 */
import type { Readable } from "node:stream";

/** One message framed for the wire. */
export function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
}

/** Calls `each` with every message read from `stream`, in order. */
export function onMessages<T>(stream: Readable, each: (message: T) => void): void {
  onFrames(stream, (body) => each(JSON.parse(body) as T));
}

/** Calls `each` with the body of every message read from `stream` (its JSON as sent), in order. */
export function onFrames(stream: Readable, each: (body: string) => void): void {
  let buffer = Buffer.alloc(0);
  stream.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf("\r\n\r\n");
      if (header < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString("ascii"))?.[1]);
      if (buffer.length < header + 4 + length) break;
      each(buffer.subarray(header + 4, header + 4 + length).toString("utf8"));
      buffer = buffer.subarray(header + 4 + length);
    }
  });
}
