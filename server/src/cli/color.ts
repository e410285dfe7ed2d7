/**
 * Terminal colours. On when stdout is a terminal, unless `NO_COLOR` is set
 * to anything non-empty (https://no-color.org); `FORCE_COLOR` (non-empty and
 * not `0`/`false`) switches them on even in a pipe or CI log and wins over
 * `NO_COLOR`, as in Node itself. The SGR codes are written here rather than
 * with `util.styleText`, which consults `process.stdout` and `process.env`
 * on its own and so would ignore the command's Io.
 */
import type { Io } from "./io.js";

export type Style = "red" | "yellow" | "cyan" | "gray" | "bold" | "dim" | "green";

const ANSI: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
  green: [32, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export type Paint = (style: Style, text: string) => string;

export function colorEnabled(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  const noColor = io.env.NO_COLOR;
  return io.stdoutIsTTY && (noColor === undefined || noColor === "");
}

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m`;
}
