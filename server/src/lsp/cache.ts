// One analysis per (uri, version): handlers share it instead of parsing again.

import { Analysis, analyze, analyzeSteps } from '../analysis/analyze';
import { problemsAfterEdit } from '../analysis/incremental';
import { CheckOptions } from '../analysis/reconcile';
import { ALL_TIES, TieOptions } from '../analysis/ties';
import { diagnostics, Problem } from '../features/diagnostics';

export interface Settings {
  maxFileSizeMB: number;
  checks: CheckOptions;
  /** Families of ties between statements, notes and periods (filingLens.ties.*). */
  ties?: TieOptions;
}

export const DEFAULT_SETTINGS: Settings = {
  maxFileSizeMB: 20,
  checks: { columnTotals: true, formulas: true, statementIdentities: true, shares: true, crossFooting: true },
  ties: ALL_TIES,
};

interface Entry {
  version: number;
  settingsKey: string;
  analysis: Analysis;
  tooLarge?: string;
  /** Problems of this analysis, worked out on first use. */
  problems?: Problem[];
}

function sizeMessage(text: string, settings: Settings): string | undefined {
  // The limit is in MB of the file as UTF-8 (the editor's text is UTF-16; Chinese takes 3 bytes a character in UTF-8).
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  return mb > settings.maxFileSizeMB
    ? `Filing Lens: this document is ${mb.toFixed(1)} MB, over the ${settings.maxFileSizeMB} MB limit (setting filingLens.maxFileSizeMB); only the outline is shown.`
    : undefined;
}

function problemsOf(e: Entry): Problem[] {
  return (e.problems ??= diagnostics(e.analysis, { maxFileSizeMessage: e.tooLarge }));
}

export class AnalysisCache {
  private entries = new Map<string, Entry>();

  get(uri: string, version: number, text: () => string, settings: Settings): Entry {
    const key = JSON.stringify(settings);
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.settingsKey === key) return hit;
    const t = text();
    const tooLarge = sizeMessage(t, settings);
    return this.store(uri, { version, settingsKey: key, analysis: analyze(t, { checks: settings.checks, ties: settings.ties, outlineOnly: !!tooLarge }), tooLarge });
  }

  /**
   * The same analysis, computed in slices of about `sliceMs` between which the
   * event loop runs (other requests are answered); dropped, resolving to
   * undefined, as soon as `stale()` says a newer version has arrived.
   */
  async getInSlices(uri: string, version: number, text: () => string, settings: Settings, stale: () => boolean, sliceMs = 15): Promise<Entry | undefined> {
    const key = JSON.stringify(settings);
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.settingsKey === key) return hit;
    const t = text();
    const tooLarge = sizeMessage(t, settings);
    const steps = analyzeSteps(t, { checks: settings.checks, ties: settings.ties, outlineOnly: !!tooLarge });
    for (;;) {
      const until = Date.now() + sliceMs;
      let r = steps.next();
      while (!r.done && Date.now() < until) r = steps.next();
      if (r.done) {
        // A request may have analysed this version meanwhile; keep one.
        const now = this.entries.get(uri);
        if (now && now.version === version && now.settingsKey === key) return now;
        return this.store(uri, { version, settingsKey: key, analysis: r.value, tooLarge });
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (stale()) return undefined;
    }
  }

  private store(uri: string, entry: Entry): Entry {
    const prev = this.entries.get(uri);
    // Never replace a newer version's analysis with an older one.
    if (prev && prev.version > entry.version) return entry;
    this.entries.set(uri, entry);
    return entry;
  }

  /** The problems of a full analysis of this version (analysing it if needed). */
  problems(uri: string, version: number, text: () => string, settings: Settings): Problem[] {
    return problemsOf(this.get(uri, version, text, settings));
  }

  /** The same, analysing in slices; undefined when a newer version made it moot. */
  async problemsInSlices(uri: string, version: number, text: () => string, settings: Settings, stale: () => boolean): Promise<Problem[] | undefined> {
    const e = await this.getInSlices(uri, version, text, settings, stale);
    return e && problemsOf(e);
  }

  /**
   * Problems of a new version worked out from the last whole analysis by
   * re-analysing only the chunk an edit fell into (analysis/incremental.ts), or
   * undefined when the edit needs a whole analysis. Cheap: no analysis is stored.
   */
  quickProblems(uri: string, version: number, text: () => string, settings: Settings): Problem[] | undefined {
    const base = this.entries.get(uri);
    if (!base || base.version === version || base.tooLarge || base.settingsKey !== JSON.stringify(settings)) return undefined;
    const baseProblems = (base.problems ??= diagnostics(base.analysis));
    return problemsAfterEdit(base.analysis, baseProblems, text(), settings.checks)?.problems;
  }

  /** The whole analysis of this version if it is already done (never analyses). */
  peek(uri: string, version: number, settings: Settings): Entry | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version && hit.settingsKey === JSON.stringify(settings) ? hit : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
