// Benchmark for issue 6: `npm run bench` (builds, then runs this script).
//
// Documents: the real filings in /work/shared/filings/*.txt when present
// (override with FILINGS_DIR=…), else the repo's test/fixtures/*.filing, plus
// synthetic 2 MB and 20 MB documents made by concatenating whole documents
// (headings and tables intact, separated by a blank line).
//
// In-process (dist/core.js, one child process per document, node --expose-gc):
//   - full analysis = analyze(text): parse + tables + reconciliation + figure
//     index; one cold run (also the memory run, reported as "first run"), then
//     warm-up runs (about 40 MB of text in all, 2–200 runs, at most half the budget), then the median of
//     3–9 timed runs, as many as fit in a per-document time budget, with no
//     forced gc() between them (a forced full collection shrinks the heap, and
//     the next run would pay to grow it again, as no real session does).
//   - memory: after loading the text and gc(), baseline RSS; a worker thread
//     samples process RSS every 2 ms during the cold analysis; peak RSS minus
//     baseline is reported (and the OS high-water mark maxRSS as a cross-check),
//     plus the heap retained by the Analysis object after gc().
//   - hover: hoverAt(analysis, offset) at random offsets inside random figures
//     (seeded), each call timed; documentSymbol: outline(model); diagnostics.
//   - baseline: split into lines, scan each line with /[\d,]+\.\d{2}/g.
// Through the real server (dist/server.js --stdio, scripts/lsp-client.mjs) on
// the 2 MB document: didOpen → publishDiagnostics, one-character didChange →
// publishDiagnostics of that version (the server debounces changes by 8 ms,
// included), hover and documentSymbol request round trips.
//
// Sizes are UTF-8 bytes of the file; 1 MB = 2^20 bytes.
// Results: printed table, and bench-results/latest.json.
//
// Options: --quick (smaller budgets, skips 20 MB), --no-lsp, --no-20mb.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const MB = 1024 * 1024;
const now = () => performance.now();

const TARGETS = {
  mbPerSec: 20, // full analysis ≥ 20 MB/s on one core
  editMs: 50, // edit → fresh diagnostics < 50 ms in a 2 MB document
  hoverMs: 5, // hover < 5 ms
  memRatio: 20, // peak memory < 20× document size
  baselineRatio: 10, // analysis ≤ 10× baseline
};

// ---------------------------------------------------------------- helpers

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
const median = (xs) => quantile(xs, 0.5);
const p95 = (xs) => quantile(xs, 0.95);
const stats = (xs) => ({ n: xs.length, median: median(xs), p95: p95(xs), min: Math.min(...xs), max: Math.max(...xs) });

/** Runs f up to maxRuns times, stopping once budgetMs is spent (at least minRuns). */
function timeRuns(f, { maxRuns, minRuns = 1, budgetMs, between }) {
  const times = [];
  const start = now();
  for (let i = 0; i < maxRuns; i++) {
    if (i >= minRuns && now() - start >= budgetMs) break;
    between?.();
    const t0 = now();
    f(i);
    times.push(now() - t0);
  }
  return times;
}

// ------------------------------------------------------------ child mode

function baselineScan(text) {
  let n = 0;
  const re = /[\d,]+\.\d{2}/g;
  for (const line of text.split(/\r?\n/)) {
    re.lastIndex = 0;
    while (re.exec(line)) n++;
  }
  return n;
}

