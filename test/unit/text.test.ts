import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { splitGlued } from '../../server/src/parse/numbers';
import { endsWithAnyOf, hasNonSpace, isSpaceCode, lastNonSpaceCode, trimmedEnd, trimmedStart } from '../../server/src/parse/text';

test('isSpaceCode is \\s for every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
});

test('trimmed bounds, last character and blank tests agree with trim()', () => {
  const samples = ['', ' ', '\u3000\u3000', '合计', '  合计 1,234.56\u3000', '\ufeff第三节 管理层讨论\t', '\u00a0\u00a0x\u2003', '说明。 \r'];
  for (const s of samples) {
    const t = s.trim();
    assert.equal(s.slice(trimmedStart(s), trimmedEnd(s)), t, JSON.stringify(s));
    assert.equal(trimmedEnd(s), s.trimEnd().length, JSON.stringify(s));
    assert.equal(hasNonSpace(s), t !== '', JSON.stringify(s));
    assert.equal(lastNonSpaceCode(s), t ? t.charCodeAt(t.length - 1) : -1, JSON.stringify(s));
  }
  assert.equal(endsWithAnyOf('合计 1,234.56\u3000', '0123456789'), true);
  assert.equal(endsWithAnyOf('公司主要从事软件开发。  ', '。；'), true);
  assert.equal(endsWithAnyOf('公司主要从事软件开发', '。；'), false);
  assert.equal(endsWithAnyOf('   ', '。；'), false);
});

test('splits a long glued run (more token options than the shared buffer first holds)', () => {
  const figure = '123,456,789,012.34';
  const run = figure.repeat(24);
  const split = splitGlued(run);
  assert.ok(split);
  assert.equal(split.tokens.length, 24);
  assert.ok(split.tokens.every((t) => t.raw === figure && t.number?.value === 123456789012.34));
  // The shared buffers are reused: a short run right after reads as before.
  assert.deepEqual(splitGlued('2,353.951,019.7443.32%')?.tokens.map((t) => t.raw), ['2,353.95', '1,019.74', '43.32%']);
});
