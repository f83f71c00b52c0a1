// The status-bar item of the active filing: `Filing · 687 totals · 1 differs · 单位 万元`.
// The counts come from the server (request filing-lens/summary, answered from the
// analysis it already holds for the document's version); the item is refreshed
// when the active editor changes and when the document's diagnostics change
// (which is when a new analysis is done). Clicking it runs filingLens.showStatus.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';

import { SUMMARY_REQUEST } from '../../server/src/lsp/protocol';

export { SUMMARY_REQUEST };
const RETRY_MS = 500;
const MAX_RETRIES = 120;

export interface FilingSummary {
  tables: number;
  totals: number;
  differs: number;
  unit?: string;
  outlineOnly: boolean;
}

export function summaryText(s: FilingSummary): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const parts = ['Filing'];
  if (s.outlineOnly) parts.push('outline only (large file)');
  else if (!s.tables) parts.push('no tables');
  else if (!s.totals) parts.push(n(s.tables, 'table'), 'no totals');
  else parts.push(n(s.totals, 'total'), s.differs ? n(s.differs, 'differs', 'differ') : 'all reconcile');
  if (s.unit) parts.push(`单位 ${s.unit}`);
  return parts.join(' · ');
}

export class FilingStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryKey = '';
  private retries = 0;
  private subscriptions: vscode.Disposable[] = [];
  /** The summary behind the item's text, and the document it is for. */
  current: { uri: string; summary: FilingSummary } | undefined;

  constructor(private client: () => LanguageClient | undefined, private languageId: string) {
    this.item = vscode.window.createStatusBarItem('filingLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Filing Lens';
    this.item.command = 'filingLens.showStatus';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidOpenTextDocument((d) => d === vscode.window.activeTextEditor?.document && this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(100);
      }),
    );
    this.schedule(0);
  }

  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  async update(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const client = this.client();
    if (!doc || doc.languageId !== this.languageId || !client) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const uri = doc.uri.toString();
    if (this.current?.uri !== uri) {
      this.item.text = 'Filing';
      this.item.tooltip = 'Filing Lens: reading the filing…';
    }
    this.item.show();
    let answer: FilingSummary | { pending: true } | null = null;
    try {
      answer = (await client.sendRequest(SUMMARY_REQUEST, { uri: client.code2ProtocolConverter.asUri(doc.uri) })) as FilingSummary | { pending: true } | null;
    } catch {
      answer = null;
    }
    if (vscode.window.activeTextEditor?.document !== doc) return;
    if (answer && 'pending' in answer) {
      // The server is still analysing this version: ask again (diagnostics arriving also ask).
      const key = `${uri}@${doc.version}`;
      this.retries = this.retryKey === key ? this.retries + 1 : 0;
      this.retryKey = key;
      if (this.retries < MAX_RETRIES) this.schedule(RETRY_MS);
      return;
    }
    const summary = answer;
    if (!summary) return;
    this.current = { uri, summary };
    this.item.text = summaryText(summary);
    this.item.tooltip = new vscode.MarkdownString(
      `**Filing Lens** — ${summary.tables} tables, ${summary.totals} totals checked, ${summary.differs} that do not reconcile` +
        (summary.unit ? `, amounts in ${summary.unit}` : '') +
        '.\n\nClick: the grid of the table under the cursor, or this summary.',
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
