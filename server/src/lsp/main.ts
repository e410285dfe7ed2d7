/**
 * Process entry of the language server: `node dist/server.js --stdio` or
 * `--node-ipc` (or `--socket=PORT`). The connection library exits the
 * process when stdin closes, when the `exit` notification arrives, and when
 * the client's process (InitializeParams.processId or `--clientProcessId`)
 * dies; an IPC parent that disconnects ends it too.
 *
 * This is the first of the server's two bundles (dist/server-main.js): the
 * connection and the answer to `initialize` (./capabilities.ts), and nothing
 * of the analysis. The rest (./server.ts with the analysis, the grammar and
 * Chevrotain, ./core.ts → dist/server-core.js) is loaded right after that
 * answer is written, in the same turn of the event loop as no other message:
 * the connection handles one message per `setImmediate`, and the load is
 * scheduled before the next one, so every later request and notification
 * finds its handler (none waits on a half-started server, none fails).
 * The client's wait for `initialize` is then Node's start, this bundle and
 * vscode-languageserver, not the whole server.
 */
import * as languageServer from "vscode-languageserver/node";
import type { InitializeParams } from "vscode-languageserver/node";
import { initializeResult } from "./capabilities.js";
import type { startInitializedServer } from "./core.js";
import { describe } from "./describe.js";
import type { EarlyAnswer } from "./earlyInitialize.js";
import { semanticTokensLegend } from "./features/semanticLegend.js";
import { consoleToClient, StdoutMessageWriter } from "./stdioWriter.js";

/**
 * The one copy of vscode-languageserver, for dist/server-core.js (scripts/build.mjs
 * points its imports of the library here): two copies would not know each other's
 * ResponseError, and the connection answers a ResponseError as an error only if it is its own.
 */
export { languageServer };

/** Loads dist/server-core.js (with the code cache, from dist/server.js). */
export type LoadCore = () => { readonly startInitializedServer: typeof startInitializedServer };

/**
 * `answered`: the `initialize` dist/server.js has already answered (./earlyInitialize.ts;
 * `--stdio` only), whose bytes it put back at the front of stdin, paused.
 */
export function main(loadCore: LoadCore, answered?: EarlyAnswer): void {
  const transports = ["--stdio", "--node-ipc"];
  if (!process.argv.some((arg) => transports.includes(arg) || arg.startsWith("--socket=") || arg.startsWith("--pipe="))) {
    process.stderr.write("hfa-language-server: give a transport: --stdio or --node-ipc (or --socket=PORT).\n");
    process.exit(2);
  }

  // With --stdio, the library reads stdin (and exits when it closes) while our writer writes
  // stdout (./stdioWriter.ts: one write per message, no turn of the event loop each). The
  // library takes a MessageWriter where it takes an output stream (it wraps only what has
  // `addListener`); its typings offer streams or reader and writer, not one of each.
  const stdio = process.argv.includes("--stdio");
  const { createConnection, ProposedFeatures } = languageServer;
  const writer = stdio ? new StdoutMessageWriter(process.stdout, answered) : undefined;
  const connection = writer
    ? createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream)
    : createConnection(ProposedFeatures.all);
  const sendSerialized = writer && ((method: string, paramsJson: string) => writer.writeNotification(method, paramsJson));
  if (stdio) consoleToClient(connection);

  // A bug must not end the session: log it and go on.
  process.on("uncaughtException", (error) => connection.console.error(`hfa: uncaught exception: ${describe(error)}`));
  process.on("unhandledRejection", (reason) => connection.console.error(`hfa: unhandled rejection: ${describe(reason)}`));
  if (process.argv.includes("--node-ipc")) process.on("disconnect", () => process.exit(0));
  // With stdio, a closed stdout means the client is gone.
  process.stdout.on("error", () => process.exit(0));

  let server: ReturnType<typeof startInitializedServer> | undefined;
  let loading = false;
  connection.onInitialize((params: InitializeParams) => {
    if (server) server.initialize(params);
    else if (!loading) {
      loading = true;
      // After this answer is written (it is sent in this turn, its write on the next tick) and
      // before the connection's next message (its queue runs in later `setImmediate`s).
      setImmediate(() => {
        try {
          server = loadCore().startInitializedServer(connection, params, sendSerialized);
        } catch (error) {
          connection.console.error(`hfa: the language server could not start: ${describe(error)}`);
        }
      });
    }
    return initializeResult(semanticTokensLegend);
  });
  connection.listen();
  // The early reader paused stdin; the connection reads it from here, from its first byte.
  if (stdio) process.stdin.resume();
}
