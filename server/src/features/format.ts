// Formatting figures for people: 391,500,000.00 元, 25,001 户, 12.50%.

import { Figure, Row, Table, Unit } from '../model/types';
import { DEFAULT_UNIT, decimalsAfterScaling, formatAmount, rowUnitIn } from '../parse/units';

export const SOURCE_TEXT: Record<Unit['source'], string> = {
  cell: 'written on the figure',
  column: 'the column header',
  row: 'the row label',
  table: "the table's unit line",
  document: "the document's unit statement",
  default: 'no unit stated (元 assumed)',
};

/**
 * The unit that applies to a figure: on the figure, its column, its row's label (总资产（亿元）, 速动比率（倍）,
 * 占比%), its table, the document.
 */
export function unitOf(figure: Figure, table?: Table, column?: number, row?: Row): Unit {
  if (figure.unit) return figure.unit;
  if (table) {
    const c = column !== undefined ? table.columns[column] : undefined;
    if (c?.unit) return c.unit;
    const r = row && row.kind !== 'header' ? rowUnitIn(row.label) : undefined;
    if (r) return r;
    return table.unit;
  }
  return DEFAULT_UNIT;
}

export interface Normalized {
  /** Value in 元 (money) or in the count's own unit; percent stays percent. */
  value: number;
  text: string;
  unit: Unit;
}

export function normalize(figure: Figure, unit: Unit): Normalized {
  if (figure.percent || unit.kind === 'percent') {
    return { value: figure.value, text: `${formatAmount(figure.value, figure.decimals)}%`, unit };
  }
  const value = figure.value * unit.factor;
  if (unit.kind === 'money') {
    const d = decimalsAfterScaling(figure.decimals, unit.factor);
    const currency = unit.currency && unit.currency !== '人民币' ? unit.currency.replace(/元$/, '') : '';
    return { value, text: `${formatAmount(value, d)} ${currency}元`, unit };
  }
  const base = unit.name.replace(/^(十万|百万|千万|千|万|亿)/, '');
  return { value, text: `${formatAmount(value, Math.max(0, figure.decimals - Math.round(Math.log10(unit.factor))))} ${base}`, unit };
}

/** A figure as written, with its unit: "39,150.00 万元". */
export function asWritten(figure: Figure, unit: Unit): string {
  if (figure.unit || figure.percent) return figure.raw;
  return `${figure.raw} ${unit.name}`;
}

export function fmt(value: number, decimals: number): string {
  return formatAmount(value, decimals);
}
