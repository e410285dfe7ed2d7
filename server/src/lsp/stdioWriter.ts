/**
 * The server's messages to the client over stdout (`--stdio`).
 *
 * vscode-jsonrpc's StreamMessageWriter serialises each message in a turn of
 * the event loop of its own (a semaphore scheduled with `setImmediate`) and
 * writes the header and the body as two writes: ~80 µs of CPU per message,
 * ~80 ms for the 1 005 `publishDiagnostics` an indexing run sends. Here a
 * message is serialised and written when it is sent, header and body in one
 * write, in the order sent; the writes of one tick are corked into one
 * system call. The bytes on the wire are the same: `Content-Length` (UTF-8
 * bytes), a blank line, the JSON.
 *
 * A notification whose params are JSON already (`writeNotification`: the
 * publishDiagnostics of ./diagnostics.ts, whose lists the publisher has
 * serialised as its "already sent?" key) is written without serialising them
 * again: the same bytes, half the JSON work of an indexing run's 1 005 lists.
 *
 * When dist/server.js has answered `initialize` itself (./earlyInitialize.ts),
 * the connection's answer to that request — the first response with its id —
 * is not written again.
 */
import { format } from "node:util";
import { AbstractMessageWriter, type Connection, type Message, type MessageWriter } from "vscode-languageserver/node";
import type { EarlyAnswer } from "./earlyInitialize.js";

export class StdoutMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private corked = false;
  private errors = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    /** The `initialize` already answered on `out`, if it was. */
    private answered?: EarlyAnswer,
  ) {
    super();
    out.on("error", (error: unknown) => this.fireError(error));
    out.on("close", () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    try {
      const json = JSON.stringify(message);
      if (this.answered !== undefined && isResponseTo(message, this.answered.id)) {
        const answered = this.answered;
        this.answered = undefined;
        // The same answer by construction (one function makes both); if ever not, say so.
        if (json !== answered.json) process.stderr.write(`hfa: internal error: the early answer to initialize differs from the connection's:\n${answered.json}\n${json}\n`);
        return Promise.resolve();
      }
      this.send(json);
      return Promise.resolve();
    } catch (error) {
      this.fireError(error, message, ++this.errors);
      return Promise.reject(error);
    }
  }

  /**
   * The notification `write({ jsonrpc: "2.0", method, params })` would write,
   * byte for byte, from its params' JSON: `paramsJson` is `JSON.stringify(params)`.
   */
  writeNotification(method: string, paramsJson: string): void {
    try {
      this.send(`{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${paramsJson}}`);
    } catch (error) {
      this.fireError(error, undefined, ++this.errors);
      throw error;
    }
  }

  /** One message: header and body in one write, the writes of one tick corked into one system call. */
  private send(json: string): void {
    if (!this.corked) {
      this.corked = true;
      this.out.cork();
      process.nextTick(() => {
        this.corked = false;
        this.out.uncork();
      });
    }
    this.out.write(`Content-Length: ${Buffer.byteLength(json, "utf8")}\r\n\r\n${json}`, "utf8");
  }

  end(): void {
    this.out.end();
  }
}

function isResponseTo(message: Message, id: number | string): boolean {
  const { method, id: responseId } = message as { method?: unknown; id?: unknown };
  return method === undefined && responseId === id;
}

/**
 * What vscode-languageserver does for `--stdio` when it opens stdout itself:
 * stdout carries the protocol, so `console` output goes to the client's log
 * instead of corrupting the stream.
 */
export function consoleToClient(connection: Connection): void {
  const text = (args: unknown[]) => format(...args);
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${text(args)}\n${new Error().stack?.split("\n").slice(2).join("\n") ?? ""}`);
  console.dir = (value: unknown) => connection.console.log(format("%O", value));
}