async function childMain(file, budgetMs, wantLspSample) {
  const { Worker } = await import('node:worker_threads');
  const core = createRequire(import.meta.url)(path.join(root, 'dist', 'core.js'));
  const gc = globalThis.gc ?? (() => {});
  let buf = fs.readFileSync(file);
  const bytes = buf.length;
  const text = buf.toString('utf8');
  buf = null;
  gc();
  gc();

  // RSS sampler on another thread (the analysis is synchronous).
  const shared = new Int32Array(new SharedArrayBuffer(8)); // [0] = stop flag, [1] = peak RSS in KB
  const sampler = new Worker(
    `const { workerData } = require('node:worker_threads');
     const s = workerData;
     const nap = new Int32Array(new SharedArrayBuffer(4));
     while (Atomics.load(s, 0) === 0) {
       const kb = Math.round(process.memoryUsage.rss() / 1024);
       if (kb > Atomics.load(s, 1)) Atomics.store(s, 1, kb);
       Atomics.wait(nap, 0, 0, 2);
     }`,
    { eval: true, workerData: shared },
  );
  await new Promise((r) => sampler.once('online', r));
  await new Promise((r) => setTimeout(r, 20));
  gc();
  const base = process.memoryUsage();
  Atomics.store(shared, 1, Math.round(base.rss / 1024));
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;

  const t0 = now();
  let analysis = core.analyze(text);
  const coldMs = now() - t0;

  const sampledPeak = Atomics.load(shared, 1) * 1024;
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  Atomics.store(shared, 0, 1);
  await sampler.terminate();
  gc();
  gc();
  const kept = process.memoryUsage();
  const memory = {
    baselineRss: base.rss,
    peakRss: Math.max(sampledPeak, process.memoryUsage().rss),
    peakRssGrowth: Math.max(sampledPeak, kept.rss) - base.rss,
    maxRssHighWaterGrowth: maxRssAfter > maxRssBefore ? maxRssAfter - base.rss : null,
    retainedHeap: kept.heapUsed + kept.external - (base.heapUsed + base.external),
  };

  const counts = {
    figures: analysis.figures.length,
    tables: analysis.model.tables.length,
    sections: analysis.model.sections.length,
    checks: analysis.checks.length,
    failing: analysis.checks.filter((c) => !c.ok).length,
  };

  // Warm-up: V8 needs a few dozen MB of filing text before its optimized code settles,
  // as it has in a language server that has been open a while or a batch run of the CLI.
  // (The first analysis in a fresh process is reported separately: coldMs.)
  analysis = null;
  const warmupRuns = Math.max(2, Math.min(200, Math.ceil((40 * MB) / bytes)));
  const warmup = timeRuns(() => core.analyze(text), { maxRuns: warmupRuns, minRuns: 2, budgetMs: budgetMs / 2 });

  // Timed full analyses.
  const maxRuns = Math.max(3, Math.min(9, Math.floor(budgetMs / 2 / Math.max(median(warmup), 1))));
  const runs = timeRuns(
    () => {
      analysis = core.analyze(text);
    },
    // No forced gc() between runs: a full collection shrinks the heap and the next run pays to
    // grow it again, which no language server or batch run does; the garbage of a run is
    // collected as it would be in either.
    { maxRuns, budgetMs, between: () => (analysis = null) },
  );

  // Baseline: one regular expression over every line.
  baselineScan(text); // warm-up
  let baseMatches = 0;
  const baseRuns = timeRuns(() => (baseMatches = baselineScan(text)), { maxRuns: 15, minRuns: 3, budgetMs: 2000, between: gc });

  // Hover at random offsets inside random figures.
  const rnd = mulberry32(6);
  const figs = analysis.figures;
  const hoverTimes = [];
  let hoverHits = 0;
  if (figs.length) {
    for (let i = 0; i < 50; i++) core.hoverAt(analysis, figs[i % figs.length].figure.start); // warm-up
    const hoverStart = now();
    for (let i = 0; i < 2000 && now() - hoverStart < 3000; i++) {
      const f = figs[Math.floor(rnd() * figs.length)].figure;
      const off = f.start + Math.floor(rnd() * Math.max(1, f.end - f.start));
      const h0 = now();
      const h = core.hoverAt(analysis, off);
      hoverTimes.push(now() - h0);
      if (h) hoverHits++;
    }
  }

  // documentSymbol (outline) and diagnostics.
  core.outline(analysis.model);
  const outlineTimes = timeRuns(() => core.outline(analysis.model), { maxRuns: 30, minRuns: 3, budgetMs: 2000 });
  core.diagnostics(analysis);
  const diagTimes = timeRuns(() => core.diagnostics(analysis), { maxRuns: 30, minRuns: 3, budgetMs: 2000 });

  // For the LSP pass: a reconciled total to edit, and figure offsets to hover.
  let lsp;
  if (wantLspSample) {
    const digitAt = (f) => {
      // The units digit of the integer part: a change of 5 there breaks any rounding tolerance.
      const dot = text.lastIndexOf('.', f.end - 1);
      const intEnd = dot >= f.start ? dot : f.end;
      for (let o = intEnd - 1; o >= f.start; o--) if (text[o] >= '0' && text[o] <= '9') return o;
      return -1;
    };
    const withFigure = analysis.checks.filter((c) => c.total.figure);
    const columnOk = withFigure.filter((c) => c.ok && c.kind === 'columnTotal');
    const anyOk = withFigure.filter((c) => c.ok);
    const pool = columnOk.length ? columnOk : anyOk.length ? anyOk : withFigure;
    let edit = null;
    for (const c of pool.slice(Math.floor(pool.length / 2)).concat(pool)) {
      const o = digitAt(c.total.figure);
      if (o >= 0) {
        edit = { offset: o, digit: text[o], raw: c.total.figure.raw, row: c.row.label, kind: c.kind, ok: c.ok };
        break;
      }
    }
    if (!edit && figs.length) {
      const o = digitAt(figs[Math.floor(figs.length / 2)].figure);
      if (o >= 0) edit = { offset: o, digit: text[o], raw: figs[Math.floor(figs.length / 2)].figure.raw };
    }
    const r2 = mulberry32(7);
    const hoverOffsets = [];
    for (let i = 0; i < 300 && figs.length; i++) {
      const f = figs[Math.floor(r2() * figs.length)].figure;
      hoverOffsets.push(f.start + Math.floor(r2() * Math.max(1, f.end - f.start)));
    }
    lsp = { edit, hoverOffsets, failing: counts.failing };
  }

  const out = {
    bytes,
    chars: text.length,
    counts,
    analysis: { coldMs, warmupRuns: warmup.length, runs },
    memory,
    baseline: { runs: baseRuns, matches: baseMatches },
    hover: { times: hoverTimes, hits: hoverHits },
    outline: { times: outlineTimes },
    diagnostics: { times: diagTimes },
    lsp,
  };
  process.stdout.write('\n@@RESULT@@' + JSON.stringify(out) + '\n');
}

