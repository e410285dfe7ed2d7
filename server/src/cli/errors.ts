/** The two expected ways a command fails with exit code 2 (anything else is a crash). */

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

/** A path that cannot be read as HFA text: `hfa: kan ikke lese <path>: <reason>`. */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}
