// Page furniture by line index: a byte per line instead of a Map, since every
// per-line pass asks whether its line is furniture.

import { FurnitureKind } from './types';

const KINDS: FurnitureKind[] = ['pageHeader', 'pageNumber', 'toc', 'marker'];

export class LineMarks {
  private readonly kinds: Uint8Array;

  constructor(lineCount: number) {
    this.kinds = new Uint8Array(lineCount);
  }

  /** Whether the line is furniture (false for indexes outside the document). */
  has(line: number): boolean {
    return this.kinds[line] > 0;
  }

  get(line: number): FurnitureKind | undefined {
    const k = this.kinds[line];
    return k ? KINDS[k - 1] : undefined;
  }

  /** The line is content after all. */
  clear(line: number): void {
    if (line >= 0 && line < this.kinds.length) this.kinds[line] = 0;
  }

  set(line: number, kind: FurnitureKind): void {
    if (line < 0 || line >= this.kinds.length) return;
    this.kinds[line] = KINDS.indexOf(kind) + 1;
  }
}
