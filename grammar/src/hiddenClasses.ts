/**
 * One instance of each class whose instances can all be gone between two
 * analyses (most live for one parse or one check; a `Workspace` or a
 * `FrameIndex` when the CLI or a test made one and dropped it), kept for the
 * life of the process.
 *
 * V8 gives an object the hidden class ("map") it reaches by adding its fields
 * one by one from its class's first map; only that first map is held by the
 * class, the others only weakly, by the transitions. The parser's `Driver`,
 * an agreement's `CheckContext`, `Resolver`, `DependencyRecorder` and year
 * columns live for one parse or one check, so when a major GC runs between
 * two analyses none of them is alive: the GC frees their maps and throws
 * away the optimised code that was specialised to them ("deoptimize: weak
 * objects"), and the next parse and check run in the interpreter until V8
 * optimises them again. After every full GC a workspace of one agreement took
 * about 2,5× as long to parse and check (issue 12). An instance built the way
 * every other one is built reaches the same maps and keeps them alive; the
 * instances are empty and hold nothing of any file.
 */
const kept: object[] = [];

/** Keeps `instance` (of a class whose instances are short-lived) alive; see above. */
export function keepHiddenClass(instance: object): void {
  kept.push(instance);
}
