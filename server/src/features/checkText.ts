// One way to put a check into words, for the diagnostics, the hover, the inlay hints and the table grid.

import { isReported } from '../analysis/confidence';
import { Check } from '../analysis/reconcile';
import { fmt } from './format';

/** What a check amounts to for the reader: reconciles, differs (a warning), accepted, or not confirmed. */
export type CheckState = 'ok' | 'differs' | 'accepted' | 'unconfirmed';

export function checkState(c: Check, accepted: boolean): CheckState {
  if (c.ok) return 'ok';
  if (!isReported(c)) return 'unconfirmed';
  return accepted ? 'accepted' : 'differs';
}

/** The check that speaks for a cell: a reported difference first, then an unconfirmed one, else the first. */
export function worstCheck(checks: Check[]): Check {
  return checks.find((c) => isReported(c)) ?? checks.find((c) => !c.ok) ?? checks[0];
}

/** One line: "total reconciles: 25,001 = 3 rows", "total does not reconcile: 3 rows = 25,212, difference 1 个". */
export function checkNote(c: Check, accepted: boolean): string {
  const d = c.decimals;
  switch (checkState(c, accepted)) {
    case 'ok':
      return `${kindName(c)} reconciles: ${fmt(c.sum, d)} = ${c.description}`;
    case 'unconfirmed':
      return `${kindName(c)} could not be checked with confidence: as read, ${c.description} = ${fmt(c.sum, d)}; ${c.doubt ?? ''}`;
    default:
      return `${kindName(c)} does not reconcile: ${c.description} = ${fmt(c.sum, d)}, difference ${fmt(Math.abs(c.difference), d)}${unitSuffix(c)}${c.relation ? `; ${c.relation}` : ''}${accepted ? ' (accepted)' : ''}`;
  }
}

export function kindName(c: Check): string {
  switch (c.kind) {
    case 'formula':
      return 'formula';
    case 'identity':
      return 'identity';
    case 'share':
      return 'share total';
    case 'crossFoot':
      return c.relation ? 'column relation' : 'row total';
    default:
      return 'total';
  }
}

/**
 * The unit a check's figures are in, as the table states it — "万元", "元", "%" — or "元 (no unit stated)"
 * where neither the figure, its column, its table nor the document says.
 */

/** "合计 25,211 ≠ sum of 3 rows 25,212 (difference 1 户)" */
export function checkMessage(c: Check): string {
  const d = c.decimals;
  const label = c.row.label.replace(/\s+/g, '') || 'total';
  const what =
    c.kind === 'formula' ? `${c.description.replace(/\s+/g, ' ').trim()} =` : c.kind === 'identity' || c.relation ? `${c.description} =` : `sum of ${c.description}`;
  const col = c.table.columns[c.column]?.title;
  const where = col ? ` [${col}]` : '';
  const basis = c.relation ? ` as in ${c.relationRows} other rows of the table` : '';
  return `${label}${where} ${fmt(c.total.figure!.value, d)} ≠ ${what} ${fmt(c.sum, d)}${basis} (difference ${fmt(Math.abs(c.difference), d)}${unitSuffix(c)})`;
}

/** " 万元" after a difference, or ", no unit stated" where the text states none. */
export function unitSuffix(c: Check): string {
  return c.unitName ? ` ${c.unitName}` : ', no unit stated';
}

/** The hover's lines on a checked total: the verdict in bold, what establishes a relation, and the components. */
export function checkHoverLines(c: Check, accepted: boolean): string[] {
  const d = c.decimals;
  const state = checkState(c, accepted);
  const head = state === 'ok'
    ? `✓ **${kindName(c)} reconciles**: ${fmt(c.sum, d)} = ${c.description}${c.difference !== 0 ? ` (difference ${fmt(Math.abs(c.difference), d)} within rounding ±${fmt(c.tolerance, d)})` : ''}`
    : state === 'unconfirmed'
    ? `? **${kindName(c)} could not be checked with confidence**: as read, ${fmt(c.total.figure!.value, d)} ≠ ${fmt(c.sum, d)} (${c.description}); ${c.doubt ?? ''}`
    : `✗ **${kindName(c)} does not reconcile**: ${fmt(c.total.figure!.value, d)} ≠ ${fmt(c.sum, d)} (${c.description}), difference ${fmt(Math.abs(c.difference), d)}${unitSuffix(c)}${accepted ? ' — accepted in this document' : ''}`;
  // A relation across a row names its columns; a total down a column, its rows.
  const partName = (p: Check['components'][number]) => {
    if (!c.relation) return p.row.label || '(no label)';
    const i = p.row.cells.indexOf(p.cell);
    return c.table.columns[i]?.title.trim() || `column ${i + 1}`;
  };
  const parts = c.components.slice(0, 30).map((p) => `  - ${p.sign < 0 ? '− ' : ''}${partName(p)}: ${p.cell.figure!.raw}`);
  if (c.components.length > 30) parts.push(`  - … ${c.components.length - 30} more`);
  return [head, ...(c.relation ? ['', `${c.relation}.`] : []), '', ...parts];
}
