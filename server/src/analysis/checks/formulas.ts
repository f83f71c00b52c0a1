// Formula rows: ii=1+2, 2=a+b+c, i+ii, ③=②-① — each side of the formula against the rows its tags name.

import { Row, Table } from '../../model/types';
import { Check, Component, makeCheck } from '../check';

const NOT_A_SUM = /[÷\/×*]/;
const FORMULA_TERM = /[+\-]?[^+\-]+/g;
const LEADING_SIGN = /^[+\-]/;
const SIGN = /([+\-])/g;

/** The row a formula's tag names: the nearest one above in the same block, else the nearest below. */
function rowOfTag(table: Table, from: number, tag: string): Row | undefined {
  const rows = table.rows;
  const blockEnd = (r: Row) => r.kind === 'header' && !r.repeatedHeader;
  for (let i = from - 1; i >= 0 && !blockEnd(rows[i]); i--) if (rows[i].tag === tag) return rows[i];
  for (let i = from + 1; i < rows.length && !blockEnd(rows[i]); i++) if (rows[i].tag === tag) return rows[i];
  return undefined;
}

export function formulaChecks(table: Table): Check[] {
  const out: Check[] = [];
  table.rows.forEach((r, index) => {
    for (const c of formulaChecksOf(table, r, index)) out.push(c);
  });
  return out;
}

function formulaChecksOf(table: Table, r: Row, index: number): Check[] {
  if (!r.formula || r.uncertain) return [];
  // A chained formula (⑥=②-④=③-⑤) states each of its sides: each is checked.
  const out: Check[] = [];
  for (const side of r.formula.split('=')) out.push(...sideChecks(table, r, index, side));
  return out;
}

function sideChecks(table: Table, r: Row, index: number, formula: string): Check[] {
  const out: Check[] = [];
  {
    // Ratios (②÷①, C=B/A) and products are not sums: not checked here.
    if (NOT_A_SUM.test(formula)) return out;
    const terms = formula.match(FORMULA_TERM);
    if (!terms || terms.length < 2) return out;
    const parts: { row: Row; sign: 1 | -1 }[] = [];
    let ok = true;
    for (const term of terms) {
      const sign = term.startsWith('-') ? -1 : 1;
      const tag = term.replace(LEADING_SIGN, '').trim().toLowerCase();
      const row = rowOfTag(table, index, tag);
      if (!row || row === r || row.uncertain) {
        ok = false;
        break;
      }
      parts.push({ row, sign });
    }
    if (!ok) return out;
    for (let col = 0; col < r.cells.length; col++) {
      const total = r.cells[col];
      if (!total.figure) continue;
      if (parts.some((p) => p.row.cells.length !== r.cells.length)) break;
      const comps: Component[] = [];
      for (const p of parts) {
        const cell = p.row.cells[col];
        if (cell?.figure) comps.push({ row: p.row, cell, sign: p.sign });
      }
      const c = makeCheck('formula', table, r, col, comps, formula.replace(SIGN, ' $1 '));
      if (c) out.push(c);
    }
  }
  return out;
}
