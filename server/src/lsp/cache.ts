// One analysis per (uri, version): handlers share it instead of parsing again.

import { Analysis, analyze } from '../analysis/analyze';
import { problemsAfterEdit } from '../analysis/incremental';
import { CheckOptions } from '../analysis/reconcile';
import { diagnostics, Problem } from '../features/diagnostics';

export interface Settings {
  maxFileSizeMB: number;
  checks: CheckOptions;
}

export const DEFAULT_SETTINGS: Settings = {
  maxFileSizeMB: 20,
  checks: { columnTotals: true, formulas: true, statementIdentities: true, shares: true, crossFooting: true },
};

interface Entry {
  version: number;
  settingsKey: string;
  analysis: Analysis;
  tooLarge?: string;
  /** Problems of this analysis, worked out on first use. */
  problems?: Problem[];
}

export class AnalysisCache {
  private entries = new Map<string, Entry>();

  get(uri: string, version: number, text: () => string, settings: Settings): Entry {
    const key = JSON.stringify(settings);
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.settingsKey === key) return hit;
    const t = text();
    const mb = t.length / (1024 * 1024);
    const tooLarge = mb > settings.maxFileSizeMB
      ? `Filing Lens: this document is ${mb.toFixed(1)} MB, over the ${settings.maxFileSizeMB} MB limit (setting filingLens.maxFileSizeMB); only the outline is shown.`
      : undefined;
    const analysis = analyze(t, { checks: settings.checks, outlineOnly: !!tooLarge });
    const entry = { version, settingsKey: key, analysis, tooLarge };
    this.entries.set(uri, entry);
    return entry;
  }

  /** The problems of a full analysis of this version (analysing it if needed). */
  problems(uri: string, version: number, text: () => string, settings: Settings): Problem[] {
    const e = this.get(uri, version, text, settings);
    return (e.problems ??= diagnostics(e.analysis, { maxFileSizeMessage: e.tooLarge }));
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

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
