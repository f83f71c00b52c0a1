// Recall and precision measured on real filings (default: ../shared/filings and ../shared/corpus).
//
// Per file:
//  - total rows: lines naming 合计 / 小计 / 总计 with a figure on the line after the word, or starting one
//    of the next lines (analysis/coverage.ts, the count behind the "could check N of M" information);
//  - checked: of those, the rows that carry a check (the label's line, or the total figure's line);
//  - warnings, each looked up in the verdict file test/verdicts.tsv (real / false / not judged);
//  - with --mutation: change one digit of every verified total (each digit in turn, d → d+5) and count
//    how often a warning appears on that total (changes beyond the rounding tolerance only).
// Over ../shared/labels/totals.jsonl: the share of determinate hand-labelled totals that are checked,
// and which of the labelled discrepancies are reported.
//
// Usage: node scripts/measure.mjs [--mutation [--missed]] [--json] [--warnings] [FILES…]   (after npm run build)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const core = await import(process.env.CORE ?? path.join(root, 'dist/core.js'));
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
let files = args.filter((a) => !a.startsWith('--'));
const shared = path.resolve(root, '../shared');
if (!files.length) {
  for (const d of ['filings', 'corpus']) {
    const dir = path.join(shared, d);
    if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f)));
  }
}

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}
function lineOfFactory(starts) {
  return (off) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (starts[m] <= off) lo = m; else hi = m - 1;
    }
    return lo;
  };
}

// ---------------------------------------------------------------------------
// Verdicts: file <TAB> line <TAB> real|false <TAB> message <TAB> why

const verdictFile = path.join(root, 'test/verdicts.tsv');
const verdicts = new Map();
if (fs.existsSync(verdictFile)) {
  for (const l of fs.readFileSync(verdictFile, 'utf8').split('\n')) {
    if (!l.trim() || l.startsWith('#')) continue;
    const [file, line, verdict, message] = l.split('\t');
    verdicts.set(`${file}\t${line}\t${message}`, verdict);
  }
}

// ---------------------------------------------------------------------------
// Labels

