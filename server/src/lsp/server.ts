// The LSP shell: each handler looks up the cached analysis for (uri, version),
// calls one feature function and converts offsets to positions.

import {
  CodeAction,
  CodeActionKind,
  CodeLens,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Hover,
  InitializeResult,
  InlayHint,
  InlayHintKind,
  LocationLink,
  MarkupKind,
  Range as LspRange,
  SelectionRange,
  SemanticTokens,
  SemanticTokensBuilder,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Problem } from '../features/diagnostics';
import { tableLenses } from '../features/codeLens';
import { componentsAt } from '../features/components';
import { crossReferenceAt } from '../features/crossReference';
import { termAt, termHover } from '../features/definedTerms';
import { tiedFiguresAt, tieReferencesAt } from '../features/ties';
import { foldingRanges } from '../features/folding';
import { DEFAULT_INLAY_OPTIONS, inlayHints, InlayOptions } from '../features/inlayHints';
import { selectionRangesAt } from '../features/selection';
import { SEMANTIC_LEGEND, semanticTokens } from '../features/semanticTokens';
import { hoverAt } from '../features/hover';
import { outline, OutlineItem } from '../features/outline';
import { exportName, tableCsv, tableTsv } from '../features/tableExport';
import { tableAt, tableGrid } from '../features/tableGrid';
import { workspaceSymbols } from '../features/workspaceSymbols';
import { Range } from '../model/types';
import { AnalysisCache, DEFAULT_SETTINGS, Settings } from './cache';
import { registerWorkspaceCheck } from './workspaceCheck';

/** Server commands (workspace/executeCommand), usable by any editor: arguments [uri, tableId | position]. */
export const SERVER_COMMANDS = {
  tableGrid: 'filing-lens.tableGrid',
  /** → { name, text }: the table as CSV with values in 元 beside the raw ones. */
  tableCsv: 'filing-lens.tableCsv',
  /** → { name, text }: the same as tab-separated text for pasting into a spreadsheet. */
  tableTsv: 'filing-lens.tableTsv',
} as const;

