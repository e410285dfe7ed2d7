/**
 * The references a file or an agreement records, kept compactly.
 *
 * The analysis keeps every reference of the workspace for as long as it is
 * current (~37 000 per 1 000 agreements), and the editor reads them only when
 * asked (navigation, rename, find references). One object per reference took
 * 56 bytes and its list slot 8 more; here a reference is three slots of one
 * flat array (name, expected kinds, target), 24 bytes, and its `Reference`
 * object is made when the list is read. The objects read are equal, field for
 * field and in order, to those recorded; they are not the same objects from
 * one read to the next (nothing compares references by identity).
 */
import type * as Ast from "../../../grammar/src/ast.js";
import { keepHiddenClass } from "../../../grammar/src/hiddenClasses.js";
import type { SymbolKind, SymbolTarget } from "./symbols.js";

/** One name occurrence in a reference position. */
export interface Reference {
  readonly uri: string;
  readonly name: Ast.Name;
  /** The kinds this position accepts. */
  readonly expected: readonly SymbolKind[];
  readonly target?: SymbolTarget;
}

type Cell = Ast.Name | readonly SymbolKind[] | SymbolTarget | undefined;

/** A finished list of one file's references, in the order they were recorded. */
export class ReferenceList implements Iterable<Reference> {
  private constructor(
    /** The file every reference of the list is in. */
    readonly uri: string,
    /** name, expected, target; name, expected, target; … */
    private readonly cells: readonly Cell[],
  ) {}

  /** The references of `parts` (lists of one file) one after the other. */
  static joined(uri: string, parts: readonly ReferenceList[]): ReferenceList {
    const cells: Cell[] = [];
    for (const part of parts) {
      if (part.length > 0 && part.uri !== uri) throw new Error(`references of ${part.uri} joined into ${uri}`);
      for (const cell of part.cells) cells.push(cell);
    }
    return new ReferenceList(uri, cells.length === 0 ? NO_CELLS : cells.slice());
  }

  get length(): number {
    return this.cells.length / 3;
  }

  /** The reference at `index` (0 ≤ index < length). */
  at(index: number): Reference {
    const cells = this.cells;
    const i = index * 3;
    return { uri: this.uri, name: cells[i] as Ast.Name, expected: cells[i + 1] as readonly SymbolKind[], target: cells[i + 2] as SymbolTarget | undefined };
  }

  *[Symbol.iterator](): IterableIterator<Reference> {
    for (let index = 0; index < this.length; index++) yield this.at(index);
  }

  /** Records a file's references; `finish` gives the list. */
  static recorder(uri: string): ReferenceRecorder {
    return new ReferenceRecorder(uri, (cells) => new ReferenceList(uri, cells));
  }
}

const NO_CELLS: readonly Cell[] = Object.freeze([]);

export class ReferenceRecorder {
  private readonly cells: Cell[] = [];

  constructor(
    readonly uri: string,
    private readonly make: (cells: readonly Cell[]) => ReferenceList,
  ) {}

  add(name: Ast.Name, expected: readonly SymbolKind[], target: SymbolTarget | undefined): void {
    this.cells.push(name, expected, target);
  }

  get length(): number {
    return this.cells.length / 3;
  }

  /** The list at its length (an array grown by `push` keeps room for more). */
  finish(): ReferenceList {
    return this.make(this.cells.length === 0 ? NO_CELLS : this.cells.slice());
  }
}

// Every list can be gone between two analyses (a dropped workspace): see hiddenClasses.ts.
keepHiddenClass(ReferenceList.recorder("").finish());