// ----------------------------------------------------------- parent mode

function runChild(file, budgetMs, timeoutMs, wantLspSample) {
  return new Promise((resolve) => {
    const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', file, String(budgetMs), wantLspSample ? '1' : '0'];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      const i = out.lastIndexOf('@@RESULT@@');
      if (i >= 0) resolve(JSON.parse(out.slice(i + 10)));
      else resolve({ error: signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : `exit ${code}: ${err.trim().slice(-2000)}` });
    });
  });
}

function sourceDocuments() {
  const dirs = [process.env.FILINGS_DIR, '/work/shared/filings'].filter(Boolean);
  for (const d of dirs) {
    try {
      const files = fs.readdirSync(d).filter((f) => f.endsWith('.txt')).sort();
      if (files.length) return { origin: d, files: files.map((f) => path.join(d, f)) };
    } catch {
      /* not present */
    }
  }
  const d = path.join(root, 'test', 'fixtures');
  return { origin: d, files: fs.readdirSync(d).filter((f) => f.endsWith('.filing')).sort().map((f) => path.join(d, f)) };
}

/** Whole documents in round-robin order, each added only if it still fits; ends within one small document of the target. */
function synthesize(texts, targetBytes) {
  const sizes = texts.map((t) => Buffer.byteLength(t, 'utf8') + 2);
  const parts = [];
  let bytes = 0;
  let next = 0;
  for (let guard = 0; guard < 100000; guard++) {
    let added = false;
    for (let k = 0; k < texts.length; k++) {
      const i = (next + k) % texts.length;
      if (bytes + sizes[i] <= targetBytes) {
        parts.push(texts[i]);
        bytes += sizes[i];
        next = (i + 1) % texts.length;
        added = true;
        break;
      }
    }
    if (!added) break;
  }
  return parts.map((t) => t.replace(/\s+$/, '')).join('\n\n') + '\n';
}

