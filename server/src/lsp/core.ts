/**
 * The second of the server's two bundles (dist/server-core.js): the server
 * and the analysis, loaded by ./main.ts once it has answered `initialize`.
 */
import type { Connection, InitializeParams } from "vscode-languageserver";
import { startServer, type StartedServer } from "./server.js";

/** The server behind `connection`, whose `initialize` (`params`) main.ts has answered. */
export function startInitializedServer(connection: Connection, params: InitializeParams): StartedServer {
  return startServer(connection, { initialized: params });
}
