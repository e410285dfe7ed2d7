// What the interleaved before/after scripts share (bench/parse.mjs, bench/ratio.mjs):
// their command line (--root <checkout>… and options), a full gc(), a timer
// of wall and CPU time, and the median (bench/run.mjs's too).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..");

/** `--root` may repeat (default: this checkout); `option(name, fallback)` reads any other. */
export function benchArgs(args = process.argv.slice(2)) {
  const roots = [];
  for (let i = 0; i < args.length; i++) if (args[i] === "--root") roots.push(resolve(args[i + 1]));
  if (roots.length === 0) roots.push(repo);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  return { roots, option };
}

/** Two full collections (with --expose-gc; nothing without it). */
export function gc() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
}

/** Wall and CPU time (process.cpuUsage, user + system) of `fn`, in ms. */
export function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** The median (the mean of the two middle values for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