function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
function positionAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

async function lspBench(file, sample, { edits }) {
  const { LspClient, fileUri } = await import('./lsp-client.mjs');
  const text = fs.readFileSync(file, 'utf8');
  const starts = lineStarts(text);
  const uri = fileUri(file);
  const client = new LspClient(path.join(root, 'dist', 'server.js'));
  const result = { file: path.basename(file), bytes: Buffer.byteLength(text) };
  try {
    await client.initialize(null, {});
    const t0 = now();
    client.open(uri, text, 1);
    const first = await client.waitForDiagnostics(uri, 1, 120000);
    result.openToDiagnosticsMs = now() - t0;
    result.openDiagnostics = first.diagnostics.length;

    // One-character edits: alternate the units digit of a reconciled total.
    const editTimes = [];
    const diagCounts = [];
    if (sample.edit) {
      const pos = positionAt(starts, sample.edit.offset);
      const end = { line: pos.line, character: pos.character + 1 };
      const orig = sample.edit.digit;
      const changed = String((Number(orig) + 5) % 10);
      result.edit = { ...sample.edit, position: pos, changedTo: changed };
      const start = now();
      for (let k = 0; k < edits && now() - start < 120000; k++) {
        const version = k + 2;
        const t = now();
        client.notify('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: pos, end }, rangeLength: 1, text: k % 2 === 0 ? changed : orig }],
        });
        const d = await client.waitForDiagnostics(uri, version, 60000);
        editTimes.push(now() - t);
        diagCounts.push(d.diagnostics.length);
      }
      // Leave the document as it was (even number of edits), then wait for that version.
      if (editTimes.length % 2 === 1) {
        const version = editTimes.length + 2;
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end }, rangeLength: 1, text: orig }] });
        await client.waitForDiagnostics(uri, version, 60000);
      }
    }
    result.editToDiagnostics = editTimes;
    result.diagnosticsPerEdit = diagCounts;

    // Hover and documentSymbol round trips on the analysed version.
    const hoverTimes = [];
    let hits = 0;
    const hStart = now();
    for (const off of sample.hoverOffsets) {
      if (now() - hStart > 20000) break;
      const t = now();
      const h = await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(starts, off) });
      hoverTimes.push(now() - t);
      if (h) hits++;
    }
    result.hover = hoverTimes;
    result.hoverHits = hits;
    const symTimes = [];
    let symbols = 0;
    const sStart = now();
    for (let i = 0; i < 20 && now() - sStart < 20000; i++) {
      const t = now();
      const s = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      symTimes.push(now() - t);
      symbols = s.length;
    }
    result.documentSymbol = symTimes;
    result.topLevelSymbols = symbols;

    // Each request sent right after a one-character edit (issue 16: every request fresh and fast after a
    // keystroke): the time from the request to its answer for the new version.
    if (sample.edit) {
      const pos = positionAt(starts, sample.edit.offset);
      const end = { line: pos.line, character: pos.character + 1 };
      const orig = sample.edit.digit;
      const changed = String((Number(orig) + 5) % 10);
      const lastLine = starts.length - 1;
      let tokensId;
      const asks = {
        documentSymbol: () => client.request('textDocument/documentSymbol', { textDocument: { uri } }),
        hover: () => client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(starts, sample.hoverOffsets[0]) }),
        foldingRange: () => client.request('textDocument/foldingRange', { textDocument: { uri } }),
        // As an editor asks once it holds a result: the difference from it (full/delta), a whole result the first time.
        semanticTokens: async () => {
          const r = tokensId
            ? await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: tokensId })
            : await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
          tokensId = r?.resultId;
        },
        inlayHint: () => client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: Math.max(0, pos.line - 40), character: 0 }, end: { line: Math.min(lastLine, pos.line + 40), character: 0 } } }),
      };
      const afterEdit = {};
      let version = 1000;
      // The first edits after opening run the analysis made from the previous one before V8 has optimised it
      // (the diagnostics' own fast path above does not exercise it): they are timed apart, as a warm-up, and
      // the rows below are the steady state of someone typing in a document open for a while.
      const warmup = [];
      for (let k = 0; k < 8; k++) {
        version++;
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end }, rangeLength: 1, text: version % 2 === 0 ? orig : changed }] });
        const t = now();
        await asks.documentSymbol();
        warmup.push(now() - t);
        await client.waitForDiagnostics(uri, version, 60000);
      }
      result.afterEditWarmup = warmup;
      // The editor holds a result of the whole document's tokens before it asks for differences.
      await asks.semanticTokens();
      for (const [name, ask] of Object.entries(asks)) {
        const times = [];
        for (let k = 0; k < 10; k++) {
          version++;
          client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end }, rangeLength: 1, text: version % 2 === 0 ? orig : changed }] });
          const t = now();
          await ask();
          times.push(now() - t);
          await client.waitForDiagnostics(uri, version, 60000);
        }
        afterEdit[name] = times;
      }
      // Back to the text as it was.
      version++;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end }, rangeLength: 1, text: orig }] });
      await client.waitForDiagnostics(uri, version, 60000);
      result.afterEdit = afterEdit;
    }
    await client.shutdown();
  } catch (e) {
    result.error = String(e?.message ?? e);
    client.proc.kill('SIGKILL');
  }
  if (client.stderr.trim()) result.serverStderr = client.stderr.trim().slice(-1000);
  return result;
}

