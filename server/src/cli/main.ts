/**
 * Entry point of `hfa` (bundled to dist/cli.js, run by bin/hfa.js).
 * Commands live in the modules beside this one; see docs/cli.md.
 */
import { processIo } from "./io.js";
import { run } from "./run.js";

// `hfa check … | head` closes the pipe early: stop quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// run() catches everything; this is the last line of defence.
const lastResort = (error: unknown) => {
  process.stderr.write(`hfa: intern feil: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
};
try {
  Promise.resolve(run(process.argv.slice(2), processIo())).then((code) => (process.exitCode = code), lastResort);
} catch (error) {
  lastResort(error);
}
