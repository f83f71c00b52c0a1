// Two small custom requests, registered by one call from server.ts:
//   filing-lens/checkFile  — checks one file on disk that the editor has not opened,
//                            the way the CLI does (readFilingFile → analyze → diagnostics),
//                            for "Check All Filings in Workspace";
//   filing-lens/summary    — the counts of an open filing for the status bar.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CancellationToken, Connection, Diagnostic, DiagnosticSeverity, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analyzeSteps } from '../analysis/analyze';
import { detectFiling, DETECT_MAX_CHARS } from '../features/detect';
import { diagnostics, Problem } from '../features/diagnostics';
import { decodeFilingBytes, readFilingFile } from '../io/readFile';
import { Settings } from './cache';

import { CHECK_FILE_REQUEST, SUMMARY_REQUEST } from './protocol';

export { CHECK_FILE_REQUEST, SUMMARY_REQUEST };

export interface CheckFileParams {
  uri: string;
  /** Check the file only if its beginning reads as a filing (for .txt / .md); false for .filing files. */
  detect: boolean;
  /** Files larger than this are not read. */
  maxBytes: number;
}

export interface CheckFileResult {
  uri: string;
  status: 'checked' | 'notFiling' | 'unreadable' | 'cancelled';
  error?: string;
  warning?: string;
  encoding?: string;
  /** Totals checked. */
  checks: number;
  diagnostics: Diagnostic[];
}

export interface SummaryResult {
  tables: number;
  totals: number;
  differs: number;
  /** The document's unit statement, else the unit most of its money tables are in. */
  unit?: string;
  outlineOnly: boolean;
}

export type SummaryAnswer = SummaryResult | { pending: true } | null;

export interface WorkspaceCheckHost {
  documents: TextDocuments<TextDocument>;
  settings: () => Settings;
  /** The whole analysis of an open document's current version and its problems, if it is already done (never analyses). */
  analysisOf: (doc: TextDocument) => { analysis: Analysis; problems: Problem[] } | undefined;
}

/** How many bytes of a .txt are read to decide whether it is a filing. */
const SNIFF_BYTES = DETECT_MAX_CHARS * 3;
const SLICE_MS = 15;

export function registerWorkspaceCheck(connection: Connection, host: WorkspaceCheckHost): void {
  connection.onRequest(CHECK_FILE_REQUEST, (params: CheckFileParams, token: CancellationToken) => checkFile(params, host.settings(), token));

  // Answered from the analysis the server already holds: cheap. Until the document's
  // analysis is done the answer is `pending` (the client asks again when diagnostics arrive).
  connection.onRequest<SummaryAnswer, unknown>(SUMMARY_REQUEST, (params: { uri: string }): SummaryAnswer => {
    const doc = host.documents.get(params?.uri);
    if (!doc) return null;
    try {
      const done = host.analysisOf(doc);
      if (!done) return { pending: true };
      const { analysis, problems } = done;
      return {
        tables: analysis.model.tables.length,
        totals: analysis.checks.length,
        differs: problems.filter((p) => p.check).length,
        unit: mainUnit(analysis),
        outlineOnly: analysis.outlineOnly,
      };
    } catch (e) {
      connection.console.error(`filing-lens: summary failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return null;
    }
  });
}

function mainUnit(a: Analysis): string | undefined {
  // 人民币万元 → 万元: the currency is almost always 人民币.
  const short = (name: string) => name.replace(/^人民币\s*/, '');
  if (a.model.documentUnit) return short(a.model.documentUnit.name);
  const counts = new Map<string, number>();
  for (const t of a.model.tables) if (t.unit.kind === 'money' && t.unit.source !== 'default') counts.set(t.unit.name, (counts.get(t.unit.name) ?? 0) + 1);
  let best: string | undefined;
  for (const [name, n] of counts) if (!best || n > counts.get(best)!) best = name;
  return best && short(best);
}

/** The beginning of a file, decoded, cut at a line end (so that no character is cut in two). */
function sniff(path: string): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    let bytes = buf.subarray(0, n);
    if (n === SNIFF_BYTES) {
      const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
      const nl = bytes.lastIndexOf(0x0a);
      if (utf16) bytes = bytes.subarray(0, n - (n % 2));
      else if (nl > 0) bytes = bytes.subarray(0, nl + 1);
    }
    return decodeFilingBytes(bytes).text;
  } finally {
    fs.closeSync(fd);
  }
}

export async function checkFile(params: CheckFileParams, settings: Settings, token?: CancellationToken): Promise<CheckFileResult> {
  const uri = params?.uri ?? '';
  const none = { uri, checks: 0, diagnostics: [] as Diagnostic[] };
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return { ...none, status: 'unreadable', error: `${uri}: not a file on disk` };
  }
  try {
    if (params.detect && !detectFiling(sniff(path)).isFiling) return { ...none, status: 'notFiling' };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ...none, status: 'unreadable', error: `${path}: cannot read the file (${err.code ?? err.message})` };
  }
  const read = readFilingFile(path, { maxBytes: params.maxBytes > 0 ? params.maxBytes : undefined });
  if (read.error) return { ...none, status: 'unreadable', error: read.error, encoding: read.encoding };
  // The analysis runs in slices so that the editor's other requests are answered meanwhile.
  const steps = analyzeSteps(read.text, { checks: settings.checks, ties: settings.ties });
  let analysis: Analysis | undefined;
  for (;;) {
    const until = Date.now() + SLICE_MS;
    let r = steps.next();
    while (!r.done && Date.now() < until) r = steps.next();
    if (r.done) {
      analysis = r.value;
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) return { ...none, status: 'cancelled' };
  }
  const doc = TextDocument.create(uri, 'filing', 0, read.text);
  const range = (r: { start: number; end: number }) => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
  return {
    uri,
    status: 'checked',
    encoding: read.encoding,
    warning: read.warning,
    checks: analysis.checks.length,
    diagnostics: diagnostics(analysis).map((p) => ({
      range: range(p.range),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: 'filing-lens',
      code: p.code,
      message: p.message,
      relatedInformation: p.related.map((x) => ({ location: { uri, range: range(x.range) }, message: x.message })),
    })),
  };
}
