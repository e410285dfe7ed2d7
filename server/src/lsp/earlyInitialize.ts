/**
 * The answer to `initialize` before the connection library is loaded
 * (`--stdio` only; bundled into dist/server.js, the process entry).
 *
 * Evaluating vscode-languageserver and the first bundle (dist/server-main.js)
 * is ~12–15 ms of the client's wait for `initialize`, and nothing in the
 * answer depends on them: it is ./capabilities.ts's constant. So the entry
 * reads stdin until the first whole message; if that is an `initialize`
 * request it writes the answer at once. Either way every byte read goes back
 * to the front of stdin (`unshift`) before the connection is made, so the
 * connection reads the same stream it would have read, from its first byte:
 * it handles that `initialize` as always (its handler in ./main.ts loads the
 * rest of the server), and its own answer, identical, is not written again
 * (./stdioWriter.ts drops the first response to that id). No message is lost,
 * none answered twice. Anything unusual — another first message, a header the
 * connection library might read differently, a body that is not JSON — is
 * left to the connection untouched: then nothing is answered early.
 */
import { readSync, writeSync } from "node:fs";
import { initializeResult } from "./capabilities.js";
import { semanticTokensLegend } from "./features/semanticLegend.js";

/** An `initialize` request answered here: the connection's own answer to it is not sent. */
export interface EarlyAnswer {
  readonly id: number | string;
  /** The response as written (its JSON), which the connection's must equal. */
  readonly json: string;
}

/** A first message whose header is not complete within this many bytes is left to the connection. */
const MAX_HEADER_BYTES = 1024;
/** Nor is one whose body is larger (an `initialize` is a few kB). */
const MAX_BODY_BYTES = 1024 * 1024;

const HEADER_END = Buffer.from("\r\n\r\n", "ascii");
const READ_BYTES = 64 * 1024;
const STDIN = 0;
const STDOUT = 1;

/**
 * Reads stdin until the first whole message, answers it on stdout if it is
 * `initialize`, puts every byte read back (`process.stdin.unshift`), and
 * calls `then` with the answer (undefined when none was given). Stdin is left
 * paused: the connection resumes it once it listens.
 *
 * It reads and writes the file descriptors themselves, blocking: there is
 * nothing else to do before the first message, and the streams
 * `process.stdin` and `process.stdout` cost ~3 ms each to make, which is
 * then paid after the answer. A descriptor that is not blocking (EAGAIN) or
 * any other read error hands over what was read, unanswered. When stdin ends
 * before a whole message, the process exits as the connection library would
 * on its end (status 1: no `shutdown` came).
 */
export function answerInitializeEarly(then: (answered: EarlyAnswer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let answered: EarlyAnswer | undefined;
  for (;;) {
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    let read: number;
    try {
      read = readSync(STDIN, chunk, 0, READ_BYTES, null);
    } catch {
      break;
    }
    if (read === 0) process.exit(1);
    chunks.push(chunk.subarray(0, read));
    length += read;
    const first = readFirstMessage(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
    if (first === "incomplete") continue;
    if (first !== "other") answered = answer(first);
    break;
  }
  process.stdin.pause();
  if (length > 0) process.stdin.unshift(Buffer.concat(chunks, length));
  then(answered);
}

/** The `initialize` request's id, "other" for any other first message (or one not read here), or "incomplete". */
function readFirstMessage(bytes: Buffer): { id: number | string } | "other" | "incomplete" {
  const headerEnd = bytes.indexOf(HEADER_END);
  if (headerEnd < 0) return bytes.length > MAX_HEADER_BYTES ? "other" : "incomplete";
  let contentLength: number | undefined;
  // As vscode-jsonrpc reads a header: `key: value` lines, the key in any case;
  // it reads Content-Length only (the body is UTF-8 JSON whatever Content-Type says).
  const header = bytes.toString("ascii", 0, headerEnd);
  // A lone CR would make the library's scan for the blank line end elsewhere.
  if (/\r(?!\n)/.test(header)) return "other";
  for (const line of header.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) return "other";
    if (line.slice(0, colon).toLowerCase() !== "content-length") continue;
    const value = line.slice(colon + 1).trim();
    // One plain number: anything else (which the library might read its own way) is its to read.
    if (contentLength !== undefined || !/^\d{1,7}$/.test(value)) return "other";
    contentLength = Number(value);
  }
  if (contentLength === undefined || contentLength > MAX_BODY_BYTES) return "other";
  const bodyStart = headerEnd + HEADER_END.length;
  if (bytes.length < bodyStart + contentLength) return "incomplete";
  let message: unknown;
  try {
    message = JSON.parse(bytes.toString("utf8", bodyStart, bodyStart + contentLength));
  } catch {
    return "other";
  }
  if (!isObject(message) || message.method !== "initialize") return "other";
  const { id, params } = message;
  // Only a request the connection answers with its handler's result: one it
  // would answer with an error (no id, params not by name, no capabilities) is its to answer.
  if (typeof id !== "number" && typeof id !== "string") return "other";
  if (!isObject(params) || !isObject(params.capabilities)) return "other";
  return { id };
}

/** Writes the answer to the `initialize` request `id`; undefined if nothing of it could be written (the connection answers then). */
function answer({ id }: { id: number | string }): EarlyAnswer | undefined {
  // The connection's response, key for key (vscode-jsonrpc: jsonrpc, id, result).
  const json = JSON.stringify({ jsonrpc: "2.0", id, result: initializeResult(semanticTokensLegend) });
  const bytes = Buffer.from(`Content-Length: ${Buffer.byteLength(json, "utf8")}\r\n\r\n${json}`, "utf8");
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(STDOUT, bytes, written);
  } catch {
    if (written === 0) return undefined;
    // Begun: the stream finishes it (it waits where a descriptor would say EAGAIN).
    process.stdout.write(bytes.subarray(written));
  }
  return { id, json };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