/** Edits in quick succession are answered once; the edited chunk alone is re-analysed. */
const EDIT_DEBOUNCE_MS = 8;
/** The whole document is analysed again once typing pauses. */
const WHOLE_ANALYSIS_DELAY_MS = 400;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  let settings: Settings = DEFAULT_SETTINGS;
  // Presentation settings: changing them needs no new analysis.
  let inlay: InlayOptions = DEFAULT_INLAY_OPTIONS;
  let canConfigure = false;
  let canRefreshInlays = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const published = new Map<string, number>();

  const toRange = (doc: TextDocument, r: Range): LspRange => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
  const entryOf = (doc: TextDocument) => cache.get(doc.uri, doc.version, () => doc.getText(), settings);

  /** Runs a handler; an exception is logged and answered with `fallback`, so other features keep working. */
  function guarded<T>(name: string, fallback: T, f: () => T): T {
    try {
      return f();
    } catch (e) {
      connection.console.error(`filing-lens: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    canConfigure = !!params.capabilities.workspace?.configuration;
    canRefreshInlays = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: true },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
      },
      serverInfo: { name: 'filing-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    await refreshSettings();
  });

  async function refreshSettings(): Promise<void> {
    if (!canConfigure) return;
    try {
      const cfg = await connection.workspace.getConfiguration('filingLens');
      settings = readSettings(cfg);
      inlay = readInlaySettings(cfg);
    } catch {
      settings = DEFAULT_SETTINGS;
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (canConfigure) await refreshSettings();
    else {
      settings = readSettings(change.settings?.filingLens);
      inlay = readInlaySettings(change.settings?.filingLens);
    }
    cache.clear();
    for (const d of documents.all()) schedule(d, 0);
    if (canRefreshInlays) connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  function schedule(doc: TextDocument, delay: number, quick = false) {
    const old = timers.get(doc.uri);
    if (old) clearTimeout(old);
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void publish(doc.uri, quick);
      }, delay),
    );
  }

  /**
   * Publishes diagnostics for the document's current version. After an edit the
   * chunk it fell into is re-analysed at once (`quick`), and the whole document
   * after a pause, which publishes again; a whole analysis is done at once when
   * the edit needs it.
   */
  async function publish(uri: string, quick = false) {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const stale = () => documents.get(uri)?.version !== version;
    const send = (problems: Problem[]) => {
      // Never publish an older version's result over a newer one.
      if (stale() || (published.get(uri) ?? -1) > version) return;
      published.set(uri, version);
      void connection.sendDiagnostics({ uri, version, diagnostics: problems.map((p) => toDiagnostic(doc, p)) });
    };
    try {
      const fast = quick ? cache.quickProblems(uri, version, () => doc.getText(), settings) : undefined;
      if (fast) {
        send(fast);
        schedule(doc, WHOLE_ANALYSIS_DELAY_MS);
        return;
      }
      // The whole analysis runs in slices, so that requests are answered meanwhile, and stops if the text changes.
      const problems = await cache.problemsInSlices(uri, version, () => doc.getText(), settings, stale);
      if (problems) send(problems);
    } catch (e) {
      connection.console.error(`filing-lens: diagnostics failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      send([]);
    }
  }

  function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
    return {
      range: toRange(doc, p.range),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: 'filing-lens',
      code: p.code,
      message: p.message,
      relatedInformation: p.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.range) }, message: r.message })),
      data: p.accept ? { accept: p.accept.text, line: doc.positionAt(p.accept.offset).line } : undefined,
    };
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, EDIT_DEBOUNCE_MS, true));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    published.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('documentSymbol', [] as DocumentSymbol[], () => outline(entryOf(doc).analysis.model).map((i) => toSymbol(doc, i)));
  });

  function toSymbol(doc: TextDocument, item: OutlineItem): DocumentSymbol {
    return {
      name: item.name || '(untitled)',
      detail: item.detail,
      kind: item.kind === 'table' ? SymbolKind.Struct : SymbolKind.Namespace,
      range: toRange(doc, item.range),
      selectionRange: toRange(doc, item.selectionRange),
      children: item.children.map((c) => toSymbol(doc, c)),
    };
  }

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return guarded('hover', null, () => {
      const analysis = entryOf(doc).analysis;
      const offset = doc.offsetAt(params.position);
      const h = hoverAt(analysis, offset);
      if (h) return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(doc, h.range) };
      const term = termAt(analysis, offset);
      return term ? { contents: { kind: MarkupKind.Markdown, value: termHover(term) }, range: toRange(doc, term.range) } : null;
    });
  });

  // Go to definition: a cross-reference (详见附注七、1) → the section it names; a defined term → its 释义 entry.
  connection.onDefinition((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('definition', [] as LocationLink[], () => {
      const analysis = entryOf(doc).analysis;
      const offset = doc.offsetAt(params.position);
      const ref = crossReferenceAt(analysis, offset);
      if (ref) return [LocationLink.create(doc.uri, toRange(doc, ref.section.range), toRange(doc, ref.section.heading), toRange(doc, ref.origin))];
      const term = termAt(analysis, offset);
      if (term) return [LocationLink.create(doc.uri, toRange(doc, term.entry.range), toRange(doc, term.entry.termRange), toRange(doc, term.range))];
      // A tied figure (勾稽关系) → the figures it is tied to (a statement line → its note total …).
      const tied = tiedFiguresAt(analysis, offset);
      if (tied) return tied.targets.map((t) => LocationLink.create(doc.uri, toRange(doc, t.range), toRange(doc, t.range), toRange(doc, tied.origin)));
      return [];
    });
  });

  // Find All References on a tied figure: every figure of its ties.
  connection.onReferences((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('references', [] as { uri: string; range: LspRange }[], () =>
      tieReferencesAt(entryOf(doc).analysis, doc.offsetAt(params.position)).map((r) => ({ uri: doc.uri, range: toRange(doc, r) })),
    );
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('codeAction', [] as CodeAction[], () => {
      const actions: CodeAction[] = [];
      for (const d of params.context.diagnostics) {
        const data = d.data as { accept?: string; line?: number } | undefined;
        if (d.source !== 'filing-lens' || !data?.accept || data.line === undefined) continue;
        const at = { line: data.line + 1, character: 0 };
        const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
        actions.push({
          title: 'Accept this difference (adds a filing-lens: accept line)',
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [doc.uri]: [TextEdit.insert(at, data.accept + eol)] } },
        });
        const parts = componentsAt(entryOf(doc).analysis, doc.offsetAt(d.range.start));
        if (parts) {
          actions.push({
            title: `Show the components (${parts.summary})`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            // A client command: selects the component figures (VS Code: filingLens.showComponents).
            command: {
              title: 'Show the components',
              command: 'filingLens.showComponents',
              arguments: [doc.uri, toRange(doc, parts.total), parts.components.map((r) => toRange(doc, r)), parts.table],
            },
          });
        }
      }
      return actions;
    });
  });

  connection.onFoldingRanges((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('foldingRange', [] as FoldingRange[], () =>
      foldingRanges(entryOf(doc).analysis.model)
        .map((f) => ({ startLine: doc.positionAt(f.start).line, endLine: doc.positionAt(f.end).line, kind: f.kind === 'section' ? FoldingRangeKind.Region : undefined }))
        .filter((f) => f.endLine > f.startLine),
    );
  });

  connection.onSelectionRanges((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('selectionRange', [] as SelectionRange[], () => {
      const analysis = entryOf(doc).analysis;
      return params.positions.map((p) =>
        selectionRangesAt(analysis, doc.offsetAt(p)).reduceRight<SelectionRange | undefined>((parent, r) => ({ range: toRange(doc, r), parent }), undefined) ?? { range: { start: p, end: p } },
      );
    });
  });

  const tokensOf = (doc: TextDocument, within?: LspRange): SemanticTokens =>
    guarded('semanticTokens', { data: [] } as SemanticTokens, () => {
      const builder = new SemanticTokensBuilder();
      const span = within ? { start: doc.offsetAt(within.start), end: doc.offsetAt(within.end) } : undefined;
      for (const t of semanticTokens(entryOf(doc).analysis, span)) {
        const p = doc.positionAt(t.start);
        builder.push(p.line, p.character, t.end - t.start, t.type, t.modifiers);
      }
      return builder.build();
    });
  connection.languages.semanticTokens.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? tokensOf(doc) : { data: [] };
  });
  connection.languages.semanticTokens.onRange((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? tokensOf(doc, params.range) : { data: [] };
  });

  connection.languages.inlayHint.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('inlayHint', [] as InlayHint[], () =>
      inlayHints(entryOf(doc).analysis, { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) }, inlay).map((h) => ({
        position: doc.positionAt(h.offset),
        label: h.label,
        tooltip: h.tooltip,
        kind: h.kind === 'normalized' ? InlayHintKind.Type : InlayHintKind.Parameter,
        paddingLeft: true,
      })),
    );
  });

  connection.onCodeLens((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guarded('codeLens', [] as CodeLens[], () =>
      tableLenses(entryOf(doc).analysis).map((l) => ({
        range: toRange(doc, l.range),
        command: { title: l.title, command: 'filingLens.showTable', arguments: [doc.uri, l.table] },
      })),
    );
  });

  connection.onWorkspaceSymbol((params) =>
    guarded('workspaceSymbol', [] as SymbolInformation[], () => {
      const open = documents.all();
      const byUri = new Map(open.map((d) => [d.uri, d]));
      return workspaceSymbols(open.map((d) => ({ uri: d.uri, analysis: entryOf(d).analysis })), params.query).map((s) => ({
        name: s.name,
        kind: s.kind === 'table' ? SymbolKind.Struct : SymbolKind.Namespace,
        location: { uri: s.uri, range: toRange(byUri.get(s.uri)!, s.range) },
        containerName: s.container,
      }));
    }),
  );

  connection.onExecuteCommand((params) => {
    const [uri, where] = (params.arguments ?? []) as [string | undefined, number | { line: number; character: number } | undefined];
    const doc = uri ? documents.get(uri) : undefined;
    if (!doc) return null;
    return guarded('executeCommand', null, () => {
      const analysis = entryOf(doc).analysis;
      const table = typeof where === 'number' ? analysis.model.tables[where] : where ? tableAt(analysis, doc.offsetAt(where)) : undefined;
      if (!table) return null;
      switch (params.command) {
        case SERVER_COMMANDS.tableGrid:
          return tableGrid(analysis, table);
        case SERVER_COMMANDS.tableCsv:
          return { name: `${exportName(table)}.csv`, text: tableCsv(analysis, table) };
        case SERVER_COMMANDS.tableTsv:
          return { name: `${exportName(table)}.tsv`, text: tableTsv(analysis, table) };
        default:
          return null;
      }
    });
  });

  // filing-lens/checkFile (a file on disk, for the workspace check) and filing-lens/summary (the status bar).
  registerWorkspaceCheck(connection, {
    documents,
    settings: () => settings,
    analysisOf: (doc) => cache.peek(doc.uri, doc.version, settings) && { analysis: entryOf(doc).analysis, problems: cache.problems(doc.uri, doc.version, () => doc.getText(), settings) },
  });

  documents.listen(connection);
  connection.listen();
}

