// A table as text for spreadsheets: CSV (RFC 4180) or TSV, with each amount
// column followed by its value normalized to 元 (or the count's base unit), as a
// plain number a spreadsheet reads without help.

import { Analysis } from '../analysis/analyze';
import { Table, Unit } from '../model/types';
import { decimalsAfterScaling } from '../parse/units';
import { unitOf } from './format';

/** The rows of the export, first row the column titles. */
export function tableMatrix(_analysis: Analysis, table: Table): string[][] {
  const width = Math.max(table.columns.length, ...table.rows.map((r) => r.cells.length));
  const data = table.rows.filter((r) => r.kind !== 'header');
  // Which columns get a normalized companion, and in which base unit.
  const base: (string | undefined)[] = [];
  for (let i = 0; i < width; i++) {
    for (const r of data) {
      const f = r.cells[i]?.figure;
      if (!f || f.percent) continue;
      const u = unitOf(f, table, i);
      if (u.kind === 'percent') continue;
      base[i] = baseUnit(u);
      break;
    }
  }
  const header = table.rows.find((r) => r.kind === 'header');
  const titles = [header?.label.trim() || '项目'];
  for (let i = 0; i < width; i++) {
    const t = table.columns[i]?.title ?? '';
    titles.push(t);
    if (base[i]) titles.push(`${t}${t ? ' ' : ''}(${base[i]})`);
  }
  const out = [titles];
  for (const r of data) {
    const row = [r.label.replace(/\s+/g, ' ').trim()];
    for (let i = 0; i < width; i++) {
      const cell = r.cells[i];
      row.push(cell ? cell.text.replace(/\s+/g, ' ').trim() : '');
      if (!base[i]) continue;
      const f = cell?.figure;
      if (!f || f.percent) {
        row.push('');
        continue;
      }
      const u = unitOf(f, table, i);
      const d = u.kind === 'money' ? decimalsAfterScaling(f.decimals, u.factor) : Math.max(0, f.decimals - Math.round(Math.log10(u.factor)));
      row.push((f.value * u.factor).toFixed(Math.max(0, Math.min(d, 20))));
    }
    out.push(row);
  }
  return out;
}

function baseUnit(u: Unit): string {
  if (u.kind === 'money') return u.currency && u.currency !== '人民币' ? `${u.currency.replace(/元$/, '')}元` : '元';
  return u.name.replace(/^(十万|百万|千万|千|万|亿)/, '') || u.name;
}

export function tableCsv(analysis: Analysis, table: Table): string {
  const quote = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return tableMatrix(analysis, table).map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function tableTsv(analysis: Analysis, table: Table): string {
  return tableMatrix(analysis, table).map((r) => r.map((s) => s.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n') + '\n';
}

/** A file name for the export: the caption, without characters file systems refuse. */
export function exportName(table: Table): string {
  const name = table.caption.replace(/[\\/:*?"<>|\s]+/g, ' ').trim().slice(0, 60);
  return name || `table-${table.id + 1}`;
}
