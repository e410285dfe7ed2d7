/** `node:fs/promises` in the browser build. */
import { promises } from "./nodeFs.js";

export const { readFile, stat, lstat, realpath, readdir } = promises;
