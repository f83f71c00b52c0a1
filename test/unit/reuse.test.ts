// An analysis that takes the unchanged chunks from the previous one (parse/reuse.ts) equals one made from
// scratch, exactly: tables, checks, figures, outline, ties, diagnostics — over random edits of real excerpts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { analyze, Analysis } from '../../server/src/analysis/analyze';
import { memoCounts } from '../../server/src/analysis/ties/perTable';
import { diagnostics } from '../../server/src/features/diagnostics';
import { outline } from '../../server/src/features/outline';
import { changedRange } from '../../server/src/parse/reuse';
import { lineAt, linesAfterEdit, splitLines } from '../../server/src/parse/lines';
import { Line } from '../../server/src/model/types';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const INSERTS = [
  '7',
  '\n',
  '\n\n',
  '合计',
  ' 1,234.56',
  '单位：万元\n',
  '\n本公司财务报表以持续经营为基础，根据实际发生的交易和事项，按照企业会计准则的规定进行确认和计量。\n',
  '\n本报告中涉及货币金额的单位均为人民币万元。\n',
  '\n| 项目 | 2024 年 | 2023 年 |\n| --- | --- | --- |\n| 合计 | 1.00 | 2.00 |\n',
  '\f',
  // page anchors and a chapter heading (running headers, furniture and headings are taken over away from them)
  '\n[P12]\n',
  '  12  ',
  '\n1-1-20\n',
  '\n第三节 管理层讨论与分析\n',
];

type Edit = (text: string, rand: () => number) => string;
const lineStartNear = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const EDITS: Edit[] = [
  // a digit changed (the commonest keystroke in a filing)
  (t, rand) => {
    const digits: number[] = [];
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) digits.push(i);
    if (!digits.length) return t;
    const at = digits[Math.floor(rand() * digits.length)];
    return t.slice(0, at) + String(Math.floor(rand() * 10)) + t.slice(at + 1);
  },
  // a piece of text inserted anywhere
  (t, rand) => {
    const at = Math.floor(rand() * (t.length + 1));
    return t.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + t.slice(at);
  },
  // a character deleted
  (t, rand) => {
    const at = Math.floor(rand() * t.length);
    return t.slice(0, at) + t.slice(at + 1);
  },
  // a line deleted, or repeated (a repeated line may become a running header)
  (t, rand) => {
    const a = lineStartNear(t, Math.floor(rand() * t.length));
    let b = t.indexOf('\n', a);
    b = b < 0 ? t.length : b + 1;
    return rand() < 0.5 ? t.slice(0, a) + t.slice(b) : t.slice(0, b) + t.slice(a, b).repeat(3) + t.slice(b);
  },
];

/** The analysis of `text` from scratch and with `previous`, and the same for their features. */
function assertSame(text: string, previous: Analysis, what: string): Analysis {
  const fresh = analyze(text);
  const reused = analyze(text, { previous });
  assert.deepStrictEqual(outline(reused.model), outline(fresh.model), `${what}: outline`);
  assert.deepStrictEqual(diagnostics(reused), diagnostics(fresh), `${what}: diagnostics`);
  // The whole analysis (model, checks, figures, ties, coverage …); maps and sets as lists, in their order
  // (deep equality of object keys is slow). On a difference, the part that differs is named first.
  const plain = (a: Analysis) => ({ ...a, checkOfCell: [...a.checkOfCell], accepted: [...a.accepted] });
  if (!isDeepStrictEqual(plain(reused), plain(fresh))) {
    for (const k of ['tables', 'sections', 'proseFigures', 'lines', 'chunks', 'claimed'] as const) assert.deepStrictEqual(reused.model[k], fresh.model[k], `${what}: model.${k}`);
    for (const k of ['checks', 'figures', 'ties', 'coverage'] as const) assert.deepStrictEqual(reused[k], fresh[k], `${what}: ${k}`);
    assert.deepStrictEqual(plain(reused), plain(fresh), `${what}: the whole analysis`);
  }
  return reused;
}

