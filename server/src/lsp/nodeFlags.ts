/**
 * The Node flags the language server is started with: by the VS Code client
 * (client/src/extension.ts) and by the benchmark, which starts the server as
 * the client does (bench/serverFlags.mjs). docs/lsp.md gives them to other
 * editors; the server works without them.
 *
 * The fixed flags are in nodeFlags.json. One depends on the machine: the
 * size of V8's pool of background threads, where TurboFan compiles and the
 * GC's helpers run. Node starts 4 of them whatever the machine has; on 2
 * cores they and the main thread are 5 threads for 2 cores, and while the
 * server indexes the main thread waited ~100–180 ms on the run queue. One
 * core fewer than the machine has leaves a core to the main thread: on 2
 * cores (1 background thread) indexing 1 005 files took 514 instead of
 * 661 ms (median of 5; docs/performance.md, round 8). V8 sizes the pool when
 * the process starts, so it can only be a process flag.
 */
import { execArgv } from "./nodeFlags.json";

/** Node's own pool size (`--v8-pool-size`'s default). */
const NODE_POOL_SIZE = 4;

/** V8's background threads for a machine of `cores` cores: one fewer, at least 1, at most Node's default. */
export function v8PoolSize(cores: number): number {
  const whole = Number.isFinite(cores) ? Math.floor(cores) : 1;
  return Math.max(1, Math.min(NODE_POOL_SIZE, whole - 1));
}

/** The flags to start `dist/server.js` with on a machine of `cores` cores (`os.availableParallelism()`). */
export function serverNodeFlags(cores: number): string[] {
  return [...execArgv, `--v8-pool-size=${v8PoolSize(cores)}`];
}
