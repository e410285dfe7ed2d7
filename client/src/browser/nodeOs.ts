/** `node:os` in the web extension: the one function the client uses (the cores, for the server's flags, which the browser client ignores). */
export function availableParallelism(): number {
  return globalThis.navigator?.hardwareConcurrency ?? 1;
}
