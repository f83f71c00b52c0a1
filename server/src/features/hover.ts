// Hover on a figure: the normalized value, the value as written, the unit and
// where it came from, the row and column of a table cell, and for a checked
// total its components and their sum.

import { Analysis, figureAt } from '../analysis/analyze';
import { Range } from '../model/types';
import { Check } from '../analysis/reconcile';
import { asWritten, fmt, normalize, SOURCE_TEXT, unitOf } from './format';
import { checkState, kindName } from './checkText';
import { tieHoverLines } from './ties';

export interface HoverResult {
  range: Range;
  markdown: string;
}

export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const placed = figureAt(analysis, offset);
  if (!placed) return undefined;
  const { figure, table, row, column, cell } = placed;
  const unit = unitOf(figure, table, column);
  const n = normalize(figure, unit);
  const lines: string[] = [];
  lines.push(`**${n.text}**`);
  lines.push('');
  const from = unit.source === 'table' && unit.range ? `${SOURCE_TEXT.table} (${analysis.model.text.slice(unit.range.start, unit.range.end)})` : SOURCE_TEXT[unit.source];
  lines.push(`- as written: \`${asWritten(figure, unit)}\``);
  lines.push(`- unit: ${unit.kind === 'percent' || figure.percent ? '%' : unit.name} — from ${figure.percent ? SOURCE_TEXT.cell : from}`);
  if (table && row) {
    lines.push(`- row: ${row.label || '(no label)'}`);
    const title = column !== undefined ? table.columns[column]?.title : undefined;
    if (title) lines.push(`- column: ${title}`);
    if (row.uncertain) lines.push(`- ⚠ the digits of this row are glued together and can be split in more than one way`);
  }
  const check = cell ? analysis.checkOfCell.get(cell) : undefined;
  if (check) lines.push('', ...checkLines(check, analysis.accepted.has(check)));
  lines.push(...tieHoverLines(analysis, cell));
  return { range: { start: figure.start, end: figure.end }, markdown: lines.join('\n') };
}

function checkLines(c: Check, accepted: boolean): string[] {
  const d = c.decimals;
  const state = checkState(c, accepted);
  const head = state === 'ok'
    ? `✓ **${kindName(c)} reconciles**: ${fmt(c.sum, d)} = ${c.description}${c.difference !== 0 ? ` (difference ${fmt(Math.abs(c.difference), d)} within rounding ±${fmt(c.tolerance, d)})` : ''}`
    : state === 'unconfirmed'
    ? `? **${kindName(c)} could not be checked with confidence**: as read, ${fmt(c.total.figure!.value, d)} ≠ ${fmt(c.sum, d)} (${c.description}); ${c.doubt ?? ''}`
    : `✗ **${kindName(c)} does not reconcile**: ${fmt(c.total.figure!.value, d)} ≠ ${fmt(c.sum, d)} (${c.description}), difference ${fmt(Math.abs(c.difference), d)} ${c.unitName}${accepted ? ' — accepted in this document' : ''}`;
  const parts = c.components.slice(0, 30).map((p) => `  - ${p.sign < 0 ? '− ' : ''}${p.row.label || '(no label)'}: ${p.cell.figure!.raw}`);
  if (c.components.length > 30) parts.push(`  - … ${c.components.length - 30} more`);
  return [head, '', ...parts];
}
