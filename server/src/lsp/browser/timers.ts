/**
 * Node's `setImmediate`/`clearImmediate` for the worker (the diagnostics
 * publisher yields with them): a task through a MessageChannel, which runs
 * after pending messages like Node's check phase and is not clamped to 4 ms
 * as a nested `setTimeout` is.
 */
type Task = () => void;

interface ImmediateGlobals {
  setImmediate?: (callback: (...args: unknown[]) => void, ...args: unknown[]) => unknown;
  clearImmediate?: (handle: unknown) => void;
  MessageChannel: new () => { port1: { onmessage: ((event: { data: number }) => void) | null }; port2: { postMessage(data: number): void } };
}

const globals = globalThis as unknown as ImmediateGlobals;

if (typeof globals.setImmediate !== "function") {
  const tasks = new Map<number, Task>();
  let next = 1;
  const channel = new globals.MessageChannel();
  channel.port1.onmessage = (event) => {
    const task = tasks.get(event.data);
    tasks.delete(event.data);
    task?.();
  };
  globals.setImmediate = (callback, ...args) => {
    const id = next++;
    tasks.set(id, () => callback(...args));
    channel.port2.postMessage(id);
    return id;
  };
  globals.clearImmediate = (handle) => {
    if (typeof handle === "number") tasks.delete(handle);
  };
}

export {};
