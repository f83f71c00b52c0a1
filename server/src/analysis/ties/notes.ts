// Statement ↔ note: a note table's 合计 equals the statement line of the item the note is about,
// in the same period, consolidated notes against consolidated statements and parent notes against
// parent statements. Made only where the caption names exactly a statement line and the column
// names its period on its own (期末余额, 本期发生额, or a date the statement heads a column with).
// The opening column (期初余额) against the statement's opening balance is the periods family.

import type { Line, Row, Table } from '../../model/types';
import { columnPeriod, endAt, itemOf, Period } from './identity';
import { noteScope, PERIOD_NAME, SCOPE_NAME, statementEnd, TieContext } from './context';
import { makeTie, Tie } from './types';
import { tableMemo } from './perTable';

/** What a caption adds to the item's name: "(1)应付账款列示" → 应付账款. */
const CAPTION_SUFFIX = /(?:分类列示|按性质列示|按类别列示|按项目列示|分类披露|分类情况|明细情况|列示|情况|分类|明细|披露|表)$/;

/** A caption that is not a name: a check box line (□ 是 √ 否, √适用 □不适用) or nothing. */
const NOT_A_NAME = /^\s*$|[□√☑■]/;
/** Lines allowed between a numbered heading and its table. */
const BETWEEN = /^\s*$|[□√☑■]|^\s*单位\s*[:：]|^\s*是否已执行/;
const NUMBERED_HEADING = /^\s*\d{1,2}\s*[、.．]\s*([^\s\d,，。；;:：]{2,20})\s*$/;

/** The item a note table is about: its caption, or where the caption is a check box, the numbered heading just above. */
export function noteItem(table: Table, lines?: readonly Line[]): string | undefined {
  if (NOT_A_NAME.test(table.caption)) return lines ? headingAbove(table, lines) : undefined;
  const c = itemOf(table.caption);
  if (!c) return undefined;
  return c.replace(CAPTION_SUFFIX, '') || undefined;
}

function headingAbove(table: Table, lines: readonly Line[]): string | undefined {
  const first = table.rows[0]?.line;
  if (first === undefined) return undefined;
  for (let i = first - 1, seen = 0; i >= 0 && seen < 6; i--) {
    const text = lines[i].text;
    if (!text.trim()) continue;
    seen++;
    const m = NUMBERED_HEADING.exec(text);
    if (m) return m[1];
    if (!BETWEEN.test(text)) return undefined;
  }
  return undefined;
}

/** The one row labelled 合计 / 总计 of a note table. */
export function totalRow(table: Table): Row | undefined {
  return totalRows(table, readTotalRow);
}

function readTotalRow(table: Table): Row | undefined {
  const rows = table.rows.filter((r) => r.kind === 'total' && /^(?:合计|总计)$/.test(itemOf(r.label)));
  return rows.length === 1 ? rows[0] : undefined;
}

/** (Per table object: perTable.ts.) */
const totalRows = tableMemo<Row | undefined>((r, m) => r && m.row(r));

export interface NoteTotal {
  table: Table;
  row: Row;
  column: number;
  period: Period;
  item: string;
  scope: 'consolidated' | 'parent';
}

/** The 合计 cells of note tables whose item, period and scope are certain. */
export function noteTotals(ctx: TieContext): NoteTotal[] {
  return (ctx.noteTotals ??= findNoteTotals(ctx)) as NoteTotal[];
}

function findNoteTotals(ctx: TieContext): NoteTotal[] {
  const out: NoteTotal[] = [];
  for (const table of ctx.model.tables) {
    if (ctx.statements.some((s) => s.table === table)) continue;
    const scope = noteScope(ctx, table);
    if (!scope || scope === 'single') continue;
    const item = noteItem(table, ctx.model.lines);
    if (!item || !ctx.lines.has(`${scope}|${item}`)) continue;
    const line = ctx.lines.get(`${scope}|${item}`)!;
    const row = totalRow(table);
    if (!row) {
      out.push(...netValueTotals(table, item, scope));
      continue;
    }
    const seen = new Set<Period>();
    const cols: [number, Period][] = [];
    table.columns.forEach((c, column) => {
      const p = columnPeriod(c.title);
      if (!p || (p.measure && p.measure !== '账面价值')) return;
      const period: Period | undefined = p.key.includes(':') ? line.statement.dated.get(p.key) : (p.key as Period);
      if (!period) return;
      if (seen.has(period)) return void cols.splice(cols.findIndex((x) => x[1] === period), 1);
      seen.add(period);
      cols.push([column, period]);
    });
    for (const [column, period] of cols) out.push({ table, row, column, period, item, scope });
  }
  return out;
}

/**
 * Assets whose statement line is the net value of one roll-forward table (固定资产 and 在建工程 are not:
 * their lines add 固定资产清理 / 工程物资).
 */
const ONE_TABLE_ASSETS = new Set(['无形资产', '使用权资产', '投资性房地产']);

/** A roll-forward's 期末 / 期初账面价值 in its 合计 column, every row holding a cell for every column. */
function netValueTotals(table: Table, item: string, scope: 'consolidated' | 'parent'): NoteTotal[] {
  if (!ONE_TABLE_ASSETS.has(item)) return [];
  const last = table.columns.length - 1;
  if (last < 1 || !/^(?:合计|总计)$/.test(table.columns[last].title.replace(/\s+/g, ''))) return [];
  const out: NoteTotal[] = [];
  for (const [re, period] of [[/^期末账面价值?$/, 'end'], [/^期初账面价值?$/, 'begin']] as const) {
    const rows = table.rows.filter((r) => re.test(itemOf(r.label)));
    if (rows.length !== 1 || rows[0].cells.length !== table.columns.length) continue;
    out.push({ table, row: rows[0], column: last, period, item, scope });
  }
  return out;
}

export function noteTies(ctx: TieContext, periods: Period[]): Tie[] {
  const out: Tie[] = [];
  // Two note totals of one item, scope and period in different tables (本集团 and 本行 under one heading):
  // which one the statement line ties to is not certain, so neither is tied.
  const seen = new Map<string, Table>();
  const ambiguous = new Set<string>();
  for (const n of noteTotals(ctx)) {
    const key = `${n.scope}|${n.item}|${n.period}`;
    const t = seen.get(key);
    if (t && t !== n.table) ambiguous.add(key);
    else seen.set(key, n.table);
  }
  for (const n of noteTotals(ctx)) {
    if (!periods.includes(n.period)) continue;
    if (ambiguous.has(`${n.scope}|${n.item}|${n.period}`)) continue;
    const line = ctx.lines.get(`${n.scope}|${n.item}`)!;
    const target = statementEnd(line, n.period);
    const what = n.row.kind === 'total' ? '合计' : `${itemOf(n.row.label)} 合计`;
    const note = endAt(n.table, n.row, n.column, `${SCOPE_NAME[n.scope]}附注 ${n.item} ${what} [${PERIOD_NAME[n.period]}]`);
    if (!target || !note || target.cell.figure === undefined || note.cell.figure === undefined) continue;
    // A statement that prints expenses in brackets (bank formats: 业务及管理费 (40,582)) against a note that
    // prints them plain: the same amount written with the other sign.
    const sign = target.value * note.value < 0 ? -1 : 1;
    out.push(makeTie(periods.includes('begin') ? 'periods' : 'notes', target, [{ end: note, sign }], `${n.item}: statement line = ${sign < 0 ? '− ' : ''}note 合计`));
  }
  return out;
}