// ---------------------------------------------------------------- report

const f1 = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '–');
const f3 = (x) => (Number.isFinite(x) ? (x < 0.01 ? x.toFixed(4) : x < 1 ? x.toFixed(3) : f1(x)) : '–');
const mark = (ok) => (ok === undefined ? '' : ok ? ' ✓' : ' ✗');

function table(headers, rows) {
  const width = (s) => [...String(s)].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[✓✗×≥≤→–]/.test(ch) ? 2 : 1), 0);
  const cols = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const pad = (s, w, left) => (left ? String(s) + ' '.repeat(w - width(s)) : ' '.repeat(w - width(s)) + String(s));
  const line = (cells) => cells.map((c, i) => pad(c, cols[i], i === 0)).join('  ');
  return [line(headers), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const noLsp = argv.includes('--no-lsp');
  const no20 = quick || argv.includes('--no-20mb');
  const started = now();
  for (const f of ['core.js', 'server.js']) {
    if (!fs.existsSync(path.join(root, 'dist', f))) {
      console.error(`dist/${f} is missing: run \`npm run build\` first (or \`npm run bench\`).`);
      process.exit(1);
    }
  }

  const src = sourceDocuments();
  const texts = src.files.map((f) => fs.readFileSync(f, 'utf8'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens-bench-'));
  const docs = src.files.map((f) => ({ name: path.basename(f), file: f, synthetic: false }));
  for (const [label, mb] of [['synthetic 2 MB', 2], ['synthetic 20 MB', 20]]) {
    if (mb === 20 && no20) continue;
    const file = path.join(tmp, `synthetic-${mb}mb.filing`);
    fs.writeFileSync(file, synthesize(texts, mb * MB));
    docs.push({ name: label, file, synthetic: true, mb });
  }
  const twoMb = docs.find((d) => d.mb === 2);

  console.log(`filing-lens bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, documents from ${src.origin}`);
  const results = [];
  for (const d of docs) {
    const budget = quick ? 4000 : d.mb === 20 ? 15000 : 12000;
    process.stdout.write(`  analysing ${d.name} … `);
    const t = now();
    const r = await runChild(d.file, budget, d.mb === 20 ? 170000 : 90000, d === twoMb && !noLsp);
    console.log(r.error ? `failed: ${r.error}` : `${((now() - t) / 1000).toFixed(1)} s`);
    results.push({ ...d, ...r });
  }

  let lsp;
  if (!noLsp && twoMb) {
    const sample = results.find((r) => r.mb === 2)?.lsp;
    if (sample) {
      process.stdout.write(`  language server on ${twoMb.name} … `);
      const t = now();
      lsp = await lspBench(twoMb.file, sample, { edits: quick ? 4 : 10 });
      console.log(lsp.error ? `failed: ${lsp.error}` : `${((now() - t) / 1000).toFixed(1)} s`);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  // ---- summaries
  const summary = results.map((r) => {
    if (r.error) return { name: r.name, error: r.error };
    const mb = r.bytes / MB;
    const ms = median(r.analysis.runs);
    const base = median(r.baseline.runs);
    return {
      name: r.name,
      bytes: r.bytes,
      mb,
      counts: r.counts,
      analysisMs: ms,
      analysisRuns: r.analysis.runs.length,
      coldMs: r.analysis.coldMs,
      msPerMb: ms / mb,
      mbPerSec: mb / (ms / 1000),
      peakRssGrowthMb: r.memory.peakRssGrowth / MB,
      memRatio: r.memory.peakRssGrowth / r.bytes,
      retainedRatio: r.memory.retainedHeap / r.bytes,
      hover: r.hover.times.length ? stats(r.hover.times) : null,
      outlineMs: median(r.outline.times),
      diagnosticsMs: median(r.diagnostics.times),
      baselineMs: base,
      baselineRatio: ms / base,
    };
  });

  const ok = (s) => ({
    speed: s.mbPerSec >= TARGETS.mbPerSec,
    hover: s.hover ? s.hover.p95 < TARGETS.hoverMs : undefined,
    mem: s.memRatio < TARGETS.memRatio,
    ratio: s.baselineRatio <= TARGETS.baselineRatio,
  });

  console.log('\nIn-process (dist/core.js; analysis = median of N timed runs after warm-up; first run = the first analysis in a fresh process; memory = peak RSS − baseline during the first run, RSS sampled every 2 ms)\n');
  console.log(
    table(
      ['document', 'MB', 'figures/tables/checks', 'first run ms', 'analysis ms (N)', 'ms/MB', 'MB/s [≥20]', 'peak RSS +MB', '×doc [<20]', 'retained ×doc', 'baseline ms', 'ratio [≤10]'],
      summary.map((s) =>
        s.error
          ? [s.name, '', s.error, '', '', '', '', '', '', '', '', '']
          : [
              s.name,
              s.mb.toFixed(2),
              `${s.counts.figures}/${s.counts.tables}/${s.counts.checks}`,
              f1(s.coldMs),
              `${f1(s.analysisMs)} (${s.analysisRuns})`,
              f1(s.msPerMb),
              f3(s.mbPerSec) + mark(ok(s).speed),
              f1(s.peakRssGrowthMb),
              f1(s.memRatio) + mark(ok(s).mem),
              f1(s.retainedRatio),
              f3(s.baselineMs),
              f1(s.baselineRatio) + mark(ok(s).ratio),
            ],
      ),
    ),
  );
  console.log('\nIn-process feature latency (hoverAt at random offsets in random figures; outline = documentSymbol without position conversion)\n');
  console.log(
    table(
      ['document', 'hovers', 'hover median ms', 'hover p95 ms [<5]', 'hover max ms', 'outline ms', 'diagnostics ms'],
      summary
        .filter((s) => !s.error)
        .map((s) => [
          s.name,
          s.hover ? String(s.hover.n) : '0',
          s.hover ? f3(s.hover.median) : '–',
          s.hover ? f3(s.hover.p95) + mark(ok(s).hover) : '–',
          s.hover ? f3(s.hover.max) : '–',
          f3(s.outlineMs),
          f3(s.diagnosticsMs),
        ]),
    ),
  );

  let lspSummary;
  if (lsp) {
    console.log(`\nLanguage server over stdio (dist/server.js --stdio), ${twoMb.name} (${(lsp.bytes / MB).toFixed(2)} MB)\n`);
    if (lsp.error) console.log(`  failed: ${lsp.error}`);
    const e = lsp.editToDiagnostics ?? [];
    lspSummary = {
      openToDiagnosticsMs: lsp.openToDiagnosticsMs,
      edit: e.length ? stats(e) : null,
      hover: lsp.hover?.length ? stats(lsp.hover) : null,
      documentSymbol: lsp.documentSymbol?.length ? stats(lsp.documentSymbol) : null,
      afterEdit: Object.fromEntries(Object.entries(lsp.afterEdit ?? {}).map(([name, t]) => [name, stats(t)])),
      afterEditWarmup: lsp.afterEditWarmup ?? null,
    };
    const rows = [
      ['didOpen → publishDiagnostics', '1', f1(lsp.openToDiagnosticsMs), '', '', '–'],
      e.length
        ? ['1-char didChange → publishDiagnostics(version)', String(e.length), f1(median(e)), f1(p95(e)), f1(Math.max(...e)), `< ${TARGETS.editMs}${mark(median(e) < TARGETS.editMs)}`]
        : ['1-char didChange → publishDiagnostics(version)', '0', '–', '–', '–', `< ${TARGETS.editMs}`],
      lsp.hover?.length
        ? ['hover request', String(lsp.hover.length), f3(median(lsp.hover)), f3(p95(lsp.hover)), f3(Math.max(...lsp.hover)), `< ${TARGETS.hoverMs}${mark(p95(lsp.hover) < TARGETS.hoverMs)}`]
        : ['hover request', '0', '–', '–', '–', ''],
      lsp.documentSymbol?.length
        ? ['documentSymbol request', String(lsp.documentSymbol.length), f1(median(lsp.documentSymbol)), f1(p95(lsp.documentSymbol)), f1(Math.max(...lsp.documentSymbol)), '–']
        : ['documentSymbol request', '0', '–', '–', '–', ''],
      ...(lsp.afterEditWarmup?.length ? [[`documentSymbol right after each of the first ${lsp.afterEditWarmup.length} edits (warm-up: ${lsp.afterEditWarmup.map((x) => f1(x)).join(', ')})`, String(lsp.afterEditWarmup.length), f1(median(lsp.afterEditWarmup)), f1(p95(lsp.afterEditWarmup)), f1(Math.max(...lsp.afterEditWarmup)), '–']] : []),
      ...Object.entries(lsp.afterEdit ?? {}).map(([name, t]) => [`${name}${name === 'semanticTokens' ? ' (full/delta)' : ''} right after a 1-char edit (after the warm-up)`, String(t.length), f1(median(t)), f1(p95(t)), f1(Math.max(...t)), '< 50 (issue 16)']),
    ];
    console.log(table(['measurement', 'n', 'median ms', 'p95 ms', 'max ms', 'target ms'], rows));
    if (lsp.edit) {
      console.log(
        `\n  edited: units digit of "${lsp.edit.raw}" (total of a ${lsp.edit.kind ?? 'figure'} check${lsp.edit.ok ? ' that reconciles' : ''}, row "${lsp.edit.row ?? ''}") at line ${lsp.edit.position.line + 1}, ${lsp.edit.digit} ⇄ ${lsp.edit.changedTo};` +
          ` diagnostics after open ${lsp.openDiagnostics}, after each edit: ${lsp.diagnosticsPerEdit.join(' ')}; the server debounces changes by 8 ms and re-analyses the edited chunk (included).`,
      );
      console.log(`  hovers that returned a result: ${lsp.hoverHits}/${lsp.hover.length}; top-level symbols: ${lsp.topLevelSymbols}`);
    }
  }

  const s20 = summary.find((s) => s.name === 'synthetic 20 MB' && !s.error);
  const s2 = summary.find((s) => s.name === 'synthetic 2 MB' && !s.error);
  const big = s20 ?? s2;
  const worstHover = Math.max(...summary.filter((s) => s.hover).map((s) => s.hover.p95));
  const worstMem = Math.max(...summary.filter((s) => !s.error && s.mb >= 0.5).map((s) => s.memRatio));
  const worstRatio = Math.max(...summary.filter((s) => !s.error).map((s) => s.baselineRatio));
  const targets = [
    ['full analysis ≥ 20 MB/s (one core)', big ? `${f3(big.mbPerSec)} MB/s on ${big.name}` : '–', big ? big.mbPerSec >= TARGETS.mbPerSec : undefined],
    ['edit → fresh diagnostics < 50 ms (2 MB)', lspSummary?.edit ? `${f1(lspSummary.edit.median)} ms median` : '–', lspSummary?.edit ? lspSummary.edit.median < TARGETS.editMs : undefined],
    ['hover < 5 ms', `${f3(worstHover)} ms worst p95 in-process` + (lspSummary?.hover ? `, ${f3(lspSummary.hover.p95)} ms p95 over stdio` : ''), worstHover < TARGETS.hoverMs && (!lspSummary?.hover || lspSummary.hover.p95 < TARGETS.hoverMs)],
    ['memory < 20× document size', `${f1(worstMem)}× worst (documents ≥ 0.5 MB)`, worstMem < TARGETS.memRatio],
    ['analysis ≤ 10× baseline', `${f1(worstRatio)}× worst`, worstRatio <= TARGETS.baselineRatio],
  ];
  console.log('\nTargets\n');
  console.log(table(['target', 'measured', 'met'], targets.map(([a, b, c]) => [a, b, c === undefined ? '–' : c ? 'yes ✓' : 'no ✗'])));

  const elapsed = (now() - started) / 1000;
  console.log(`\nTotal bench time ${elapsed.toFixed(1)} s. Results in bench-results/latest.json`);

  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    documentsFrom: src.origin,
    method: {
      size: 'UTF-8 bytes of the file; 1 MB = 2^20 bytes',
      synthetic: 'whole source documents concatenated round-robin with a blank line between them, each added only if it still fits under the target',
      analysis: 'analyze(text) from dist/core.js in a child process (node --expose-gc); first run timed alone (coldMs), then 2–200 warm-up runs (about 40 MB of text, at most half the budget), then median of 3–9 timed runs within a per-document budget, no forced gc() between them',
      memory: 'baseline RSS after loading the text and gc(); RSS sampled every 2 ms by a worker thread during the cold analysis; peakRssGrowth = peak − baseline; retainedHeap = heapUsed+external with the Analysis alive after gc() − baseline',
      baseline: 'text.split(/\\r?\\n/) and /[\\d,]+\\.\\d{2}/g over each line',
      hover: 'hoverAt(analysis, offset) at seeded random offsets inside random figures, each call timed',
      lsp: 'dist/server.js --stdio via scripts/lsp-client.mjs; edits alternate the units digit of a reconciled total; the server debounces didChange by 8 ms and answers from the re-analysed chunk',
    },
    targets: TARGETS,
    elapsedSeconds: elapsed,
    documents: summary,
    raw: results.map(({ lsp: _omit, ...r }) => r),
    lsp: lsp ? { ...lsp, summary: lspSummary } : null,
    targetsMet: Object.fromEntries(targets.map(([a, b, c]) => [a, { measured: b, met: c ?? null }])),
  };
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench-results', 'latest.json'), JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[2] === '--child') {
  await childMain(process.argv[3], Number(process.argv[4]), process.argv[5] === '1');
} else {
  await main();
}
