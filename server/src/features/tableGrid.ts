// A table as a grid for the table view: caption, unit, column titles, and per
// cell the text, the value in 元 and the reconciliation mark (✓ / ✗ / accepted)
// of a checked total. Plain data; the client renders it.

import { lineAt } from '../parse/lines';
import { Analysis } from '../analysis/analyze';
import { RowKind, Table } from '../model/types';
import { normalize, unitOf } from './format';
import { checkNote, checkState, worstCheck } from './checkText';
import { queryOf } from './query';

export interface GridCell {
  text: string;
  /** The value in 元 (or the count's base unit) when the unit scales it. */
  normalized?: string;
  mark?: 'ok' | 'differs' | 'accepted' | 'unconfirmed';
  /** What the mark means: "total reconciles: 25,001 = 3 rows". */
  note?: string;
}

export interface GridRow {
  label: string;
  kind: RowKind;
  /** 0-based line of the row in the document (to reveal it). */
  line: number;
  cells: GridCell[];
}

export interface TableGrid {
  id: number;
  caption: string;
  unit: string;
  unitSource: string;
  layout: string;
  /** 0-based line of the table's first line. */
  line: number;
  columns: string[];
  rows: GridRow[];
  checked: number;
  differ: number;
}

export function tableGrid(analysis: Analysis, table: Table): TableGrid {
  const query = queryOf(analysis);
  const width = Math.max(table.columns.length, ...table.rows.map((r) => r.cells.length));
  let checked = 0;
  let differ = 0;
  const rows: GridRow[] = table.rows.map((row) => ({
    label: row.label,
    kind: row.kind,
    line: row.line,
    cells: Array.from({ length: width }, (_, i): GridCell => {
      const cell = row.cells[i];
      if (!cell) return { text: '' };
      const out: GridCell = { text: cell.text.trim() };
      const f = cell.figure;
      if (f && row.kind !== 'header' && !f.percent) {
        const unit = unitOf(f, table, i, row);
        if (unit.factor !== 1) out.normalized = normalize(f, unit).text;
      }
      const checks = query.checksAt(cell);
      if (checks.length) {
        checked += checks.length;
        const worst = worstCheck(checks);
        const accepted = analysis.accepted.has(worst);
        out.mark = checkState(worst, accepted);
        if (out.mark === 'differs') differ++;
        out.note = out.mark === 'ok' ? checks.map((c) => checkNote(c, false)).join('\n') : checkNote(worst, accepted);
      }
      return out;
    }),
  }));
  const lineOf = (offset: number) => lineAt(analysis.model.lines, offset)?.index ?? 0;
  return {
    id: table.id,
    caption: table.caption.replace(/\s+/g, ' ').trim(),
    unit: table.units.length > 1 ? table.units.map((u) => u.name).join('、') : table.unit.name,
    unitSource: table.unit.source,
    layout: table.layout,
    line: lineOf(Math.min(table.start, table.captionRange?.start ?? table.start)),
    columns: Array.from({ length: width }, (_, i) => table.columns[i]?.title ?? ''),
    rows,
    checked,
    differ,
  };
}

