// The language service: every feature of filing-lens behind one object, in the manner of
// vscode-markdown-languageservice. Its hosts — the language server (lsp/server.ts) and the command line
// (cli.ts) — turn its answers (offsets into the text, plain data) into their own terms (LSP positions,
// lines of output); the service never sees either. What is asked of the host it is given at creation:
// the presentation settings that change no analysis (inlay hints).
//
// Each method takes an Analysis (analysis/analyze.ts, made by `analyze` below or by the host's cache, in
// slices) and answers from it alone; none throws on a well-formed analysis, and none keeps state between
// calls beyond the analysis's own memo (features/memo.ts).

import { analyze, Analysis, AnalyzeOptions } from '../analysis/analyze';
import { Range, Table } from '../model/types';
import { tableLenses, TableLens } from './codeLens';
import { componentsAt, Components } from './components';
import { crossReferenceAt } from './crossReference';
import { termHover } from './definedTerms';
import { diagnostics, Problem } from './diagnostics';
import { Fold, foldingRanges } from './folding';
import { hoverAt } from './hover';
import { DEFAULT_INLAY_OPTIONS, Hint, inlayHints, InlayOptions } from './inlayHints';
import { outline, OutlineItem } from './outline';
import { selectionRangesAt } from './selection';
import { semanticTokens, Token } from './semanticTokens';
import { exportName, tableCsv, tableTsv } from './tableExport';
import { tableGrid, TableGrid } from './tableGrid';
import { queryOf } from './query';
import { tiedFiguresAt, tieReferencesAt } from './ties';
import { workspaceSymbols, WorkspaceSymbolItem } from './workspaceSymbols';

/** What the service asks of its host. */
export interface FilingServiceHost {
  /** Presentation settings of inlay hints (read on every request; default: DEFAULT_INLAY_OPTIONS). */
  inlayOptions?: () => InlayOptions;
}

/** A place to go to from `origin`: the target's whole range and the part to select. */
export interface DefinitionLink {
  origin: Range;
  target: Range;
  selection: Range;
}

export interface FilingService {
  /** A whole analysis of a text (the CLI's; the server analyses in slices through its cache). */
  analyze(text: string, options?: AnalyzeOptions): Analysis;
  /** Sections and tables, nested. */
  outline(a: Analysis): OutlineItem[];
  /** Warnings, information and errors, each with its range and related ranges. */
  diagnostics(a: Analysis, options?: Parameters<typeof diagnostics>[1]): Problem[];
  /** The hover at an offset: a figure's value, unit, row, column, its check and ties; else a defined term. */
  hover(a: Analysis, offset: number): { range: Range; markdown: string } | undefined;
  /** Go to Definition: a cross-reference (详见附注七、1) → its section; a defined term → its 释义 entry; a tied figure → the figures it is tied to. */
  definition(a: Analysis, offset: number): DefinitionLink[];
  /** Find All References on a tied figure: every figure of its ties. */
  references(a: Analysis, offset: number): Range[];
  /** The components of the check on the total at an offset (the code action "Show the components"). */
  components(a: Analysis, offset: number): Components | undefined;
  folding(a: Analysis): Fold[];
  /** Nested ranges around an offset, innermost first. */
  selectionRanges(a: Analysis, offset: number): Range[];
  semanticTokens(a: Analysis, within?: Range): Token[];
  inlayHints(a: Analysis, within: Range): Hint[];
  codeLenses(a: Analysis): TableLens[];
  workspaceSymbols(docs: { uri: string; analysis: Analysis }[], query: string): WorkspaceSymbolItem[];
  /** The table a command names: by its index, or by an offset inside it. */
  tableOf(a: Analysis, where: number | { offset: number }): Table | undefined;
  tableGrid(a: Analysis, table: Table): TableGrid;
  /** A table as CSV or TSV, with a file name for it. */
  tableExport(a: Analysis, table: Table, format: 'csv' | 'tsv'): { name: string; text: string };
}

export function createFilingService(host: FilingServiceHost = {}): FilingService {
  return {
    analyze: (text, options) => analyze(text, options),
    outline: (a) => outline(a.model),
    diagnostics: (a, options) => diagnostics(a, options),
    hover(a, offset) {
      const h = hoverAt(a, offset);
      if (h) return h;
      const term = queryOf(a).termAt(offset);
      return term ? { range: term.range, markdown: termHover(term) } : undefined;
    },
    definition(a, offset) {
      const ref = crossReferenceAt(a, offset);
      if (ref) return [{ origin: ref.origin, target: ref.section.range, selection: ref.section.heading }];
      const term = queryOf(a).termAt(offset);
      if (term) return [{ origin: term.range, target: term.entry.range, selection: term.entry.termRange }];
      const tied = tiedFiguresAt(a, offset);
      return tied ? tied.targets.map((t) => ({ origin: tied.origin, target: t.range, selection: t.range })) : [];
    },
    references: (a, offset) => tieReferencesAt(a, offset),
    components: (a, offset) => componentsAt(a, offset),
    folding: (a) => foldingRanges(a.model),
    selectionRanges: (a, offset) => selectionRangesAt(a, offset),
    semanticTokens: (a, within) => semanticTokens(a, within),
    inlayHints: (a, within) => inlayHints(a, within, host.inlayOptions?.() ?? DEFAULT_INLAY_OPTIONS),
    codeLenses: (a) => tableLenses(a),
    workspaceSymbols: (docs, query) => workspaceSymbols(docs, query),
    tableOf: (a, where) => (typeof where === 'number' ? a.model.tables[where] : queryOf(a).tableNear(where.offset)),
    tableGrid: (a, table) => tableGrid(a, table),
    tableExport: (a, table, format) => ({ name: `${exportName(table)}.${format}`, text: format === 'csv' ? tableCsv(a, table) : tableTsv(a, table) }),
  };
}
