/**
 * The second of the server's two bundles (dist/server-core.js): the server
 * and the analysis, loaded by ./main.ts once it has answered `initialize`.
 */
import type { Connection, InitializeParams } from "vscode-languageserver";
import { startServer, type ServerOptions, type StartedServer } from "./server.js";

/** The server behind `connection`, whose `initialize` (`params`) main.ts has answered; `sendSerialized`: see ServerOptions. */
export function startInitializedServer(connection: Connection, params: InitializeParams, sendSerialized?: ServerOptions["sendSerialized"]): StartedServer {
  return startServer(connection, { initialized: params, sendSerialized });
}
