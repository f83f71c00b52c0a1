// One analysis of a document: the parsed model, the reconciliation checks, and
// an index of every figure for hovers. Built once per document version.

import { Cell, Figure, FilingModel, Row, Table } from '../model/types';
import { parseFilingSteps, runSteps } from '../parse/document';
import { ALL_CHECKS, Check, CheckOptions, reconcileTable } from './reconcile';
import { acceptedDifferences } from './accept';

export interface PlacedFigure {
  figure: Figure;
  table?: Table;
  row?: Row;
  cell?: Cell;
  column?: number;
}

export interface Analysis {
  model: FilingModel;
  checks: Check[];
  /** Checks whose total is this cell. */
  checkOfCell: Map<Cell, Check>;
  /** Every figure, in tables and prose, sorted by start offset. */
  figures: PlacedFigure[];
  /** Checks the document accepts with a `filing-lens: accept` marker. */
  accepted: Set<Check>;
  outlineOnly: boolean;
}

export interface AnalyzeOptions {
  checks?: CheckOptions;
  outlineOnly?: boolean;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return runSteps(analyzeSteps(text, options));
}

/** analyze, in steps (a chunk of tables, a few tables' checks), for callers that must not block. */
export function* analyzeSteps(text: string, options: AnalyzeOptions = {}): Generator<void, Analysis> {
  const outlineOnly = !!options.outlineOnly;
  const model = yield* parseFilingSteps(text, { outlineOnly });
  const checks: Check[] = [];
  if (!outlineOnly) {
    let n = 0;
    for (const t of model.tables) {
      checks.push(...reconcileTable(t, options.checks ?? ALL_CHECKS));
      if (++n % 32 === 0) yield;
    }
  }
  const checkOfCell = new Map<Cell, Check>();
  for (const c of checks) checkOfCell.set(c.total, c);
  const figures: PlacedFigure[] = [];
  for (const table of model.tables) {
    for (const row of table.rows) {
      if (row.kind === 'header') continue;
      row.cells.forEach((cell, column) => {
        if (cell.figure) figures.push({ figure: cell.figure, table, row, cell, column });
      });
    }
  }
  for (const f of model.proseFigures) figures.push({ figure: f });
  figures.sort((a, b) => a.figure.start - b.figure.start);
  return { model, checks, checkOfCell, figures, accepted: acceptedDifferences(text, checks), outlineOnly };
}

/** The figure at an offset (binary search), or undefined. */
export function figureAt(analysis: Analysis, offset: number): PlacedFigure | undefined {
  const list = analysis.figures;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = list[mid].figure;
    if (offset < f.start) hi = mid - 1;
    else if (offset > f.end) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}
