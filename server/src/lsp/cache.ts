// One analysis per (uri, version): handlers share it instead of parsing again.

import { Analysis, analyzeSteps } from '../analysis/analyze';
import { problemsAfterEdit } from '../features/incremental';
import { ALL_CHECKS, CheckOptions } from '../analysis/reconcile';
import { ALL_TIES, TieOptions } from '../analysis/ties';
import { diagnostics, Problem, tooLargeProblem } from '../features/diagnostics';

export interface Settings {
  maxFileSizeMB: number;
  checks: CheckOptions;
  /** Families of ties between statements, notes and periods (filingLens.ties.*). */
  ties?: TieOptions;
}

export const DEFAULT_SETTINGS: Settings = {
  maxFileSizeMB: 20,
  checks: ALL_CHECKS,
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
  // (A UTF-16 code unit is at most 3 bytes of UTF-8: a text of up to a third of the limit in code units is not counted.)
  if (text.length * 3 <= settings.maxFileSizeMB * 1024 * 1024) return undefined;
  const mb = Buffer.byteLength(text, 'utf8') / (1024 * 1024);
  return mb > settings.maxFileSizeMB
    ? `Filing Lens: this document is ${mb.toFixed(1)} MB, over the ${settings.maxFileSizeMB} MB limit (setting filingLens.maxFileSizeMB); only the outline is shown.`
    : undefined;
}

