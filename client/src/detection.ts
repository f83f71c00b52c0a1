// Recognising filings by their content: when a plain-text or Markdown document
// opens (and for those already open at activation), its first lines are scored
// by detectFiling (a pure function, server/src/features/detect.ts) and, per the
// setting filingLens.detect, the document is switched to the filing language
// (auto), the user is asked (ask), or nothing happens (off). Only a prefix is
// read: at most DETECT_MAX_LINES lines and DETECT_MAX_CHARS characters.
import * as vscode from 'vscode';
import { detectFiling, DETECT_MAX_CHARS, DETECT_MAX_LINES } from '../../server/src/features/detect';

export type DetectMode = 'auto' | 'ask' | 'off';

export interface DetectionRecord {
  uri: string;
  isFiling: boolean;
  score: number;
  signals: string[];
  /** Characters looked at. */
  chars: number;
  /** Time taken to read the prefix and score it, in ms. */
  ms: number;
  action: 'switched' | 'asked' | 'none';
}

const CANDIDATE_LANGUAGES = new Set(['plaintext', 'markdown']);
const SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs']);

/** The first lines of a document, whole lines up to the limits (never the whole text of a large file). */
export function documentPrefix(doc: vscode.TextDocument): string {
  const n = Math.min(doc.lineCount, DETECT_MAX_LINES);
  let out = '';
  for (let i = 0; i < n && out.length < DETECT_MAX_CHARS; i++) out += doc.lineAt(i).text + '\n';
  return out.length > DETECT_MAX_CHARS ? out.slice(0, DETECT_MAX_CHARS) : out;
}

export function detectMode(): DetectMode {
  const v = vscode.workspace.getConfiguration('filingLens').get<string>('detect', 'auto');
  return v === 'ask' || v === 'off' ? v : 'auto';
}

export class FilingDetector implements vscode.Disposable {
  /** Documents already decided on in this session: a user who switches one back to plain text is not overruled. */
  private decided = new Set<string>();
  readonly records: DetectionRecord[] = [];
  private subscriptions: vscode.Disposable[] = [];

  constructor(private languageId: string) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.consider(doc)),
      // A change of language closes and reopens the document at once; only a real close
      // (nothing open for the file a moment later) lets the file be looked at afresh next time.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        setTimeout(() => {
          if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) this.decided.delete(key);
        }, 1000);
      }),
    );
    for (const doc of vscode.workspace.textDocuments) void this.consider(doc);
  }

  async consider(doc: vscode.TextDocument): Promise<DetectionRecord | undefined> {
    if (!CANDIDATE_LANGUAGES.has(doc.languageId) || !SCHEMES.has(doc.uri.scheme)) return undefined;
    const key = doc.uri.toString();
    if (this.decided.has(key)) return undefined;
    const mode = detectMode();
    if (mode === 'off') return undefined;
    this.decided.add(key);
    const t0 = performance.now();
    const prefix = documentPrefix(doc);
    const d = detectFiling(prefix);
    const record: DetectionRecord = {
      uri: key,
      isFiling: d.isFiling,
      score: d.score,
      signals: d.signals.map((s) => s.kind),
      chars: prefix.length,
      ms: performance.now() - t0,
      action: 'none',
    };
    this.records.push(record);
    if (this.records.length > 100) this.records.shift();
    if (!d.isFiling) return record;
    if (mode === 'auto') {
      record.action = 'switched';
      await this.switchLanguage(doc);
    } else {
      record.action = 'asked';
      void this.ask(doc);
    }
    return record;
  }

  private async switchLanguage(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    try {
      await vscode.languages.setTextDocumentLanguage(doc, this.languageId);
    } catch {
      // The document was closed meanwhile.
    }
  }

  private async ask(doc: vscode.TextDocument): Promise<void> {
    const name = vscode.workspace.asRelativePath(doc.uri);
    const yes = 'Open as Filing';
    const always = 'Always';
    const answer = await vscode.window.showInformationMessage(
      `Filing Lens: ${name} looks like a financial filing. Check its outline and totals?`,
      yes,
      always,
    );
    if (answer === always) await vscode.workspace.getConfiguration('filingLens').update('detect', 'auto', vscode.ConfigurationTarget.Global);
    if (answer === yes || answer === always) await this.switchLanguage(doc);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
