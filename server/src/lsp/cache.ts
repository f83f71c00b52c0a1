// One analysis per (uri, version): handlers share it instead of parsing again.

import { Analysis, analyze } from '../analysis/analyze';
import { CheckOptions } from '../analysis/reconcile';

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

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