function problemsOf(e: Entry): Problem[] {
  return (e.problems ??= diagnostics(e.analysis, { maxFileSizeMessage: e.tooLarge }));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The first slice of an analysis made from the previous one (see run). */
const REUSE_SLICE_MS = 40;

interface Job {
  version: number;
  settingsKey: string;
  waiters: Set<{ cancelled: () => boolean; resolve: (e: Entry | undefined) => void; reject: (e: unknown) => void }>;
}

export class AnalysisCache {
  private entries = new Map<string, Entry>();
  /** Analyses in progress, one per document. */
  private jobs = new Map<string, Job>();

  /**
   * The analysis of (uri, version) under these settings, computed in slices of about `sliceMs` between which the
   * event loop runs (other requests are answered). Callers asking for the same
   * (uri, version, settings) share one computation; a caller whose `cancelled()`
   * turns true gets undefined at the next slice, and the computation stops when
   * no caller is left waiting for it (or a newer version started one).
   */
  getInSlices(uri: string, version: number, text: () => string, settings: Settings, cancelled: () => boolean, sliceMs = 15): Promise<Entry | undefined> {
    const key = JSON.stringify(settings);
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.settingsKey === key) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const waiter = { cancelled, resolve, reject };
      const running = this.jobs.get(uri);
      if (running && running.version === version && running.settingsKey === key) {
        running.waiters.add(waiter);
        return;
      }
      const job: Job = { version, settingsKey: key, waiters: new Set([waiter]) };
      this.jobs.set(uri, job);
      void this.run(uri, job, text(), settings, sliceMs);
    });
  }

  private async run(uri: string, job: Job, t: string, settings: Settings, sliceMs: number): Promise<void> {
    const finish = (e: Entry | undefined) => {
      if (this.jobs.get(uri) === job) this.jobs.delete(uri);
      for (const w of job.waiters) w.resolve(e);
      job.waiters.clear();
    };
    try {
      const tooLarge = sizeMessage(t, settings);
      // The last whole analysis of this document (another version, the same settings): what the edit left
      // alone is taken from it (parse/reuse.ts).
      const last = this.entries.get(uri);
      const previous = last && last.settingsKey === job.settingsKey && !last.tooLarge ? last.analysis : undefined;
      const steps = analyzeSteps(t, { checks: settings.checks, ties: settings.ties, outlineOnly: !!tooLarge, previous });
      // Made from the previous analysis, the whole job is short (some 10–30 ms on 2 MB): its first slice is
      // long enough to finish it, rather than making the request that waits for it wait for other work too.
      let slice = previous ? Math.max(sliceMs, REUSE_SLICE_MS) : sliceMs;
      for (;;) {
        const until = Date.now() + slice;
        slice = sliceMs;
        let r = steps.next();
        while (!r.done && Date.now() < until) r = steps.next();
        if (r.done) {
          // A request may have analysed this version meanwhile; keep one.
          const now = this.entries.get(uri);
          if (now && now.version === job.version && now.settingsKey === job.settingsKey) return finish(now);
          return finish(this.store(uri, { version: job.version, settingsKey: job.settingsKey, analysis: r.value, tooLarge }));
        }
        await new Promise((resolve) => setImmediate(resolve));
        for (const w of job.waiters) {
          if (w.cancelled()) {
            job.waiters.delete(w);
            w.resolve(undefined);
          }
        }
        if (!job.waiters.size || this.jobs.get(uri) !== job) return finish(undefined);
      }
    } catch (e) {
      // A bug in the analysis: every caller gets the error (and logs it); nothing is left pending.
      if (this.jobs.get(uri) === job) this.jobs.delete(uri);
      for (const w of job.waiters) w.reject(e);
      job.waiters.clear();
    }
  }

  private store(uri: string, entry: Entry): Entry {
    const prev = this.entries.get(uri);
    // Never replace a newer version's analysis with an older one.
    if (prev && prev.version > entry.version) return entry;
    this.entries.set(uri, entry);
    return entry;
  }

  /** The problems of that analysis; undefined when a newer version made it moot. */
  async problemsInSlices(uri: string, version: number, text: () => string, settings: Settings, stale: () => boolean): Promise<Problem[] | undefined> {
    const e = await this.getInSlices(uri, version, text, settings, stale);
    if (!e) return undefined;
    // Requests waiting for the same analysis are answered first: their replies are written on the next turn of
    // the event loop (the JSON-RPC writer queues them with setImmediate), the problems (coverage, ties) after.
    if (!e.problems) {
      await nextTurn();
      await nextTurn();
      if (stale()) return undefined;
    }
    return problemsOf(e);
  }

  /**
   * Problems of a new version worked out from the last whole analysis by
   * re-analysing only the chunk an edit fell into (features/incremental.ts), or
   * undefined when the edit needs a whole analysis. Cheap: no analysis is stored.
   */
  quickProblems(uri: string, version: number, text: () => string, settings: Settings): Problem[] | undefined {
    const base = this.entries.get(uri);
    if (!base || base.version === version || base.tooLarge || base.settingsKey !== JSON.stringify(settings)) return undefined;
    const baseProblems = (base.problems ??= diagnostics(base.analysis));
    return problemsAfterEdit(base.analysis, baseProblems, text(), settings.checks)?.problems;
  }

  /**
   * The problems of a document over the size limit (the size-limit information alone), worked out without
   * analysing it: an edit to a 50 MB document allocates no analysis (its outline is made when asked for).
   */
  oversizeProblems(text: string, settings: Settings): Problem[] | undefined {
    const message = sizeMessage(text, settings);
    return message ? [tooLargeProblem(message)] : undefined;
  }

  /** Whether a whole analysis of this version is done or under way (then its problems come with it). */
  wholeUnderWay(uri: string, version: number, settings: Settings): boolean {
    const key = JSON.stringify(settings);
    const job = this.jobs.get(uri);
    return !!this.peek(uri, version, settings) || (!!job && job.version === version && job.settingsKey === key);
  }

  /** The problems of an analysis already done. */
  problemsOf(e: Entry): Problem[] {
    return problemsOf(e);
  }

  /** The whole analysis of this version if it is already done (never analyses). */
  peek(uri: string, version: number, settings: Settings): Entry | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version && hit.settingsKey === JSON.stringify(settings) ? hit : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.jobs.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.jobs.clear();
  }
}
