// The LSP shell: each handler looks up the cached analysis for (uri, version),
// calls one feature function and converts offsets to positions.

import { SERVER_COMMANDS } from './protocol';
import {
  CancellationToken,
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
  LSPErrorCodes,
  MarkupKind,
  Position,
  Range as LspRange,
  ResponseError,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensBuilder,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Problem } from '../features/diagnostics';
import { DEFAULT_INLAY_OPTIONS, InlayOptions } from '../features/inlayHints';
import { SEMANTIC_LEGEND } from '../features/semanticTokens';
import { OutlineItem } from '../features/outline';
import { createFilingService } from '../features/service';
import { Range } from '../model/types';
import { Analysis } from '../analysis/analyze';
import { AnalysisCache, DEFAULT_SETTINGS, Settings } from './cache';
import { registerWorkspaceCheck } from './workspaceCheck';

/** Server commands (workspace/executeCommand), usable by any editor: arguments [uri, tableId | position]. */
export { SERVER_COMMANDS };

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
  // Every feature, behind one object (features/service.ts); this file turns its offsets into LSP positions.
  const service = createFilingService({ inlayOptions: () => inlay });
  let canConfigure = false;
  let canRefreshInlays = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const published = new Map<string, number>();
  /** The last whole-document semantic tokens of each open document (for full/delta). */
  const tokenResults = new Map<string, SemanticTokensBuilder>();

  const toRange = (doc: TextDocument, r: Range): LspRange => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
  /** The open document a request names, or undefined (also for malformed parameters: textDocument null, no uri). */
  const docOf = (params: unknown): TextDocument | undefined => {
    const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
    return typeof uri === 'string' ? documents.get(uri) : undefined;
  };
  /** The offset of an LSP position, or undefined when it is not one (missing, negative, not whole numbers). */
  const offsetOf = (doc: TextDocument, p: unknown): number | undefined => (isPosition(p) ? doc.offsetAt(p) : undefined);

  /**
   * The analysis of the document's current version for a request: shared with
   * any analysis already running for it, computed in slices, and given up
   * (undefined) as soon as the request is cancelled or the document changes.
   */
  function analysisFor(doc: TextDocument, token: CancellationToken | undefined): Promise<Analysis | undefined> {
    const version = doc.version;
    const gone = () => token?.isCancellationRequested === true || documents.get(doc.uri) !== doc || doc.version !== version;
    return cache.getInSlices(doc.uri, version, () => doc.getText(), settings, gone).then((e) => e?.analysis);
  }

  /**
   * A request on one document: `answer` gets its analysis. No document (or
   * malformed parameters): `empty`. Cancelled: the RequestCancelled error; the
   * document changed meanwhile: ContentModified. A failure is logged and answered `empty`.
   */
  async function onDocument<T>(name: string, params: unknown, token: CancellationToken | undefined, empty: T, answer: (doc: TextDocument, a: Analysis) => T): Promise<T | ResponseError<void>> {
    const doc = docOf(params);
    if (!doc) return empty;
    let analysis: Analysis | undefined;
    try {
      analysis = await analysisFor(doc, token);
    } catch (e) {
      connection.console.error(`filing-lens: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return empty;
    }
    if (!analysis) {
      return token?.isCancellationRequested
        ? new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`)
        : new ResponseError(LSPErrorCodes.ContentModified, `${name}: the document changed`);
    }
    const a = analysis;
    return guarded(name, empty, () => answer(doc, a));
  }

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
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: { delta: true }, range: true },
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
    // A didOpen again (without didClose) replaces the document object: that is stale too, whatever its version.
    const stale = () => documents.get(uri) !== doc || doc.version !== version;
    const send = (problems: Problem[]) => {
      // Never publish an older version's result over a newer one.
      if (stale() || (published.get(uri) ?? -1) > version) return;
      published.set(uri, version);
      void connection.sendDiagnostics({ uri, version, diagnostics: problems.map((p) => toDiagnostic(doc, p)) });
    };
    try {
      const oversize = cache.oversizeProblems(doc.getText(), settings);
      if (oversize) return send(oversize);
      // (A request may have started the whole analysis of this version already: its problems are as near.)
      const fast = quick && !cache.wholeUnderWay(uri, version, settings) ? cache.quickProblems(uri, version, () => doc.getText(), settings) : undefined;
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

  documents.onDidOpen((e) => {
    // A didOpen of a document already open (a client that skipped didClose) starts afresh, at whatever version.
    cache.delete(e.document.uri);
    published.delete(e.document.uri);
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => schedule(e.document, EDIT_DEBOUNCE_MS, true));
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    tokenResults.delete(e.document.uri);
    published.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((params, token) =>
    onDocument('documentSymbol', params, token, [] as DocumentSymbol[], (doc, a) => service.outline(a).map((i) => toSymbol(doc, i))),
  );

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

  connection.onHover((params, token) =>
    onDocument('hover', params, token, null as Hover | null, (doc, analysis) => {
      const offset = offsetOf(doc, params?.position);
      if (offset === undefined) return null;
      const h = service.hover(analysis, offset);
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(doc, h.range) } : null;
    }),
  );

  // Go to definition: a cross-reference → its section, a defined term → its 释义 entry, a tied figure → the figures it is tied to.
  connection.onDefinition((params, token) =>
    onDocument('definition', params, token, [] as LocationLink[], (doc, analysis) => {
      const offset = offsetOf(doc, params?.position);
      if (offset === undefined) return [];
      return service.definition(analysis, offset).map((l) => LocationLink.create(doc.uri, toRange(doc, l.target), toRange(doc, l.selection), toRange(doc, l.origin)));
    }),
  );

  // Find All References on a tied figure: every figure of its ties.
  connection.onReferences((params, token) =>
    onDocument('references', params, token, [] as { uri: string; range: LspRange }[], (doc, analysis) => {
      const offset = offsetOf(doc, params?.position);
      if (offset === undefined) return [];
      return service.references(analysis, offset).map((r) => ({ uri: doc.uri, range: toRange(doc, r) }));
    }),
  );

  connection.onCodeAction((params, token) =>
    onDocument('codeAction', params, token, [] as CodeAction[], (doc, analysis) => {
      const actions: CodeAction[] = [];
      const diagnostics = Array.isArray(params?.context?.diagnostics) ? params.context.diagnostics : [];
      for (const d of diagnostics) {
        const data = d?.data as { accept?: string; line?: number } | undefined;
        if (d.source !== 'filing-lens' || !data?.accept || !Number.isInteger(data.line)) continue;
        const at = { line: data.line! + 1, character: 0 };
        const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
        actions.push({
          title: 'Accept this difference (adds a filing-lens: accept line)',
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [doc.uri]: [TextEdit.insert(at, data.accept + eol)] } },
        });
        const start = offsetOf(doc, d.range?.start);
        const parts = start === undefined ? undefined : service.components(analysis, start);
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
    }),
  );

  connection.onFoldingRanges((params, token) =>
    onDocument('foldingRange', params, token, [] as FoldingRange[], (doc, analysis) =>
      service.folding(analysis)
        .map((f) => ({ startLine: doc.positionAt(f.start).line, endLine: doc.positionAt(f.end).line, kind: f.kind === 'section' ? FoldingRangeKind.Region : undefined }))
        .filter((f) => f.endLine > f.startLine),
    ),
  );

  connection.onSelectionRanges((params, token) =>
    onDocument('selectionRange', params, token, [] as SelectionRange[], (doc, analysis) =>
      (Array.isArray(params?.positions) ? params.positions : []).map((p) => {
        const offset = offsetOf(doc, p);
        const ranges = offset === undefined ? [] : service.selectionRanges(analysis, offset);
        const here = isPosition(p) ? p : { line: 0, character: 0 };
        return ranges.reduceRight<SelectionRange | undefined>((parent, r) => ({ range: toRange(doc, r), parent }), undefined) ?? { range: { start: here, end: here } };
      }),
    ),
  );

  /** A range of the document as offsets: undefined for none (the whole document), null for a malformed one. */
  const spanOf = (doc: TextDocument, r: unknown): Range | undefined | null => {
    if (r === undefined) return undefined;
    const start = offsetOf(doc, (r as LspRange | null)?.start);
    const end = offsetOf(doc, (r as LspRange | null)?.end);
    return start === undefined || end === undefined ? null : { start, end };
  };

  const fill = (builder: SemanticTokensBuilder, doc: TextDocument, analysis: Analysis, within?: Range) => {
    for (const t of service.semanticTokens(analysis, within)) {
      const p = doc.positionAt(t.start);
      builder.push(p.line, p.character, t.end - t.start, t.type, t.modifiers);
    }
  };
  const tokensOf = (doc: TextDocument, analysis: Analysis, within?: Range): SemanticTokens => {
    const builder = new SemanticTokensBuilder();
    fill(builder, doc, analysis, within);
    return builder.build();
  };
  // The whole document's tokens: the last result of each document is kept, so that after an edit the
  // editor asks for the difference (full/delta) and gets a few edits instead of every token again.
  connection.languages.semanticTokens.on((params, token) =>
    onDocument('semanticTokens', params, token, { data: [] } as SemanticTokens, (doc, analysis) => {
      const builder = new SemanticTokensBuilder();
      fill(builder, doc, analysis);
      tokenResults.set(doc.uri, builder);
      return builder.build();
    }),
  );
  connection.languages.semanticTokens.onDelta((params, token) =>
    onDocument('semanticTokens', params, token, { data: [] } as SemanticTokens | SemanticTokensDelta, (doc, analysis) => {
      // Edits against the result the editor holds (previousResult starts the builder afresh and keeps that
      // result's data only if its id is the one asked for); else a whole result.
      const last = tokenResults.get(doc.uri);
      const id = params?.previousResultId;
      const builder = last && typeof id === 'string' ? last : new SemanticTokensBuilder();
      if (builder === last) builder.previousResult(id as string);
      fill(builder, doc, analysis);
      tokenResults.set(doc.uri, builder);
      return builder.buildEdits();
    }),
  );
  connection.languages.semanticTokens.onRange((params, token) =>
    onDocument('semanticTokens', params, token, { data: [] } as SemanticTokens, (doc, analysis) => {
      const span = spanOf(doc, params?.range);
      return span === null ? { data: [] } : tokensOf(doc, analysis, span);
    }),
  );

  connection.languages.inlayHint.on((params, token) =>
    onDocument('inlayHint', params, token, [] as InlayHint[], (doc, analysis) => {
      const span = spanOf(doc, params?.range);
      if (!span) return [];
      return service.inlayHints(analysis, span).map((h) => ({
        position: doc.positionAt(h.offset),
        label: h.label,
        tooltip: h.tooltip,
        kind: h.kind === 'normalized' ? InlayHintKind.Type : InlayHintKind.Parameter,
        paddingLeft: true,
      }));
    }),
  );

  connection.onCodeLens((params, token) =>
    onDocument('codeLens', params, token, [] as CodeLens[], (doc, analysis) =>
      service.codeLenses(analysis).map((l) => ({
        range: toRange(doc, l.range),
        command: { title: l.title, command: 'filingLens.showTable', arguments: [doc.uri, l.table] },
      })),
    ),
  );

  connection.onWorkspaceSymbol(async (params, token) => {
    const open: { doc: TextDocument; analysis: Analysis }[] = [];
    for (const doc of documents.all()) {
      const analysis = await analysisFor(doc, token).catch(() => undefined);
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'workspaceSymbol cancelled');
      if (analysis) open.push({ doc, analysis });
    }
    const query = typeof params?.query === 'string' ? params.query : '';
    return guarded('workspaceSymbol', [] as SymbolInformation[], () => {
      const byUri = new Map(open.map((o) => [o.doc.uri, o.doc]));
      return service.workspaceSymbols(open.map((o) => ({ uri: o.doc.uri, analysis: o.analysis })), query).map((s) => ({
        name: s.name,
        kind: s.kind === 'table' ? SymbolKind.Struct : SymbolKind.Namespace,
        location: { uri: s.uri, range: toRange(byUri.get(s.uri)!, s.range) },
        containerName: s.container,
      }));
    });
  });

  connection.onExecuteCommand((params, token) => {
    const [uri, where] = (Array.isArray(params?.arguments) ? params.arguments : []) as [unknown, unknown];
    return onDocument('executeCommand', { textDocument: { uri } }, token, null, (doc, analysis) => {
      const offset = typeof where === 'number' ? undefined : offsetOf(doc, where);
      const table = typeof where === 'number' ? service.tableOf(analysis, where) : offset !== undefined ? service.tableOf(analysis, { offset }) : undefined;
      if (!table) return null;
      switch (params.command) {
        case SERVER_COMMANDS.tableGrid:
          return service.tableGrid(analysis, table);
        case SERVER_COMMANDS.tableCsv:
          return service.tableExport(analysis, table, 'csv');
        case SERVER_COMMANDS.tableTsv:
          return service.tableExport(analysis, table, 'tsv');
        default:
          return null;
      }
    });
  });

  // filing-lens/checkFile (a file on disk, for the workspace check) and filing-lens/summary (the status bar).
  registerWorkspaceCheck(connection, {
    documents,
    settings: () => settings,
    analysisOf: (doc) => {
      const e = cache.peek(doc.uri, doc.version, settings);
      return e && { analysis: e.analysis, problems: cache.problemsOf(e) };
    },
  });

  documents.listen(connection);
  connection.listen();
}

/** An LSP position: whole, non-negative line and character. */
function isPosition(p: unknown): p is Position {
  const q = p as Partial<Position> | null | undefined;
  return !!q && Number.isSafeInteger(q.line) && Number.isSafeInteger(q.character) && q.line! >= 0 && q.character! >= 0;
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
    // Each switch as set, else its default (DEFAULT_SETTINGS, the one place the defaults are written in code).
    checks: Object.fromEntries(Object.entries(DEFAULT_SETTINGS.checks).map(([k, d]) => [k, bool(checks[k], d)])) as unknown as Settings['checks'],
    ties: Object.fromEntries(Object.entries(DEFAULT_SETTINGS.ties ?? {}).map(([k, d]) => [k, bool(ties[k], d)])) as unknown as Settings['ties'],
  };
}
