/**
 * Process entry of the language server: `node dist/server.js --stdio` or
 * `--node-ipc` (or `--socket=PORT`). The connection library exits the
 * process when stdin closes, when the `exit` notification arrives, and when
 * the client's process (InitializeParams.processId or `--clientProcessId`)
 * dies; an IPC parent that disconnects ends it too.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { describe } from "./diagnostics.js";
import { startServer } from "./server.js";
import { consoleToClient, StdoutMessageWriter } from "./stdioWriter.js";

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
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin, new StdoutMessageWriter(process.stdout) as unknown as NodeJS.WritableStream)
  : createConnection(ProposedFeatures.all);
if (stdio) consoleToClient(connection);

// A bug must not end the session: log it and go on.
process.on("uncaughtException", (error) => connection.console.error(`hfa: uncaught exception: ${describe(error)}`));
process.on("unhandledRejection", (reason) => connection.console.error(`hfa: unhandled rejection: ${describe(reason)}`));
if (process.argv.includes("--node-ipc")) process.on("disconnect", () => process.exit(0));
// With stdio, a closed stdout means the client is gone.
process.stdout.on("error", () => process.exit(0));

startServer(connection);
connection.listen();
