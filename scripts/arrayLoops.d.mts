// Types of scripts/arrayLoops.mjs (used by tests/build/array-loops.test.ts).
import type { Plugin } from "esbuild";
import type ts from "typescript";

export function lowerArrayLoops(sourceFile: ts.SourceFile, checker: ts.TypeChecker): string | undefined;
export function arrayLoopsPlugin(root: string, dirs?: string[]): Plugin;
