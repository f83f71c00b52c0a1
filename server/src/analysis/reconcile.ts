// Reconciliation: totals, formula rows, statement identities, shares and
// cross-footing, each checked with a rounding tolerance in the spirit of XBRL
// Calculations 1.1 (a figure shown to d decimals stands for ± half a unit of its
// last digit; a total is consistent when its interval meets the interval of the
// sum). Precision comes first: where the components cannot be determined with
// confidence, nothing is said. Where several readings of a table's structure are
// plausible (how far a 其中 breakdown reaches), a total is flagged only when no
// reading adds up.
//
// The families are in checks/ — columnTotals (and shares), formulas, identities, crossFooting (with the
// column relations found from the figures) — over one tolerance, check.ts; confidence.ts decides which
// failing checks are reported.

import { Cell, FilingModel, Table } from '../model/types';
import { ALL_CHECKS, Check, CheckOptions } from './check';
import { judgeConfidence } from './confidence';
import { columnTotalChecks } from './checks/columnTotals';
import { crossFootChecks, relationChecks } from './checks/crossFooting';
import { formulaChecks } from './checks/formulas';
import { identityChecks, statementStepChecks } from './checks/identities';

export * from './check';

export function reconcile(model: FilingModel, options: CheckOptions = ALL_CHECKS): Check[] {
  const checks: Check[] = [];
  for (const table of model.tables) checks.push(...reconcileTable(table, options));
  return checks;
}

/** The checks of one table. */
export function reconcileTable(table: Table, options: CheckOptions = ALL_CHECKS): Check[] {
  const checks: Check[] = [];
  {
    // One check of each kind per total cell: an identity may add to a column total on the same cell.
    const checked = new Set<string>();
    const ids = new Map<Cell, number>();
    const push = (c: Check | undefined) => {
      if (!c) return;
      if (!ids.has(c.total)) ids.set(c.total, ids.size);
      const key = `${ids.get(c.total)}|${c.kind === 'identity' || c.kind === 'formula' ? c.description : 'sum'}`;
      if (checked.has(key)) return;
      checked.add(key);
      checks.push(c);
    };
    if (options.formulas) for (const c of formulaChecks(table)) push(c);
    if (options.columnTotals || options.shares) for (const c of columnTotalChecks(table, options)) push(c);
    if (options.statementIdentities) {
      for (const c of identityChecks(table)) push(c);
      for (const c of statementStepChecks(table)) push(c);
    }
    if (options.crossFooting) {
      for (const c of crossFootChecks(table)) push(c);
      for (const c of relationChecks(table)) push(c);
    }
  }
  judgeConfidence(checks);
  return checks;
}
