// Lowers `for (const x of list)` over an array to an indexed loop when the
// bundles are built, so the source keeps the idiomatic loop and the shipped
// code does not pay for the iterator protocol where it runs cold.
//
// Why: until TurboFan optimises a function, V8's interpreter and baseline code
// run `for…of` through the array iterator and allocate one `{ value, done }`
// result per step (only optimised code removes it). A cold `hfa check` of 1 000
// agreements runs most of its checks unoptimised: 24 of the 105 MB it allocated
// were those results (sampling heap profile with the collected objects kept),
// and the scavenges that collected them. Lowered: 78 MB, and the run 10–16 %
// faster (docs/performance.md, round 9).
//
// Only where the type checker proves the iterated value an array or a tuple
// (every member of a union): a Map, a Set, a string, a generator or any other
// iterable keeps its `for…of`. Over an array the two loops do the same: the
// iterator reads `length` afresh at every step and yields `list[i]` (holes as
// undefined), and the expression is evaluated once. The loop variable is
// declared per iteration in a block of its own around the original body, so
// closures, `let` reassignment, shadowing in the body, `break`, `continue` and
// labels behave as before. Line numbers are kept (stack traces and source maps
// point at the same lines).
import { join, sep } from "node:path";
import ts from "typescript";

/** Is every constituent of `type` an array or a tuple? */
function isArrayLike(checker, type) {
  const members = type.isUnion() ? type.types : [type];
  return members.length > 0 && members.every((member) => checker.isArrayType(member) || checker.isTupleType(member));
}

function containsForOf(node) {
  let found = false;
  const visit = (child) => {
    if (found) return;
    if (ts.isForOfStatement(child)) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/**
 * The text of `sourceFile` with its `for…of` loops over arrays lowered, or
 * undefined when it has none. `checker` must belong to the program that holds
 * `sourceFile`.
 */
export function lowerArrayLoops(sourceFile, checker) {
  const text = sourceFile.text;
  const edits = [];
  let counter = 0;
  const visit = (node) => {
    if (ts.isForOfStatement(node) && !node.awaitModifier && lowerable(node)) {
      const n = counter++;
      const [index, list] = [`i$${n}`, `a$${n}`];
      const declaration = node.initializer.declarations[0];
      const keyword = node.initializer.flags & ts.NodeFlags.Const ? "const" : "let";
      const start = node.getStart(sourceFile);
      const bodyStart = node.statement.getStart(sourceFile);
      const newlines = text.slice(start, bodyStart).split("\n").length - 1;
      const head =
        `for (let ${index} = 0, ${list} = (${text.slice(node.expression.getStart(sourceFile), node.expression.end)}); ${index} < ${list}.length; ${index}++) ` +
        `{ ${keyword} ${text.slice(declaration.getStart(sourceFile), declaration.end)} = ${list}[${index}]; ` +
        "\n".repeat(newlines);
      edits.push({ start, end: bodyStart, text: head }, { start: node.statement.end, end: node.statement.end, text: " }" });
    }
    ts.forEachChild(node, visit);
  };
  const lowerable = (node) => {
    const list = node.initializer;
    if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1) return false;
    if (!(list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return false;
    // The head's texts are copied as written: a loop inside them would not be lowered consistently.
    if (containsForOf(node.expression) || containsForOf(list)) return false;
    return isArrayLike(checker, checker.getTypeAtLocation(node.expression));
  };
  visit(sourceFile);
  if (edits.length === 0) return undefined;
  // From the end, so that earlier positions stay valid; the ranges never overlap
  // (a nested loop's head starts where its parent's head ends, or inside its body).
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/**
 * An esbuild plugin that lowers the loops in the TypeScript files under `dirs`
 * (relative to `root`). One program, of `<root>/tsconfig.json`'s files under
 * those folders and with its compiler options, is made at the first file and
 * shared by every build the same plugin object is given to.
 */
export function arrayLoopsPlugin(root, dirs = ["grammar/src", "server/src"]) {
  const roots = dirs.map((dir) => join(root, dir) + sep);
  let program;
  const lowered = new Map();
  const programOf = () => {
    if (program) return program;
    const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    const files = (config?.fileNames ?? []).map((file) => join(file)).filter((file) => roots.some((dir) => file.startsWith(dir)));
    program = ts.createProgram(files, config?.options ?? {});
    return program;
  };
  return {
    name: "hfa-array-loops",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!roots.some((dir) => args.path.startsWith(dir))) return undefined;
        if (!lowered.has(args.path)) {
          const current = programOf();
          const sourceFile = current.getSourceFile(args.path);
          lowered.set(args.path, sourceFile ? lowerArrayLoops(sourceFile, current.getTypeChecker()) : undefined);
        }
        const contents = lowered.get(args.path);
        return contents === undefined ? undefined : { contents, loader: "ts" };
      });
    },
  };
}