test('random edits: an analysis with the previous one equals one from scratch', () => {
  const rand = lcg(Number(process.env.REUSE_SEED ?? 20261130));
  let sharedTables = 0;
  let movedTables = 0;
  for (const f of fs.readdirSync(FIXTURES).filter((x) => x.endsWith('.filing')).sort()) {
    let text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
    let prev = analyze(text);
    for (let n = 0; n < 8; n++) {
      const edited = EDITS[Math.floor(rand() * EDITS.length)](text, rand);
      const next = assertSame(edited, prev, `${f}, edit ${n}`);
      const before = new Set(prev.model.tables);
      for (const t of next.model.tables) if (before.has(t)) sharedTables++;
      movedTables += next.model.tables.length;
      // Edits build on each other: the next previous analysis was itself made with reuse.
      text = edited;
      prev = next;
    }
  }
  // The test must see reuse happen (else it compares an analysis with itself).
  assert.ok(sharedTables > 50, `only ${sharedTables} tables shared`);
  assert.ok(movedTables > sharedTables, 'tables after an edit are copies');
});

test('the previous analysis is left as it was, and an unchanged text shares every table and check', () => {
  const text = fs.readFileSync(path.join(FIXTURES, '001-glued-inquiry.filing'), 'utf8');
  const prev = analyze(text);
  const at = text.indexOf('\n', Math.floor(text.length / 3));
  // A boundary sentence inserted a third of the way in: the tables after it move, their ids do not change
  // (a table count changed before would), those before are shared.
  const edited = text.slice(0, at) + '\n本公司财务报表以持续经营为基础，根据实际发生的交易和事项，按照企业会计准则的规定进行确认和计量。' + text.slice(at);
  const next = assertSame(edited, prev, 'inserted sentence');
  assert.deepStrictEqual(prev, analyze(text), 'the previous analysis changed');
  const shared = next.model.tables.filter((t) => prev.model.tables.includes(t));
  assert.ok(shared.length > 0 && shared.length < next.model.tables.length);
  assert.ok(shared.every((t) => t.end <= at));
  const again = analyze(edited, { previous: next });
  assert.ok(again.model.tables.every((t, i) => t === next.model.tables[i]));
  assert.ok(again.checks.every((c, i) => c === next.checks[i]));
});

test('a table whose id changes is copied, never changed in place', () => {
  const text = fs.readFileSync(path.join(FIXTURES, '003-pipe-inquiry.filing'), 'utf8');
  const prev = analyze(text);
  // A pipe table inserted at the start: every table after it gets a new id.
  const edited = '| 项目 | 2024 年 | 2023 年 |\n| --- | --- | --- |\n| 合计 | 1.00 | 2.00 |\n\n' + text;
  const ids = prev.model.tables.map((t) => t.id);
  assertSame(edited, prev, 'table inserted first');
  assert.deepStrictEqual(
    prev.model.tables.map((t) => t.id),
    ids,
  );
});

