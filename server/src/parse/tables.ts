// Finding tables in the text, in each layout the filings use:
//  - pipe rows:            合计 | 25,001 | 25,211 |          (merged cells shift columns left)
//  - one cell per line:    label, blank, cell, blank, …      (extra blank lines for empty cells)
//  - aligned columns:      合计      3,550,196.05      7,066,350.78   (pdftotext -layout: read by position)
//  - space-separated rows: 合计 3,550,196.05 7,066,350.78
//  - glued rows:           合计28,770,992.0165,364,545.23    (split on grouping and two decimals)
// Page furniture between rows is skipped, so a table goes on across page breaks.

import { Table, TableLayout } from '../model/types';
import { findAlignedTables } from './tables/alignedColumns';
import { assembleTable } from './tables/assemble';
import { findCellPerLineTables } from './tables/cellPerLine';
import { RawRow, TableContext } from './tables/context';
import { findLineTables } from './tables/lineRows';
import { findPipeTables } from './tables/pipe';

export type { TableContext } from './tables/context';

export function findTables(ctx: TableContext): Table[] {
  const tables: Table[] = [];
  const add = (layout: TableLayout, rows: RawRow[], continued = false) => {
    const t = assembleTable(ctx, layout, rows, tables.length);
    if (t) {
      if (continued) t.continued = true;
      tables.push(t);
      for (const r of rows) for (let i = r.line; i <= r.lastLine; i++) ctx.claimed[i] = 1;
    }
  };
  findPipeTables(ctx, add);
  findCellPerLineTables(ctx, add);
  findAlignedTables(ctx, add);
  findLineTables(ctx, add);
  tables.sort((a, b) => a.start - b.start);
  tables.forEach((t, i) => (t.id = i));
  return tables;
}
