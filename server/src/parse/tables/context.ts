// What the table detectors share: the search context, rows before assembly, bounds.

import { LineMarks } from '../../model/lineMarks';
import { Cell, Line, Range, TableLayout, Unit } from '../../model/types';
import { BLANK, lineClasses } from './lineClass';

export interface TableContext {
  lines: Line[];
  furniture: LineMarks;
  documentUnit?: Unit;
  /** Lines already in a table (indexed like `lines`). */
  claimed: Uint8Array;
  /** The stretch of lines to search, [from, to); the whole of `lines` by default. */
  from?: number;
  to?: number;
  /** The classes of the stretch's lines (tables/lineClass.ts, worked out on first use). */
  classes?: Uint16Array;
  /** Every reader on every line, whatever the classes say (for the tests that the classes change nothing). */
  unclassed?: boolean;
}

export type AddTable = (layout: TableLayout, rows: RawRow[], continued?: boolean) => void;

/** A row before its table is assembled. */
export interface RawRow extends Range {
  label: string;
  labelRange: Range;
  cells: Cell[];
  line: number;
  lastLine: number;
  header: boolean;
  uncertain?: boolean;
  repeatedHeader?: boolean;
  /** A band row heading a group, where the layout shows it (all cells present and empty); see Row.band. */
  band?: boolean;
  /** A section label that opens a block although it has no colon (see Row.section). */
  section?: boolean;
  /** The glued run its cells were split out of (tables/gluedResolve.ts may read it again); judged: read with the table's column count already, not to be split again; next: what follows the run on its line (a label, or the end of the line). */
  glued?: { text: string; start: number; bare?: boolean; judged?: boolean; next?: 'label' | 'end' };
}

export const MAX_LABEL = 48;
export const MAX_ROWS_PER_TABLE = 20000;

/** Whether line i is neither blank nor page furniture. */
export function isContent(ctx: TableContext, i: number): boolean {
  return !(lineClasses(ctx)[i - (ctx.from ?? 0)] & BLANK) && !ctx.furniture.has(i);
}
