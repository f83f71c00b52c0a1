// Page furniture by line index: a byte per line instead of a Map, since every
// per-line pass asks whether its line is furniture.

import { FurnitureKind } from './types';

const KINDS: FurnitureKind[] = ['pageHeader', 'pageNumber', 'toc', 'marker'];

export class LineMarks {
  private readonly kinds: Uint8Array;

  constructor(lineCount: number, kinds?: Uint8Array) {
    this.kinds = kinds ?? new Uint8Array(lineCount);
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

  /** A copy. */
  clone(): LineMarks {
    return new LineMarks(this.kinds.length, this.kinds.slice());
  }

  /** Takes `count` lines' marks of `src` from its line `srcStart` on, at line `start` on. */
  copyFrom(src: LineMarks, srcStart: number, start: number, count: number): void {
    if (count > 0) this.kinds.set(src.kinds.subarray(srcStart, srcStart + count), start);
  }

  /** The lines marked `kind`, in order. */
  linesOf(kind: FurnitureKind): number[] {
    const k = KINDS.indexOf(kind) + 1;
    const out: number[] = [];
    for (let i = this.kinds.indexOf(k); i >= 0; i = this.kinds.indexOf(k, i + 1)) out.push(i);
    return out;
  }

  set(line: number, kind: FurnitureKind): void {
    if (line < 0 || line >= this.kinds.length) return;
    this.kinds[line] = KINDS.indexOf(kind) + 1;
  }
}
