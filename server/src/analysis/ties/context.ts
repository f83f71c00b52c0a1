// What every family of ties needs, worked out once per analysis: the statements, the regions of
// the notes and their scope, and an index of statement lines by (scope, item, period).

import type { FilingModel, Row, Table } from '../../model/types';
import { endAt, findStatements, itemOf, lineInTables, noteRegions, Period, Region, regionOf, Scope, Statement, StatementKind } from './identity';
import type { TieEnd } from './types';

export interface StatementLine {
  statement: Statement;
  row: Row;
  item: string;
}

export interface TieContext {
  model: FilingModel;
  statements: Statement[];
  regions: Region[];
  /** `${scope}|${item}` → the statement line, when the item names exactly one line of one statement of that scope. */
  lines: Map<string, StatementLine>;
  /** A byte per line: whether it belongs to a table (identity.ts lineInTables). */
  inTable: Uint8Array;
  /** Worked out once for the notes and the periods families (notes.ts). */
  noteTotals?: unknown[];
}

export const STATEMENT_NAME: Record<StatementKind, string> = { balance: '资产负债表', income: '利润表', cashFlow: '现金流量表' };
export const SCOPE_NAME: Record<Scope, string> = { consolidated: '合并', parent: '母公司', single: '' };
export const PERIOD_NAME: Record<Period, string> = { end: '期末', begin: '期初', cur: '本期', prev: '上期' };

export function tieContext(model: FilingModel): TieContext {
  const inTable = lineInTables(model);
  const regions = noteRegions(model, inTable);
  const statements = findStatements(model, regions, inTable);
  const lines = new Map<string, StatementLine>();
  const ambiguous = new Set<string>();
  for (const s of statements) {
    for (const row of s.table.rows) {
      if (row.kind === 'header' || !row.cells.some((c) => c.figure)) continue;
      const item = itemOf(row.label);
      if (!item) continue;
      const key = `${s.scope}|${item}`;
      const had = lines.get(key);
      // The same item twice (in two statements, or twice in one): not certain which is meant.
      if (had && had.row !== row) ambiguous.add(key);
      else lines.set(key, { statement: s, row, item });
    }
  }
  for (const k of ambiguous) lines.delete(k);
  return { model, statements, regions, lines, inTable };
}

/** The figure of a statement line in a period. */
export function statementEnd(line: StatementLine, period: Period): TieEnd | undefined {
  const s = line.statement;
  const col = s.periods.indexOf(period);
  if (col < 0) return undefined;
  return endAt(s.table, line.row, col, `${SCOPE_NAME[s.scope]}${STATEMENT_NAME[s.kind]} ${line.item} [${PERIOD_NAME[period]}]`);
}

export function noteScope(ctx: TieContext, table: Table): Scope | undefined {
  const r = regionOf(ctx.regions, table);
  if (!r) return undefined;
  if (r.scope !== 'single') return r.scope;
  return ctx.statements.some((s) => s.scope === 'parent') ? undefined : 'consolidated';
}
