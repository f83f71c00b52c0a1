// Per-table summaries of the ties, kept from one analysis to the next. A table is never changed once made
// (parse/reuse.ts: an edit shares the tables it left alone with the previous analysis, and copies the ones it
// moved), so what depends on a table alone is worked out once per table object: an analysis after an edit
// finds it again for every table the edit left alone, translates it for a copy (the same rows and cells,
// moved: `withCopies`), and works it out for the tables read again.

import type { Cell, Row, Table } from '../../model/types';

/** While the ties of an analysis made after an edit are found: each table it copied, to its source. */
let sources: ReadonlyMap<Table, Table> | undefined;

/**
 * Runs `find` with the copies an edit made (analyze's `copies`: copy → source), for the memos to translate the
 * source's summaries. Only for that while: a copy never keeps its source alive (nor a chain of them).
 */
export function withCopies<T>(copies: ReadonlyMap<Table, Table> | undefined, find: () => T): T {
  sources = copies;
  try {
    return find();
  } finally {
    sources = undefined;
  }
}

/** How the summaries were had since the process started (tests read it: a memo that never hits is no memo). */
export const memoCounts = { made: 0, kept: 0, translated: 0 };

/** Things of a table (its rows and cells) in a copy of it: the same place in the copy. */
export interface TableMap {
  table: Table;
  row(r: Row): Row;
  cell(c: Cell, r: Row): Cell;
}

/**
 * A memo of one thing per table object. `key` says what else the thing depends on (the text of the lines
 * above the table, say): a summary made under another key is made again. `translate` turns a source's
 * summary into its copy's; without it, a copy's summary is the source's (a summary that holds no row or cell).
 */
export function tableMemo<T>(translate?: (value: T, map: TableMap) => T): (table: Table, make: (table: Table) => T, key?: string) => T {
  const memo = new WeakMap<Table, { key: string; value: T }>();
  const fromSource = (table: Table, key: string): { value: T } | undefined => {
    const source = sources?.get(table);
    const hit = source && memo.get(source);
    if (!source || !hit || hit.key !== key) return undefined;
    memoCounts.translated++;
    if (!translate) return { value: hit.value };
    try {
      return { value: translate(hit.value, tableMap(source, table)) };
    } catch {
      // (A row or cell not found in the copy: never seen, and then the summary is simply made.)
      memoCounts.translated--;
      return undefined;
    }
  };
  return (table, make, key = '') => {
    const hit = memo.get(table);
    if (hit && hit.key === key) return memoCounts.kept++, hit.value;
    const value = (fromSource(table, key) ?? { value: (memoCounts.made++, make(table)) }).value;
    memo.set(table, { key, value });
    return value;
  };
}

function tableMap(from: Table, to: Table): TableMap {
  let rows: Map<Row, number> | undefined;
  const row = (r: Row): Row => {
    rows ??= new Map(from.rows.map((x, i) => [x, i]));
    const i = rows.get(r);
    if (i === undefined) throw new Error('a row of another table');
    return to.rows[i];
  };
  return {
    table: to,
    row,
    cell(c, r) {
      const k = r.cells.indexOf(c);
      const moved = row(r);
      if (k >= 0) return moved.cells[k];
      // A cell made for an empty place (ties/identity.ts endAt): at the end of the label, without text.
      if (c.text === '' && !c.figure && c.start === r.labelRange.end && c.end === c.start && Object.keys(c).length === 3) return { start: moved.labelRange.end, end: moved.labelRange.end, text: '' };
      throw new Error('a cell of another row');
    },
  };
}
