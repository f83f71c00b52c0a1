// The client starts the language server and registers commands; the logic
// (which table, its grid, CSV/TSV text, the components of a total, the checks of
// the workspace check, the status-bar counts) is server-side. The extension also
// activates on plain text and Markdown, to recognise filings by their content
// (detection.ts); the server is started only once a filing is open or a command needs it.
import { SERVER_COMMANDS } from '../../server/src/lsp/protocol';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, Range as LspRange, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DetectionRecord, FilingDetector } from './detection';
import { FilingStatusBar, FilingSummary } from './statusBar';
import { showTableView, TableGrid } from './tableView';
import { checkWorkspace, WorkspaceCheckSummary } from './workspaceCheck';
import { registerPdfCommands } from './pdfImport';

export const LANGUAGE_ID = 'filing';
let client: LanguageClient | undefined;
let started: Promise<void> | undefined;

/** What the extension exports (used by its tests). */
export interface FilingLensApi {
  detections(): readonly DetectionRecord[];
  statusBar(): { text: string; visible: boolean; summary?: FilingSummary };
}

/** Starts the language server once. */
function ensureStarted(): Promise<void> {
  return (started ??= client!.start());
}

/** Server commands (server/src/lsp/protocol.ts, shared with the server). */
const { tableGrid: TABLE_GRID, tableCsv: TABLE_CSV, tableTsv: TABLE_TSV } = SERVER_COMMANDS;

