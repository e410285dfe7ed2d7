/**
 * Entry of the language server in a Web Worker (the web app and VS Code for
 * the web): the same server as `main.ts`, over `postMessage` instead of
 * stdio/IPC, on an in-memory file tree (./browser/memoryFs.ts) that holds
 * the rule pages bundled at build time and the files the host hands over
 * (`hfa/web/writeFiles`, ./browser/protocol.ts).
 */
import "./browser/timers.js";
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from "vscode-languageserver/browser";
import ruleDocs from "hfa-virtual:rule-docs";
import { memoryFs } from "./browser/memoryFs.js";
import { PACKAGE_ROOT, WRITE_FILES_NOTIFICATION, type WriteFilesParams } from "./browser/protocol.js";
import { describe } from "./describe.js";
import { startServer } from "./server.js";

for (const [code, text] of Object.entries(ruleDocs)) memoryFs.write(`${PACKAGE_ROOT}/docs/rules/${code}.md`, text);

/** The worker's global scope, as the message reader and writer use it (the server compiles without the DOM library). */
interface WorkerEvents {
  addEventListener(type: "error" | "unhandledrejection", listener: (event: { error?: unknown; reason?: unknown }) => void): void;
}
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0] & WorkerEvents;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

// A bug must not end the session: log it and go on.
(scope as WorkerEvents).addEventListener("error", (event) => connection.console.error(`hfa: uncaught exception: ${describe(event.error)}`));
(scope as WorkerEvents).addEventListener("unhandledrejection", (event) => connection.console.error(`hfa: unhandled rejection: ${describe(event.reason)}`));

connection.onNotification(WRITE_FILES_NOTIFICATION, (params: WriteFilesParams) => {
  try {
    for (const path of Array.isArray(params?.removed) ? params.removed : []) if (typeof path === "string") memoryFs.remove(path);
    for (const file of Array.isArray(params?.files) ? params.files : []) {
      if (typeof file?.path === "string" && typeof file.text === "string" && file.path.startsWith("/") && !file.path.startsWith(`${PACKAGE_ROOT}/`)) memoryFs.write(file.path, file.text);
    }
  } catch (error) {
    connection.console.error(`hfa: ${WRITE_FILES_NOTIFICATION} failed: ${describe(error)}`);
  }
});

startServer(connection, { root: PACKAGE_ROOT });
connection.listen();
