// Per-table summaries of the ties, kept from one analysis to the next. A table is never changed once made
// (parse/reuse.ts: an edit shares the tables it left alone with the previous analysis, and copies the others),
// so what depends on a table alone is worked out once per table object: an analysis after an edit finds it
// again for every table the edit left alone, and works it out for the tables read again or copied.

import type { Table } from '../../model/types';

/**
 * A memo of one thing per table object. `key` says what else the thing depends on (the text of the lines
 * above the table, say): a summary made under another key is made again.
 */
export function tableMemo<T>(): (table: Table, make: (table: Table) => T, key?: string) => T {
  const memo = new WeakMap<Table, { key: string; value: T }>();
  return (table, make, key = '') => {
    const hit = memo.get(table);
    if (hit && hit.key === key) return hit.value;
    const value = make(table);
    memo.set(table, { key, value });
    return value;
  };
}