export async function activate(context: vscode.ExtensionContext): Promise<FilingLensApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: 'filingLens' },
    // Restart a crashed server (the default handler restarts up to 4 times in 3 minutes).
  };
  client = new LanguageClient('filingLens', 'Filing Lens', serverOptions, clientOptions);

  /** Runs a server command on the table given by id, or the one under the cursor. */
  async function serverTableCommand<T>(command: string, uri?: string, table?: number): Promise<{ uri: vscode.Uri; result: T } | undefined> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ?? editor?.document.uri.toString();
    if (!client || !target) {
      void vscode.window.showInformationMessage('Filing Lens: open a filing and put the cursor in a table.');
      return undefined;
    }
    await ensureStarted();
    const where = table ?? (editor ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined);
    const result = (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [target, where] })) as T | null;
    if (!result) {
      void vscode.window.showInformationMessage('Filing Lens: no table here.');
      return undefined;
    }
    return { uri: vscode.Uri.parse(target), result };
  }

  // Highlight of the components of a total, until the document changes or another total is shown.
  const componentDecoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    borderColor: new vscode.ThemeColor('editorWarning.foreground'),
    borderStyle: 'solid',
    borderWidth: '1px',
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  context.subscriptions.push(
    componentDecoration,
    vscode.workspace.onDidChangeTextDocument((e) => {
      for (const ed of vscode.window.visibleTextEditors) if (ed.document === e.document) ed.setDecorations(componentDecoration, []);
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand(
      'filingLens.showComponents',
      async (uri: string, total: unknown, components: unknown[], table?: number) => {
        if (!client || !uri || !Array.isArray(components)) return undefined;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
        const p2c = client.protocol2CodeConverter;
        const ranges = components.map((r) => p2c.asRange(r as LspRange));
        const totalRange = p2c.asRange(total as LspRange);
        if (!ranges.length) {
          if (table !== undefined) await vscode.commands.executeCommand('filingLens.showTable', uri, table);
          return [];
        }
        editor.selections = ranges.map((r) => new vscode.Selection(r.start, r.end));
        editor.setDecorations(componentDecoration, totalRange ? [...ranges, totalRange] : ranges);
        editor.revealRange(ranges[0].union(ranges[ranges.length - 1]), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return ranges;
      },
    ),
    vscode.commands.registerCommand('filingLens.setLanguage', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Filing Lens: open a text file first.');
        return;
      }
      await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_ID);
    }),
    vscode.commands.registerCommand('filingLens.restartServer', async () => {
      if (client) await (started = client.restart());
    }),
    vscode.commands.registerCommand('filingLens.showTable', async (uri?: string, table?: number) => {
      const r = await serverTableCommand<TableGrid>(TABLE_GRID, uri, table);
      if (r) showTableView(r.uri, r.result);
      return r?.result;
    }),
    vscode.commands.registerCommand('filingLens.exportTableCsv', async (uri?: string, table?: number) => {
      const r = await serverTableCommand<{ name: string; text: string }>(TABLE_CSV, uri, table);
      if (!r) return undefined;
      const dir = r.uri.scheme === 'file' ? vscode.Uri.joinPath(r.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ defaultUri: dir ? vscode.Uri.joinPath(dir, r.result.name) : undefined, filters: { CSV: ['csv'] } });
      if (!target) return undefined;
      // A byte-order mark so that Excel reads the Chinese text as UTF-8.
      await vscode.workspace.fs.writeFile(target, Buffer.from('\ufeff' + r.result.text, 'utf8'));
      void vscode.window.showInformationMessage(`Filing Lens: table exported to ${vscode.workspace.asRelativePath(target)}`);
      return target;
    }),
    vscode.commands.registerCommand('filingLens.copyTableTsv', async (uri?: string, table?: number) => {
      const r = await serverTableCommand<{ name: string; text: string }>(TABLE_TSV, uri, table);
      if (!r) return undefined;
      await vscode.env.clipboard.writeText(r.result.text);
      void vscode.window.setStatusBarMessage('Filing Lens: table copied (tab-separated, paste into a spreadsheet)', 4000);
      return r.result.text;
    }),
  );
  // Problems found by the workspace check in files that are not open as filings.
  const workspaceProblems = vscode.languages.createDiagnosticCollection('filing-lens-workspace');
  const output = vscode.window.createOutputChannel('Filing Lens');
  const statusBar = new FilingStatusBar(() => client, LANGUAGE_ID);
  const detector = new FilingDetector(LANGUAGE_ID);
  async function runCheck(folder?: vscode.Uri): Promise<WorkspaceCheckSummary | undefined> {
    if (!client) return undefined;
    await ensureStarted();
    const summary = await checkWorkspace(client, workspaceProblems, LANGUAGE_ID, output, folder);
    const buttons = summary.warnings ? ['Show Problems'] : [];
    if (summary.unreadable.length) buttons.push('Show Details');
    void vscode.window.showInformationMessage(summary.message, ...buttons).then((b) => {
      if (b === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      if (b === 'Show Details') output.show(true);
    });
    return summary;
  }
  context.subscriptions.push(
    workspaceProblems,
    output,
    statusBar,
    detector,
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.languageId !== LANGUAGE_ID) return;
      // The server now publishes this file's problems as it is edited.
      workspaceProblems.delete(doc.uri);
      void ensureStarted();
    }),
    vscode.commands.registerCommand('filingLens.checkWorkspace', () => runCheck()),
    vscode.commands.registerCommand('filingLens.checkFolder', (folder?: vscode.Uri) => runCheck(folder instanceof vscode.Uri ? folder : undefined)),
    // The status-bar item: the grid of the table under the cursor, else the summary of the filing.
    vscode.commands.registerCommand('filingLens.showStatus', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor || editor.document.languageId !== LANGUAGE_ID) return undefined;
      await ensureStarted();
      const uri = editor.document.uri.toString();
      const grid = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: TABLE_GRID,
        arguments: [uri, client.code2ProtocolConverter.asPosition(editor.selection.active)],
      })) as TableGrid | null;
      if (grid) {
        showTableView(editor.document.uri, grid);
        return { table: grid };
      }
      await statusBar.update();
      const summary = statusBar.current?.uri === uri ? statusBar.current.summary : undefined;
      if (summary) {
        void vscode.window
          .showInformationMessage(
            `Filing Lens: ${vscode.workspace.asRelativePath(editor.document.uri)} — ${summary.tables} tables, ${summary.totals} totals checked, ${summary.differs} that do not reconcile${summary.unit ? `, amounts in ${summary.unit}` : ''}.`,
            ...(summary.differs ? ['Show Problems'] : []),
          )
          .then((b) => b && vscode.commands.executeCommand('workbench.actions.view.problems'));
      }
      return { summary };
    }),
  );
  registerPdfCommands(context);
  if (vscode.workspace.textDocuments.some((d) => d.languageId === LANGUAGE_ID)) await ensureStarted();
  statusBar.schedule(0);
  return {
    detections: () => detector.records,
    statusBar: () => ({ text: statusBar.item.text, visible: !!statusBar.current, summary: statusBar.current?.summary }),
  };
}

export async function deactivate(): Promise<void> {
  if (started) await client?.stop();
  client = undefined;
  started = undefined;
}