test('changedRange (blocks, then characters) finds the stretch a character-by-character comparison finds', () => {
  const naive = (a: string, b: string) => {
    const min = Math.min(a.length, b.length);
    let p = 0;
    while (p < min && a[p] === b[p]) p++;
    let s = 0;
    while (s < min - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
  };
  const rand = lcg(7);
  for (let n = 0; n < 300; n++) {
    const len = Math.floor(rand() * 20000);
    let a = '';
    while (a.length < len) a += 'ab'[Math.floor(rand() * 2)].repeat(1 + Math.floor(rand() * 40));
    const at = Math.floor(rand() * (a.length + 1));
    const cut = Math.floor(rand() * 3);
    const b = a.slice(0, at) + 'ab'.slice(0, Math.floor(rand() * 3)) + a.slice(at + cut);
    assert.deepStrictEqual(changedRange(a, b), naive(a, b), `case ${n}`);
  }
});

test('linesAfterEdit gives the lines splitLines gives, taking over the lines before the edit', () => {
  const rand = lcg(11);
  const pieces = ['a', '表', ' ', '\n', '\r', '\r\n', '\n\n', '12'];
  const some = (n: number) => Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
  for (let n = 0; n < 3000; n++) {
    const a = some(Math.floor(rand() * 40));
    const at = Math.floor(rand() * (a.length + 1));
    const cut = Math.min(a.length - at, Math.floor(rand() * 4));
    const b = a.slice(0, at) + some(Math.floor(rand() * 4)) + a.slice(at + cut);
    const prev = splitLines(a);
    const got = linesAfterEdit(prev, b, changedRange(a, b), Infinity);
    assert.deepStrictEqual(got, splitLines(b), `case ${n}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
    // Over the limit: the count alone.
    const count = splitLines(b).length;
    assert.equal(linesAfterEdit(prev, b, changedRange(a, b), count - 1), count);
    const edit = changedRange(a, b);
    // (All lines before the one before the edit's first line.)
    const first = lineAt(prev, edit.start)!.index - 1;
    for (const l of got as Line[]) if (l.index < first) assert.ok(prev[l.index] === l, 'a line before the edit is taken over');
  }
});

test('an edit far from page anchors and headings takes over the running headers, the lines’ own furniture and the headings', () => {
  const text = fs.readFileSync(path.join(FIXTURES, '30-pdftotext-layout.filing'), 'utf8');
  const prev = analyze(text);
  assert.ok(prev.model.runningHeaders.size > 0 && prev.model.lineHeadings!.headings.length > 0);
  // A digit halfway between two pages' first lines, and a line inserted there: neither is a page anchor.
  const pages = [...text.matchAll(/\f/g)].map((m) => m.index!);
  assert.ok(pages.length >= 3);
  const mid = text.indexOf('\n', Math.floor((pages[1] + pages[2]) / 2)) + 1;
  const digit = mid + text.slice(mid).search(/\d/);
  for (const edited of [text.slice(0, digit) + (text[digit] === '1' ? '2' : '1') + text.slice(digit + 1), text.slice(0, mid) + '另有说明\n' + text.slice(mid)]) {
    const next = assertSame(edited, prev, 'edit far from anchors');
    assert.ok(next.model.runningHeaders === prev.model.runningHeaders, 'running headers taken over');
    // The headings before the edit are the previous model's own objects.
    const before = next.model.lineHeadings!.headings.filter((h) => h.end < digit - 2000);
    assert.ok(before.length > 0 && before.every((h) => prev.model.lineHeadings!.headings.includes(h)));
  }
  // A form feed inserted there is a page anchor: the headers are found again (and the same).
  const paged = text.slice(0, mid) + '\f' + text.slice(mid);
  const next = assertSame(paged, prev, 'form feed inserted');
  assert.ok(next.model.runningHeaders !== prev.model.runningHeaders);
});

test('ties after an edit: a table the edit left alone keeps its ties, a moved one translates them, all as from scratch', () => {
  const dir = path.join(FIXTURES, 'ties');
  let kept = 0;
  const counts = { ...memoCounts };
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.filing')).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const prev = analyze(text);
    const before = prev.ties;
    // The first character replaced (nothing moves: the tables of the chunks after the first are shared), and a
    // line inserted at the start (every table moves).
    for (const edited of [(text[0] === '*' ? '#' : '*') + text.slice(1), '\n' + text]) {
      const reused = assertSame(edited, prev, `${f}: ${edited.length === text.length ? 'replacement' : 'insertion'}`);
      const rolls = reused.ties.filter((t) => t.family === 'rollForwards');
      if (edited.length === text.length) kept += rolls.filter((t) => before.includes(t)).length;
    }
  }
  // The same tie objects where the table is shared (worked out once per table: ties/perTable.ts); for a copy,
  // the source's summaries translated.
  assert.ok(kept > 0, 'no roll-forward tie kept over a replacement');
  assert.ok(memoCounts.translated - counts.translated > 20, `${memoCounts.translated - counts.translated} summaries translated for copies`);
});
