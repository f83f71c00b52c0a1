// Filing Lens: Check All Filings in Workspace. Finds the files the settings
// include (filingLens.workspaceCheck.include / exclude / maxFileSizeMB) and asks
// the server to check each one from disk (request filing-lens/checkFile: the
// CLI's path — read, decode, analyze, diagnostics; .txt / .md files only when
// their beginning reads as a filing). Problems of files not open in the editor go
// to a DiagnosticCollection (the Problems panel); open filings keep the live
// diagnostics the server publishes. A cancellable progress notification counts
// the files; a summary message ends the run.
import * as vscode from 'vscode';
import { Diagnostic as LspDiagnostic, LanguageClient } from 'vscode-languageclient/node';
import { detectMode } from './detection';

import { CHECK_FILE_REQUEST } from '../../server/src/lsp/protocol';

export { CHECK_FILE_REQUEST };

interface CheckFileResult {
  uri: string;
  status: 'checked' | 'notFiling' | 'unreadable' | 'cancelled';
  error?: string;
  warning?: string;
  checks: number;
  diagnostics: LspDiagnostic[];
}

export interface WorkspaceCheckSummary {
  /** Files the include / exclude globs matched. */
  files: number;
  /** Files checked as filings. */
  filings: number;
  /** .txt / .md files whose beginning does not read as a filing. */
  notFilings: number;
  totals: number;
  warnings: number;
  /** Files with at least one warning. */
  filesWithProblems: string[];
  unreadable: { uri: string; error: string }[];
  cancelled: boolean;
  /** Progress reports made to the notification (one per file). */
  progressReports: number;
  ms: number;
  message: string;
}

export const DEFAULT_INCLUDE = '**/*.{filing,txt,md}';
export const DEFAULT_EXCLUDE = '**/{node_modules,.git,.vscode-test,out,dist}/**';

export async function checkWorkspace(
  client: LanguageClient,
  collection: vscode.DiagnosticCollection,
  languageId: string,
  output: vscode.OutputChannel,
  /** Only this folder (Check All Filings in Folder), else the whole workspace. */
  folder?: vscode.Uri,
): Promise<WorkspaceCheckSummary> {
  const cfg = vscode.workspace.getConfiguration('filingLens.workspaceCheck');
  const include = cfg.get<string>('include') || DEFAULT_INCLUDE;
  const exclude = cfg.get<string>('exclude') ?? DEFAULT_EXCLUDE;
  const maxMB = cfg.get<number>('maxFileSizeMB') ?? 20;
  const maxBytes = Math.max(1, maxMB) * 1024 * 1024;
  const t0 = Date.now();
  const summary: WorkspaceCheckSummary = {
    files: 0,
    filings: 0,
    notFilings: 0,
    totals: 0,
    warnings: 0,
    filesWithProblems: [],
    unreadable: [],
    cancelled: false,
    progressReports: 0,
    ms: 0,
    message: '',
  };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Filing Lens: checking filings', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding files…' });
      const pattern = folder ? new vscode.RelativePattern(folder, include) : include;
      const uris = (await vscode.workspace.findFiles(pattern, exclude || null, undefined, token)).sort((a, b) => a.toString().localeCompare(b.toString()));
      summary.files = uris.length;
      collection.clear();
      const step = uris.length ? 100 / uris.length : 100;
      // With filingLens.detect off, only .filing files are filings.
      const byContent = detectMode() !== 'off';
      for (let i = 0; i < uris.length; i++) {
        if (token.isCancellationRequested) break;
        const uri = uris[i];
        const isFilingFile = uri.path.toLowerCase().endsWith('.filing');
        let r: CheckFileResult | null;
        if (!isFilingFile && !byContent) r = { uri: uri.toString(), status: 'notFiling', checks: 0, diagnostics: [] };
        else {
          try {
            r = (await client.sendRequest(
              CHECK_FILE_REQUEST,
              { uri: client.code2ProtocolConverter.asUri(uri), detect: !isFilingFile, maxBytes },
              token,
            )) as CheckFileResult | null;
          } catch (e) {
            if (token.isCancellationRequested) break;
            r = { uri: uri.toString(), status: 'unreadable', error: `${vscode.workspace.asRelativePath(uri)}: ${e instanceof Error ? e.message : String(e)}`, checks: 0, diagnostics: [] };
          }
        }
        progress.report({ increment: step, message: `${i + 1}/${uris.length} · ${vscode.workspace.asRelativePath(uri)}` });
        summary.progressReports++;
        if (!r || r.status === 'cancelled') continue;
        if (r.status === 'notFiling') summary.notFilings++;
        else if (r.status === 'unreadable') summary.unreadable.push({ uri: uri.toString(), error: r.error ?? 'cannot read the file' });
        else {
          summary.filings++;
          summary.totals += r.checks;
          const warnings = r.diagnostics.filter((d) => d.code !== 'too-large');
          summary.warnings += warnings.length;
          if (warnings.length) summary.filesWithProblems.push(vscode.workspace.asRelativePath(uri));
          if (r.warning) output.appendLine(`${vscode.workspace.asRelativePath(uri)}: ${r.warning}`);
          // An open filing shows the server's live diagnostics; the others get these.
          const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.languageId === languageId);
          if (r.diagnostics.length && !open) collection.set(uri, await client.protocol2CodeConverter.asDiagnostics(r.diagnostics));
        }
      }
      summary.cancelled = token.isCancellationRequested;
    },
  );
  summary.ms = Date.now() - t0;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  summary.message =
    `Filing Lens: ${summary.cancelled ? 'cancelled after ' : ''}${plural(summary.filings, 'filing')} checked (${plural(summary.files, 'file')} looked at), ` +
    `${plural(summary.totals, 'total')} checked, ${plural(summary.warnings, 'warning')}` +
    (summary.filesWithProblems.length ? ` in ${plural(summary.filesWithProblems.length, 'file')}` : '') +
    (summary.unreadable.length ? `, ${summary.unreadable.length} could not be read` : '') +
    '.';
  output.appendLine(summary.message);
  for (const u of summary.unreadable) output.appendLine(`  not read: ${u.error}`);
  return summary;
}