function readInlaySettings(cfg: unknown): InlayOptions {
  const c = ((cfg ?? {}) as Record<string, unknown>).inlayHints as Record<string, unknown> | undefined;
  return {
    normalizedValues: typeof c?.normalizedValues === 'boolean' ? c.normalizedValues : DEFAULT_INLAY_OPTIONS.normalizedValues,
    totals: typeof c?.totals === 'boolean' ? c.totals : DEFAULT_INLAY_OPTIONS.totals,
  };
}

function readSettings(cfg: unknown): Settings {
  const c = (cfg ?? {}) as Record<string, unknown>;
  const checks = (c.checks ?? {}) as Record<string, unknown>;
  const ties = (c.ties ?? {}) as Record<string, unknown>;
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const max = typeof c.maxFileSizeMB === 'number' && c.maxFileSizeMB > 0 ? c.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  return {
    maxFileSizeMB: max,
    checks: {
      columnTotals: bool(checks.columnTotals, true),
      formulas: bool(checks.formulas, true),
      statementIdentities: bool(checks.statementIdentities, true),
      shares: bool(checks.shares, true),
      crossFooting: bool(checks.crossFooting, true),
    },
    ties: { rollForwards: bool(ties.rollForwards, true), statements: bool(ties.statements, true), notes: bool(ties.notes, true), periods: bool(ties.periods, true) },
  };
}
