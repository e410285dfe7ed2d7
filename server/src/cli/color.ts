/**
 * Terminal colours: only when stdout is a terminal and NO_COLOR is not set
 * (https://no-color.org). Uses `util.styleText` (Node ≥ 20.12) when present.
 */
import * as util from "node:util";
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

type StyleText = (format: Style, text: string) => string;

const styleText = (util as unknown as { styleText?: StyleText }).styleText;

export type Paint = (style: Style, text: string) => string;

export function colorEnabled(io: Io): boolean {
  const noColor = io.env.NO_COLOR;
  return io.stdoutIsTTY && (noColor === undefined || noColor === "");
}

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  if (styleText) return (style, text) => styleText(style, text);
  return (style, text) => `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m`;
}