const labelsFile = path.join(shared, 'labels/totals.jsonl');
const labels = fs.existsSync(labelsFile)
  ? fs.readFileSync(labelsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : [];

// ---------------------------------------------------------------------------

const results = [];
const missedWhy = new Map();
const allWarnings = [];
let labelDeterminate = 0, labelChecked = 0;
const discrepancies = [];

for (const file of files) {
  const name = path.basename(file);
  const text = fs.readFileSync(file, 'utf8');
  const a = core.analyze(text);
  const problems = core.diagnostics(a);
  const warnings = problems.filter((p) => p.severity === 'warning');
  const infos = problems.filter((p) => p.severity === 'information');
  const problemChecks = new Set(problems.map((p) => p.check).filter(Boolean));
  const starts = lineStarts(text);
  const lineOf = lineOfFactory(starts);
  // Total rows and those carrying a check, as the analysis counts them (analysis/coverage.ts).
  const rows = a.coverage.totalRows;
  const checked = a.coverage.checked.length;
  let real = 0, falses = 0, unjudged = 0;
  for (const w of warnings) {
    const line = lineOf(w.range.start) + 1;
    const v = verdicts.get(`${name}\t${line}\t${w.message}`);
    if (v === 'real') real++; else if (v === 'false') falses++; else unjudged++;
    allWarnings.push({ file: name, line, message: w.message, verdict: v ?? '?' });
  }
  const r = { file: name, totalRows: rows.length, checked, checks: a.checks.length, warnings: warnings.length, real, false: falses, unjudged, information: infos.map((p) => p.message) };

  // Labels of this file: a labelled total is checked when a check's total figure has its value, on its line or just below.
  const mine = labels.filter((l) => l.file === name && l.verdict !== 'undetermined');
  if (mine.length) {
    const byLine = new Map();
    for (const c of a.checks) {
      if (c.confirmOnly) continue;
      const l = lineOf(c.row.labelRange.start) + 1;
      const fl = lineOf(c.total.figure.start) + 1;
      for (let k = Math.min(l, fl); k <= Math.max(l, fl); k++) {
        if (!byLine.has(k)) byLine.set(k, []);
        byLine.get(k).push(c);
      }
    }
    const near = (v, w) => Math.abs(v - w) <= 0.0051 + 1e-9 * Math.abs(v);
    let n = 0;
    for (const lab of mine) {
      const cs = byLine.get(lab.line) ?? [];
      const hit = cs.filter((c) => near(c.total.figure.value, lab.total_value) || near(Math.abs(c.total.figure.value), Math.abs(lab.total_value)));
      if (hit.length) n++;
      if (lab.verdict === 'discrepancy') {
        const reported = hit.some((c) => problemChecks.has(c)) ||
          // "a warning on that row counts" (001 L3591: the row whose own difference does not hold)
          warnings.some((w) => Math.abs(lineOf(w.range.start) + 1 - lab.line) <= 4 && w.check && lab.component_lines.concat([lab.line]).includes(lineOf(w.check.row.labelRange.start) + 1));
        discrepancies.push({ file: name, line: lab.line, column: lab.column_index, value: lab.total_value, reported });
      }
    }
    labelDeterminate += mine.length;
    labelChecked += n;
    r.labelled = mine.length;
    r.labelledChecked = n;
  }

  if (flag('--mutation')) Object.assign(r, mutation(text, a, lineOf));
  results.push(r);
}

function mutation(text, a, lineOf) {
  let mutants = 0, caught = 0, beyond = 0, caughtBeyond = 0, whole = 0, relBeyond = 0, relCaught = 0;
  const missed = [];
  // Each mutant is the whole filing with one digit changed, analysed as the server analyses an edit:
  // the chunk the digit is in is read and reconciled again, with the document's page furniture and
  // unit statement (features/incremental.ts, equal to a whole analysis by test/unit/incremental.test.ts);
  // where that path declines, the whole mutated filing is analysed.
  const baseProblems = core.diagnostics(a);
  const seen = new Set();
  for (const c of a.checks) {
    // A confirm-only check (a percent total other than 100 %) is never reported: not a mutant target.
    if (!c.ok || c.confirmOnly || seen.has(c.total.figure.start)) continue;
    seen.add(c.total.figure.start);
    const f = c.total.figure;
    for (let i = f.start; i < f.end; i++) {
      const ch = text[i];
      if (ch < '0' || ch > '9') continue;
      const leading = !/\d/.test(text.slice(f.start, i));
      let digit = (Number(ch) + 5) % 10;
      if (digit === 0 && leading) digit = (Number(ch) + 4) % 10;
      const mutated = text.slice(0, i) + digit + text.slice(i + 1);
      let edited = core.problemsAfterEdit(a, baseProblems, mutated);
      if (!edited) {
        whole++;
        const m = core.analyze(mutated);
        edited = { problems: core.diagnostics(m), checks: m.checks };
      }
      const hit = edited.problems.some((p) => p.severity === 'warning' && p.check && p.check.total.figure.start === f.start);
      const place = Math.pow(10, (f.raw.replace(/[^\d.]/g, '').split('.')[1]?.length ?? 0) - text.slice(i + 1, f.end).replace(/[^\d]/g, '').length);
      const delta = Math.abs(digit - Number(ch)) * place;
      mutants++;
      if (hit) caught++;
      if (delta > c.tolerance + 1e-9) {
        beyond++;
        // A column relation (analysis/checks/columnRelations.ts) rests on the rows that hold it: a mutant of one
        // of three leaves two, and no relation. Counted apart as well.
        if (c.relation) {
          relBeyond++;
          if (hit) relCaught++;
        }
        if (hit) caughtBeyond++;
        else {
          const mc = edited.checks.find((x) => x.total.figure.start === f.start && !x.ok) ?? edited.checks.find((x) => x.total.figure.start === f.start);
          const why = !mc ? 'no longer checked' : mc.ok ? 'reconciles under another reading' : (mc.doubt ?? 'not reported').replace(/\d+/g, 'N');
          missedWhy.set(why, (missedWhy.get(why) ?? 0) + 1);
          if (flag('--missed')) missed.push({ line: lineOf(f.start), label: c.row.label, raw: f.raw, mutated: digit, why });
        }
      }
    }
  }
  return { mutants, caught, mutantsBeyond: beyond, caughtBeyond, missed, wholeAnalyses: whole, relBeyond, relCaught };
}

if (flag('--json')) {
  console.log(JSON.stringify({ results, warnings: allWarnings, labels: { determinate: labelDeterminate, checked: labelChecked, discrepancies } }, null, 1));
  process.exit(0);
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(0) + '%' : '–');
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(44)} ${pad('total rows', 10)} ${pad('checked', 8)} ${pad('', 5)} ${pad('warnings', 8)} ${pad('real', 5)} ${pad('false', 5)} ${pad('?', 3)}${flag('--mutation') ? '  mutation (beyond tolerance)' : ''}`);
let T = 0, C = 0, W = 0, R = 0, F = 0, U = 0, MB = 0, MC = 0, RB = 0, RC = 0;
for (const r of results) {
  T += r.totalRows; C += r.checked; W += r.warnings; R += r.real; F += r.false; U += r.unjudged;
  let mut = '';
  if (r.mutants !== undefined) {
    MB += r.mutantsBeyond; MC += r.caughtBeyond; RB += r.relBeyond; RC += r.relCaught;
    mut = `  ${r.caughtBeyond}/${r.mutantsBeyond} ${pct(r.caughtBeyond, r.mutantsBeyond)}`;
  }
  console.log(`${r.file.slice(0, 44).padEnd(44)} ${pad(r.totalRows, 10)} ${pad(r.checked, 8)} ${pad(pct(r.checked, r.totalRows), 5)} ${pad(r.warnings, 8)} ${pad(r.real, 5)} ${pad(r.false, 5)} ${pad(r.unjudged, 3)}${mut}`);
  for (const m of r.information) console.log(`${''.padEnd(46)}ⓘ ${m}`);
}
console.log(`${'all files'.padEnd(44)} ${pad(T, 10)} ${pad(C, 8)} ${pad(pct(C, T), 5)} ${pad(W, 8)} ${pad(R, 5)} ${pad(F, 5)} ${pad(U, 3)}${MB ? `  ${MC}/${MB} ${pct(MC, MB)}` : ''}`);
if (RB) console.log(`${''.padEnd(46)}of the mutants, column relations: ${RC}/${RB} ${pct(RC, RB)}; the other checks: ${MC - RC}/${MB - RB} ${pct(MC - RC, MB - RB)}`);
if (labels.length) {
  console.log(`\nLabelled totals (../shared/labels): ${labelChecked} of ${labelDeterminate} determinate totals checked (${pct(labelChecked, labelDeterminate)}); ` +
    `discrepancies reported: ${discrepancies.filter((d) => d.reported).length} of ${discrepancies.length}`);
  for (const d of discrepancies) console.log(`  ${d.reported ? '✓' : '✗'} ${d.file} line ${d.line} column ${d.column} (${d.value})`);
}
if (missedWhy.size) {
  console.log('\nMutants not flagged, by reason:');
  for (const [why, n] of [...missedWhy].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${why}`);
}
if (flag('--missed')) {
  // Each total whose mutants were missed, with how many and the first reason (line numbers are of the excerpt analysed).
  console.log('\nMissed mutants per total (--missed):');
  for (const r of results) {
    const byTotal = new Map();
    for (const m of r.missed ?? []) {
      const k = `${m.label} ${m.raw}`;
      const e = byTotal.get(k) ?? { n: 0, why: m.why };
      e.n++;
      byTotal.set(k, e);
    }
    if (byTotal.size) console.log(`  ${r.file}`);
    for (const [k, e] of byTotal) console.log(`    ${String(e.n).padStart(3)}  ${k}  — ${e.why}`);
  }
}
if (flag('--warnings') || U) {
  console.log(`\nWarnings${flag('--warnings') ? '' : ' without a verdict'}:`);
  for (const w of allWarnings) if (flag('--warnings') || w.verdict === '?') console.log(`  ${w.file}\t${w.line}\t${w.verdict}\t${w.message}`);
}
