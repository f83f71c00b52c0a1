// Hover on a figure: the normalized value, the value as written, the unit and
// where it came from, the row and column of a table cell, and for a checked
// total its components and their sum.

import { Analysis, figureAt } from '../analysis/analyze';
import { Range, Row, Table, Unit } from '../model/types';
import { columnCellCounts } from '../parse/cells';
import { asWritten, normalize, SOURCE_TEXT, unitOf } from './format';
import { checkHoverLines } from './checkText';
import { tieHoverLines } from './ties';

export interface HoverResult {
  range: Range;
  markdown: string;
}

/** What a hover says about a figure, before it is put into words (the hover sample test compares these). */
export interface HoverFacts {
  range: Range;
  /** A note reference (七、5, 四(52)) in a 附注 column: no value. */
  noteReference?: string;
  /** The value in 元 (money), in the count's own unit, or the percent. */
  value?: number;
  /** The value as shown: "391,500,000.00 元", "25,001 户", "12.50%". */
  text?: string;
  /** The unit: 万元, 元, 户, % … */
  unit?: string;
  unitKind?: Unit['kind'];
  /** Where the unit came from: on the figure, its column header, the table's unit line, the document, or nowhere. */
  source?: Unit['source'];
  row?: string;
  column?: string;
}

export function hoverFacts(analysis: Analysis, offset: number): HoverFacts | undefined {
  const placed = figureAt(analysis, offset);
  if (!placed) return undefined;
  const { figure, table, row, cell } = placed;
  const range = { start: figure.start, end: figure.end };
  const column = table && row && placed.column !== undefined ? columnOfCell(table, row, placed.column) : placed.column;
  const title = table && column !== undefined ? table.columns[column]?.title : undefined;
  const rowName = table && row ? rowLabel(analysis, row) : undefined;
  // A note reference (七、5, 四(52), (1)) in a 附注 column is not a figure.
  if (table && row && column !== undefined && NOTE_COLUMN.test(title ?? '')) {
    const ref = analysis.model.text.slice(cell?.start ?? figure.start, cell?.end ?? figure.end).trim() || figure.raw;
    return { range, noteReference: ref, row: rowName, column: title };
  }
  const unit = unitOf(figure, table, column, row);
  const n = normalize(figure, unit);
  const percent = unit.kind === 'percent' || figure.percent;
  return {
    range,
    value: n.value,
    text: n.text,
    unit: percent ? '%' : unit.name,
    unitKind: percent ? 'percent' : unit.kind,
    source: figure.percent ? 'cell' : unit.source,
    row: rowName,
    column: title,
  };
}

export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const facts = hoverFacts(analysis, offset);
  if (!facts) return undefined;
  const placed = figureAt(analysis, offset)!;
  const { figure, table, row, cell } = placed;
  if (facts.noteReference !== undefined) {
    return { range: facts.range, markdown: `**${facts.noteReference}** — a note reference (${facts.column}), not a figure\n\n- row: ${facts.row || '(no label)'}` };
  }
  const column = table && row && placed.column !== undefined ? columnOfCell(table, row, placed.column) : placed.column;
  const unit = unitOf(figure, table, column, row);
  const lines: string[] = [];
  lines.push(`**${facts.text}**`);
  lines.push('');
  const from = unit.source === 'table' && unit.range ? `${SOURCE_TEXT.table} (${analysis.model.text.slice(unit.range.start, unit.range.end)})` : SOURCE_TEXT[unit.source];
  lines.push(`- as written: \`${asWritten(figure, unit)}\``);
  lines.push(`- unit: ${facts.unit} — from ${figure.percent ? SOURCE_TEXT.cell : from}`);
  if (table && row) {
    lines.push(`- row: ${facts.row || '(no label)'}`);
    if (facts.column) lines.push(`- column: ${facts.column}`);
    if (row.uncertain) lines.push(`- ⚠ the digits of this row are glued together and can be split in more than one way`);
  }
  const check = cell ? analysis.checkOfCell.get(cell) : undefined;
  if (check) lines.push('', ...checkHoverLines(check, analysis.accepted.has(check)));
  lines.push(...tieHoverLines(analysis, figure));
  return { range: facts.range, markdown: lines.join('\n') };
}


const NOTE_COLUMN = /^(?:.*\/\s*)?(?:附注|注释|注)(?:\s*[(（]?\s*[一二三四五六七八九十]*\s*[)）]?)?\s*$/;
/** A note reference standing where a label should: 四(52), 七、5, (1), 附注五、3, 12. */
const NOTE_REF = /^(?:附注)?\s*(?:[一二三四五六七八九十]{1,3}\s*(?:[(（]\s*\d{1,3}\s*[)）]|[、.．]\s*\d{1,3})(?:\s*[/、,，]\s*\S+)?|[(（]\s*\d{1,3}\s*[)）]|\d{1,2})\s*$/;
const FIGURE_TEXT = /^[\s\d,.()（）%\-—–]*$/;

/**
 * The row's label, never a note reference: where the reader took the note
 * column for the label (one cell per line: 货币资金 / 四(1) / 102,738 …), the
 * text line just before it.
 */
export function rowLabel(analysis: Analysis, row: Row): string {
  if (!NOTE_REF.test(row.label)) return row.label;
  const lines = analysis.model.lines;
  for (let i = row.line - 1, seen = 0; i >= 0 && seen < 3; i--) {
    const t = lines[i]?.text.trim();
    if (!t) continue;
    seen++;
    if (NOTE_REF.test(t) || FIGURE_TEXT.test(t)) continue;
    return t.length > 40 ? t.slice(0, 39) + '…' : t;
  }
  return '';
}

/**
 * The column of a row's cell. A row with fewer cells than the table has columns
 * (a 合计 row without the text cells of 主要覆盖区域) puts its figures in the
 * columns that hold figures in the other rows, in order.
 */
export function columnOfCell(table: Table, row: Row, index: number): number {
  const n = table.columns.length;
  if (row.cells.length >= n || row.kind === 'header' || row.cells.some((c) => !c.figure && !nilText(c.text))) return index;
  const numeric: number[] = [];
  columnCellCounts(table, nilText).forEach((k, c) => k.figures > k.texts && numeric.push(c));
  return numeric.length === row.cells.length ? numeric[index] : index;
}
const NIL = /^(?:[-—–]{1,3}|不适用|\/)$/;
const nilText = (text: string) => !text.trim() || NIL.test(text.trim());
