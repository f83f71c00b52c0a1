// The server's analysis cache (server/src/lsp/cache.ts): callers of one
// document version share one sliced analysis; a cancelled caller leaves at the
// next slice, and the analysis stops when no caller is left.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AnalysisCache, DEFAULT_SETTINGS } from '../../server/src/lsp/cache';
import { table } from '../robustness/util';

/** A document whose analysis takes many slices of 1 ms. */
const TEXT = Array.from({ length: 40 }, (_, i) => `${i + 1}、第${i + 1}张表\n${table('space', 400).text}这是一个足够长的句子，用来把文档分成片段，并且以句号结尾，所以它是一个边界行。\n`).join('');

test('two callers of the same version share one analysis', async () => {
  const cache = new AnalysisCache();
  let texts = 0;
  const text = () => (texts++, TEXT);
  const [a, b] = await Promise.all([
    cache.getInSlices('u', 1, text, DEFAULT_SETTINGS, () => false, 1),
    cache.getInSlices('u', 1, text, DEFAULT_SETTINGS, () => false, 1),
  ]);
  assert.ok(a && a === b);
  assert.equal(texts, 1, 'one analysis for both');
  assert.ok(a.analysis.model.tables.length >= 40);
});

test('a cancelled caller gets undefined at the next slice; the other caller still gets the analysis', async () => {
  const cache = new AnalysisCache();
  let cancel = false;
  const first = cache.getInSlices('u', 1, () => TEXT, DEFAULT_SETTINGS, () => cancel, 1);
  const second = cache.getInSlices('u', 1, () => TEXT, DEFAULT_SETTINGS, () => false, 1);
  cancel = true;
  assert.equal(await first, undefined);
  const e = await second;
  assert.ok(e && e.analysis.model.tables.length >= 40);
});

test('the analysis stops when its only caller is cancelled: nothing is stored, and the next caller starts again', async () => {
  const cache = new AnalysisCache();
  let cancel = false;
  let slices = 0;
  const started = cache.getInSlices('u', 1, () => TEXT, DEFAULT_SETTINGS, () => (slices++, cancel), 1);
  await new Promise((resolve) => setImmediate(resolve));
  cancel = true;
  assert.equal(await started, undefined);
  const seen = slices;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(slices, seen, 'no slice ran after the cancel');
  let texts = 0;
  const again = await cache.getInSlices('u', 1, () => (texts++, TEXT), DEFAULT_SETTINGS, () => false, 1);
  assert.equal(texts, 1, 'analysed again: the cancelled one was not kept');
  assert.ok(again);
});

test('a caller of a newer version replaces the running analysis of an older one', async () => {
  const cache = new AnalysisCache();
  const old = cache.getInSlices('u', 1, () => TEXT, DEFAULT_SETTINGS, () => false, 1);
  const fresh = cache.getInSlices('u', 2, () => TEXT.replace('第1张表', '第一张表'), DEFAULT_SETTINGS, () => false, 1);
  assert.equal(await old, undefined);
  const e = await fresh;
  assert.equal(e?.version, 2);
});
