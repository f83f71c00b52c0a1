// Cross-footing: a last column titled 合计 / 总计 that adds the columns before it; and the column relations
// found from the figures (columnRelations.ts) as checks.

import { Table } from '../../model/types';
import { Check, Component, makeCheck } from '../check';
import { columnRelations } from './columnRelations';
import { RATE_ROW } from './columnTotals';

/** A label that names a percent unit: 成新度（%）. */
const PERCENT_LABEL = /[(（]\s*[%％]\s*[)）]/;

const TOTAL_TITLE = /^(?:合\s*计|总\s*计|小\s*计)$/;
const ANY_TOTAL_WORD = /合计|总计|小计/;

export function crossFootChecks(table: Table): Check[] {
  const out: Check[] = [];
  const cols = table.columns;
  const n = cols.length;
  if (n < 3) return out;
  const last = cols[n - 1];
  if (!TOTAL_TITLE.test(last.title.trim())) return out;
  if (cols.slice(0, -1).some((c) => !c.additive || c.share || ANY_TOTAL_WORD.test(c.title))) return out;
  for (const r of table.rows) {
    // A row of rates or ratios (成新度（%）, 毛利率) does not add across.
    if (r.kind === 'header' || r.uncertain || r.cells.length !== n || RATE_ROW.test(r.label) || PERCENT_LABEL.test(r.label)) continue;
    const total = r.cells[n - 1];
    if (!total.figure || total.figure.percent) continue;
    const comps: Component[] = [];
    for (let c = 0; c < n - 1; c++) {
      const cell = r.cells[c];
      if (cell.figure && !cell.figure.percent) comps.push({ row: r, cell, sign: 1 });
    }
    if (comps.length < 2) continue;
    const c = makeCheck('crossFoot', table, r, n - 1, comps, `${comps.length} columns`);
    if (c) out.push(c);
  }
  return out;
}

/** The column relations of a table (columnRelations.ts) as checks, every figure taken as rounded. */
export function relationChecks(table: Table): Check[] {
  const out: Check[] = [];
  for (const r of columnRelations(table)) {
    const c = makeCheck('crossFoot', table, r.row, r.column, r.parts, r.description, true);
    if (!c) continue;
    c.relation = r.relation;
    c.relationRows = r.holding;
    out.push(c);
  }
  return out;
}
