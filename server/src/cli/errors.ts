/** The expected ways a command fails with exit code 2 (anything else is a crash). */

/** Bad arguments: the message, then the usage of `command`. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A failure at a path: the message names the path and says why. */
abstract class PathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** A path that cannot be read as HFA text: `hfa: kan ikke lese <path>: <reason>`. */
export class InputError extends PathError {
  override readonly name = "InputError";
}

/** A file that cannot be written: `hfa: kan ikke skrive <path>: <reason>`. */
export class WriteError extends PathError {
  override readonly name = "WriteError";
}
