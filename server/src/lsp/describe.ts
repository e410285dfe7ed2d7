/** An error (or anything thrown) as one text for the log: its stack where it has one. */
export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
