// Property-based robustness of the analysis core and the features: random
// filing-like text (real excerpts of the fixtures, mutated) must never throw,
// every range must lie inside the text and nest properly, hovers appear only on
// figures, and the same text always gives the same result.
//
// Deterministic by default (a fixed seed). FUZZ_SEED=<n> and FUZZ_RUNS=<n>
// override; a failure prints the seed and the fast-check path and writes the
// input to a temp file. FUZZ_DUMP_SLOWEST=<file> keeps the slowest input.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, Analysis } from '../../server/src/analysis/analyze';
import { problemsAfterEdit } from '../../server/src/features/incremental';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';
import { outline, OutlineItem } from '../../server/src/features/outline';
import { Range } from '../../server/src/model/types';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures');
const FIXTURE_LINES = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.filing'))
  .sort()
  .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').split(/\r\n|\r|\n/));

export const SEED = envInt('FUZZ_SEED', 20240611);
const RUNS = envInt('FUZZ_RUNS', 2000);
/** No generated input (at most a few hundred KB) may take this long to analyse. */
const SLOW_MS = 3000;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${v}`);
  return n;
}

// ---------------------------------------------------------------------------
// Generators

/** Consecutive lines of one fixture. */
const excerpt: fc.Arbitrary<string[]> = fc
  .record({ file: fc.nat(FIXTURE_LINES.length - 1), at: fc.nat(), count: fc.integer({ min: 1, max: 120 }) })
  .map(({ file, at, count }) => {
    const lines = FIXTURE_LINES[file];
    const start = at % lines.length;
    return lines.slice(start, start + count);
  });

/** Things that turn up in text extracted from PDFs, and things that look like structure. */
const INSERTS = [
  '\ufffd', '\ufffd\ufffd\ufffd', '\ue000', '\uf8ff', '\u{f0000}', '\u{10fffd}', '\u0000', '\u0000\u0000', '\ud800', '\udc00',
  '\t', '\f', '\u3000', '\u00a0', '\ufeff', '\u200b', '１２３，４５６．７８', '－', '（', '）', '(', ')', '-', '—', '%', '％',
  ' | ', '|', '||', '合计', '小计', '总计', '其中：', '减：', '单位：万元', '单位：元', '单位：%', '壹佰万元', '叁仟伍佰元整',
  '一、', '（一）', '1、', '①', '第三节 ', '问题1', 'ii=1+2', '③=②-①', '12,345.67', '1234567.8912,345.00', '9'.repeat(25),
  '0.', '.5', ',', ',,,', '1,2,3', '-0', '(0)', 'filing-lens: accept', '\n', '\r', '\r\n',
];

type Mutation = (lines: string[]) => string[];

const lineIndex = (lines: string[], i: number) => (lines.length ? i % lines.length : 0);

/** The lines with `ins` inserted into line i (mod the count) at column q (mod its length + 1). */
function insertInLine(ls: string[], i: number, q: number, ins: string): string[] {
  if (!ls.length) return [ins];
  const at = lineIndex(ls, i);
  const line = ls[at];
  const p = q % (line.length + 1);
  const out = [...ls];
  out[at] = line.slice(0, p) + ins + line.slice(p);
  return out;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // splice in another excerpt
  fc.tuple(fc.nat(), excerpt).map(([i, other]) => (ls: string[]) => {
    const at = ls.length ? i % (ls.length + 1) : 0;
    return [...ls.slice(0, at), ...other, ...ls.slice(at)];
  }),
  // delete lines
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })).map(([i, n]) => (ls: string[]) => {
    const at = lineIndex(ls, i);
    return [...ls.slice(0, at), ...ls.slice(at + n)];
  }),
  // duplicate a line
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(([i, n]) => (ls: string[]) => {
    if (!ls.length) return ls;
    const at = lineIndex(ls, i);
    return [...ls.slice(0, at + 1), ...Array<string>(n).fill(ls[at]), ...ls.slice(at + 1)];
  }),
  // swap two lines
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (ls: string[]) => {
    if (!ls.length) return ls;
    const out = [...ls];
    const a = lineIndex(ls, i);
    const b = lineIndex(ls, j);
    [out[a], out[b]] = [out[b], out[a]];
    return out;
  }),
  // flip digits
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 3 })).map(([i, k, d, times]) => (ls: string[]) => {
    if (!ls.length) return ls;
    const at = lineIndex(ls, i);
    let line = ls[at];
    const digits = [...line.matchAll(/\d/g)].map((m) => m.index);
    for (let t = 0; t < times && digits.length; t++) {
      const p = digits[(k + t * 7) % digits.length];
      line = line.slice(0, p) + String((d + t) % 10) + line.slice(p + 1);
    }
    const out = [...ls];
    out[at] = line;
    return out;
  }),
  // insert a piece of text somewhere in a line
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...INSERTS)).map(([i, q, ins]) => (ls: string[]) => insertInLine(ls, i, q, ins)),
  // random unicode inside a line
  fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([i, q, ins]) => (ls: string[]) => insertInLine(ls, i, q, ins)),
  // extraction damage: characters replaced by U+FFFD, private-use glyphs (unmapped PDF fonts) or NULs
  fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom('\ufffd', '\0', 'pua')), { minLength: 1, maxLength: 20 })).map(([seed, hits]) => (ls: string[]) => {
    const out = [...ls];
    hits.forEach(([k, what], j) => {
      if (!out.length) return;
      const at = lineIndex(out, k + seed);
      const line = out[at];
      const p = (k * 31 + j) % (line.length + 1);
      const ch = what === 'pua' ? String.fromCharCode(0xe000 + ((k + j) % 0x1900)) : what;
      out[at] = line.slice(0, p) + ch + line.slice(p + 1);
    });
    return out;
  }),
  // truncate a line
  fc.tuple(fc.nat(), fc.nat()).map(([i, q]) => (ls: string[]) => {
    if (!ls.length) return ls;
    const at = lineIndex(ls, i);
    const out = [...ls];
    out[at] = ls[at].slice(0, q % (ls[at].length + 1));
    return out;
  }),
  // a very long line: a line repeated (glued or spaced) up to tens of thousands of characters
  fc.tuple(fc.nat(), fc.integer({ min: 1000, max: 40000 }), fc.constantFrom('', ' ', ' | ', '\t')).map(([i, len, sep]) => (ls: string[]) => {
    const base = ls.length ? ls[lineIndex(ls, i)] || '1,234.56' : '1,234.56';
    let long = base;
    while (long.length < len) long += sep + base;
    const out = [...ls];
    out.splice(lineIndex(ls, i), ls.length ? 1 : 0, long.slice(0, len));
    return out;
  }),
  // pipes between every whitespace-separated token of a line
  fc.nat().map((i) => (ls: string[]) => {
    if (!ls.length) return ls;
    const at = lineIndex(ls, i);
    const out = [...ls];
    out[at] = ls[at].trim().split(/\s+/).join(' | ') + ' |';
    return out;
  }),
);

/** Line endings: all \n, all \r\n, all \r, or a mix. */
const eols = fc.oneof(
  fc.constantFrom(['\n'], ['\r\n'], ['\r']),
  fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 16 }),
);

const filingLike: fc.Arbitrary<string> = fc
  .tuple(excerpt, fc.array(mutation, { maxLength: 8 }), eols, fc.boolean())
  .map(([lines, muts, ends, finalEol]) => {
    let ls = lines;
    for (const m of muts) ls = m(ls);
    let text = '';
    ls.forEach((l, i) => {
      text += l;
      if (i < ls.length - 1 || finalEol) text += ends[i % ends.length];
    });
    return text;
  });

/** Random bytes read as UTF-8, the way a binary file opened as text arrives. */
const binaryJunk = fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b).toString('utf8'));

const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: filingLike },
  { weight: 1, arbitrary: binaryJunk },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2000 }) },
);

// ---------------------------------------------------------------------------
// Invariants

function inText(r: Range, n: number, what: string) {
  assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), `${what}: non-integer range ${JSON.stringify(r)}`);
  assert.ok(0 <= r.start && r.start <= r.end && r.end <= n, `${what}: range ${r.start}..${r.end} outside 0..${n} or reversed`);
}

function inside(inner: Range, outer: Range, what: string) {
  assert.ok(outer.start <= inner.start && inner.end <= outer.end, `${what}: ${inner.start}..${inner.end} not inside ${outer.start}..${outer.end}`);
}

function checkOutline(items: OutlineItem[], n: number, parent?: OutlineItem) {
  for (const it of items) {
    inText(it.range, n, `outline ${it.name}`);
    inText(it.selectionRange, n, `outline selection ${it.name}`);
    inside(it.selectionRange, it.range, `selectionRange of ${it.name}`);
    if (parent) inside(it.range, parent.range, `${it.name} in ${parent.name}`);
    assert.equal(typeof it.name, 'string');
    checkOutline(it.children, n, it);
  }
}

const FIGURE_CHAR = /[\d０-９零〇壹一贰貳二两叁參三肆四伍五陆陸六柒七捌八玖九拾十佰百仟千万萬亿億]/;

function checkModel(a: Analysis, text: string) {
  const n = text.length;
  const m = a.model;
  for (const l of m.lines) {
    inText(l, n, `line ${l.index}`);
    assert.equal(l.text, text.slice(l.start, l.end), `line ${l.index} text`);
  }
  for (const t of m.tables) {
    inText(t, n, `table ${t.id}`);
    if (t.captionRange) inText(t.captionRange, n, `caption of table ${t.id}`);
    for (const r of t.rows) {
      inText(r, n, `row ${r.label}`);
      inText(r.labelRange, n, `label of row ${r.label}`);
      for (const c of r.cells) inText(c, n, `cell ${c.text}`);
    }
  }
  const walk = (ss: typeof m.sections) => {
    for (const s of ss) {
      inText(s.heading, n, `heading ${s.heading.title}`);
      inText(s.range, n, `section ${s.heading.title}`);
      walk(s.children);
    }
  };
  walk(m.sections);
  for (const p of m.problems) inText(p, n, `problem ${p.message}`);
  let prevEnd = -1;
  for (const { figure } of a.figures) {
    inText(figure, n, `figure ${figure.raw}`);
    assert.ok(figure.end > figure.start, `empty figure at ${figure.start}`);
    assert.equal(figure.raw, text.slice(figure.start, figure.end), `figure raw is the text at its range`);
    assert.ok(figure.start >= prevEnd, `figures overlap at ${figure.start} (${figure.raw})`);
    assert.ok(Number.isFinite(figure.value), `figure value ${figure.value}`);
    prevEnd = figure.end;
  }
}

function checkDiagnostics(a: Analysis, n: number) {
  for (const d of diagnostics(a)) {
    inText(d.range, n, `diagnostic ${d.message}`);
    for (const r of d.related) inText(r.range, n, `related of ${d.message}`);
    assert.ok(d.message.length > 0);
    assert.ok(!/NaN|undefined|Infinity/.test(d.message), `diagnostic message: ${d.message}`);
  }
}

function checkHover(a: Analysis, text: string, offset: number) {
  const h = hoverAt(a, offset);
  if (!h) return;
  inText(h.range, text.length, `hover at ${offset}`);
  assert.ok(h.range.start <= offset && offset <= h.range.end, `hover at ${offset} has range ${h.range.start}..${h.range.end}`);
  const under = text.slice(h.range.start, h.range.end);
  assert.match(under, FIGURE_CHAR, `hover at ${offset} over ${JSON.stringify(under)}, which has no digit`);
  assert.ok(h.markdown.length > 0 && !/NaN/.test(h.markdown), `hover markdown: ${h.markdown}`);
}

/** Everything the server would send for a text, as JSON (checks dropped: they hold model objects). */
function snapshot(text: string): string {
  const a = analyze(text);
  const diags = diagnostics(a).map(({ check: _check, ...rest }) => rest);
  return JSON.stringify({ outline: outline(a.model), diags, figures: a.figures.map((p) => [p.figure.start, p.figure.end, p.figure.value]) });
}

/** Set by a property that builds its input from generated parts (the last failing one is the shrunk counterexample). */
let failingInput: unknown;

/**
 * fc.assert with the seed; on failure the message says how to reproduce it, and
 * the (shrunk) counterexample is written as JSON to a temp file, since texts are long.
 */
function run<T extends [unknown, ...unknown[]]>(name: string, property: fc.IRawProperty<T>, runs: number) {
  failingInput = undefined;
  const details = fc.check(property, { seed: SEED, numRuns: runs }) as fc.RunDetails<T>;
  if (!details.failed) return;
  let dumped = '';
  const input = failingInput ?? details.counterexample?.filter((v: unknown) => typeof v !== 'function');
  if (input) {
    const file = path.join(os.tmpdir(), `filing-lens-fuzz-${name}-seed${SEED}.json`);
    fs.writeFileSync(file, JSON.stringify(input, null, 1));
    dumped = `\ncounterexample written to ${file}`;
  }
  const cause = details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
  const err = new Error(
    `${name} failed after ${details.numRuns} runs; reproduce with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} ` +
      `(fast-check seed ${details.seed}, path "${details.counterexamplePath}")${dumped}\n${cause.message}`,
  );
  err.stack = `${err.message}\n${cause.stack ?? ''}`;
  throw err;
}

const offsets = fc.array(fc.nat(), { minLength: 1, maxLength: 40 });

test(`fuzz: analyze, outline, diagnostics and hover hold their invariants on mutated filings (seed ${SEED}, ${RUNS} runs)`, () => {
  const started = Date.now();
  let slowest = { ms: 0, chars: 0 };
  run(
    'invariants',
    fc.property(anyText, offsets, (text, offs) => {
      const t0 = process.hrtime.bigint();
      const a = analyze(text);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (ms > slowest.ms) {
        slowest = { ms, chars: text.length };
        if (process.env.FUZZ_DUMP_SLOWEST) fs.writeFileSync(process.env.FUZZ_DUMP_SLOWEST, text);
      }
      assert.ok(ms < SLOW_MS, `analysis of ${text.length} characters took ${ms.toFixed(0)} ms`);
      checkModel(a, text);
      checkOutline(outline(a.model), text.length);
      checkDiagnostics(a, text.length);
      for (const o of offs) checkHover(a, text, o % (text.length + 1));
      // Every figure answers a hover on its first and last character.
      for (const { figure } of a.figures.slice(0, 60)) {
        assert.ok(hoverAt(a, figure.start), `no hover on figure ${figure.raw} at ${figure.start}`);
        checkHover(a, text, figure.end - 1);
      }
      // Outline-only (over the size limit): no figures, no checks, still a valid outline.
      const o = analyze(text, { outlineOnly: true });
      assert.equal(o.figures.length, 0);
      assert.equal(o.checks.length, 0);
      checkOutline(outline(o.model), text.length);
    }),
    RUNS,
  );
  console.log(`fuzz invariants: ${RUNS} runs, seed ${SEED}, ${Date.now() - started} ms; slowest analysis ${slowest.ms.toFixed(0)} ms (${slowest.chars} chars)`);
});

test(`fuzz: the same text gives the same outline, diagnostics and figures (seed ${SEED})`, () => {
  const runs = Math.max(1, Math.round(RUNS / 3));
  run(
    'determinism',
    fc.property(anyText, (text) => {
      assert.equal(snapshot(text), snapshot(text));
    }),
    runs,
  );
});

test('fuzz: the generator reaches tables, failed and passed checks, figures, headings, long lines and every line ending', () => {
  const texts = fc.sample(anyText, { seed: SEED, numRuns: 200 });
  const seen = { tables: 0, ok: 0, failed: 0, figures: 0, sections: 0, cr: 0, crlf: 0, long: 0, nul: 0 };
  let chars = 0;
  for (const t of texts) {
    const a = analyze(t);
    chars += t.length;
    if (a.model.tables.length) seen.tables++;
    if (a.checks.some((c) => c.ok)) seen.ok++;
    if (a.checks.some((c) => !c.ok)) seen.failed++;
    if (a.figures.length) seen.figures++;
    if (a.model.sections.length) seen.sections++;
    if (/\r(?!\n)/.test(t)) seen.cr++;
    if (t.includes('\r\n')) seen.crlf++;
    if (t.split(/\r\n|\r|\n/).some((l) => l.length >= 1000)) seen.long++;
    if (t.includes('\0')) seen.nul++;
  }
  console.log(`fuzz generator coverage over 200 samples (${chars} chars): ${JSON.stringify(seen)}`);
  for (const [k, v] of Object.entries(seen)) assert.ok(v >= 5, `only ${v} of 200 samples have ${k}`);
});

/**
 * A diagnostic as the editor sees it (the check object dropped). The document-wide note on unread totals
 * is left out: an edit keeps the last one until the whole analysis that follows counts them again.
 */
const plain = (ps: ReturnType<typeof diagnostics>) => ps.filter((p) => p.code !== 'unread-totals').map(({ check: _check, ...rest }) => rest);

test(`fuzz: problems after an edit, worked out from the last analysis, equal a whole analysis of the edited text (seed ${SEED})`, () => {
  const runs = Math.max(1, Math.round(RUNS / 2));
  let quick = 0;
  run(
    'incremental',
    fc.property(filingLike, mutation, eols, (text, edit, ends) => {
      const lines = text.split(/\r\n|\r|\n/);
      const edited = edit(lines).join(ends[0]);
      const base = lines.join(ends[0]);
      const prev = analyze(base);
      const after = problemsAfterEdit(prev, diagnostics(prev), edited);
      if (!after) return;
      quick++;
      try {
        assert.deepEqual(plain(after.problems), plain(diagnostics(analyze(edited))));
      } catch (e) {
        failingInput = { base, edited };
        throw e;
      }
    }),
    runs,
  );
  console.log(`fuzz incremental: ${runs} edits, ${quick} re-analysed one chunk only`);
  assert.ok(quick > runs / 20, `only ${quick} of ${runs} edits took the quick path`);
});

test(`fuzz: an analysis made with the previous one (unchanged chunks taken over) equals one from scratch (seed ${SEED})`, () => {
  const runs = Math.max(1, Math.round(RUNS / 10));
  let sharing = 0;
  run(
    'reuse',
    fc.property(filingLike, mutation, eols, (text, edit, ends) => {
      const lines = text.split(/\r\n|\r|\n/);
      const edited = edit(lines).join(ends[0]);
      const base = lines.join(ends[0]);
      const prev = analyze(base);
      const reused = analyze(edited, { previous: prev });
      const fresh = analyze(edited);
      if (reused.model.tables.some((t) => prev.model.tables.includes(t))) sharing++;
      try {
        assert.deepStrictEqual(reused.model.tables, fresh.model.tables);
        assert.deepStrictEqual(reused.checks, fresh.checks);
        assert.deepStrictEqual(reused.figures, fresh.figures);
        assert.deepStrictEqual(outline(reused.model), outline(fresh.model));
        assert.deepStrictEqual(diagnostics(reused), diagnostics(fresh));
      } catch (e) {
        failingInput = { base, edited };
        throw e;
      }
    }),
    runs,
  );
  console.log(`fuzz reuse: ${runs} edits, ${sharing} shared tables of the previous analysis`);
  assert.ok(sharing > runs / 20, `only ${sharing} of ${runs} edits shared a table`);
});
