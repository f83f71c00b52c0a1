// Damaged PDFs: the balance-sheet fixture with bytes overwritten, cut short or
// with a stretch cut out. Every one gives a result (text or a message) in time;
// none throws.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pagesToFiling, pdfToFiling } from '../../server/src/pdf/convert';
import { PdfItem, PdfPage } from '../../server/src/pdf/types';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/pdf/34-balance-sheet.pdf');

test('pdf: damaged copies of a real PDF never throw and always answer', async () => {
  const base = fs.readFileSync(FIXTURE);
  let seed = 17;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const kinds = { text: 0, error: 0 };
  for (let i = 0; i < 16; i++) {
    const b = Buffer.from(base);
    let input: Buffer = b;
    if (i % 4 === 0) for (let k = 0; k < 20; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    if (i % 4 === 1) input = b.subarray(0, Math.floor(rnd() * b.length));
    if (i % 4 === 2) {
      const at = Math.floor(rnd() * b.length);
      input = Buffer.concat([b.subarray(0, at), b.subarray(at + 500)]);
    }
    if (i % 4 === 3) for (let k = 0; k < 200; k++) b[Math.floor(rnd() * b.length)] = 0x30;
    const r = await pdfToFiling(input);
    if (r.error) {
      kinds.error++;
      assert.equal(r.text, '');
      assert.ok(r.error.length > 10, r.error);
    } else {
      kinds.text++;
      assert.ok(r.text.startsWith('[P1]\n'), r.text.slice(0, 40));
    }
  }
  assert.equal(kinds.text + kinds.error, 16);
});

test('pdf layout: random text items (figures, labels, odd sizes and widths) never throw, and every page gets its marker', () => {
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = ['合计', '流动资产', '1,234.56', '-', '(12.00)', '七、1', '其中：', '单位：元', '项目', '2024 年', '本期发生额', '。', '|', ' ', '', '45%'];
  const pages: PdfPage[] = [];
  for (let n = 1; n <= 6; n++) {
    const items: PdfItem[] = [];
    for (let i = 0; i < 400; i++) {
      const size = [0, -3, 1e-9, 9, 10.5, 400, Number.NaN][Math.floor(rnd() * 7)];
      items.push({
        str: words[Math.floor(rnd() * words.length)],
        x: rnd() < 0.02 ? Number.POSITIVE_INFINITY : rnd() * 600,
        y: Math.floor(rnd() * 60) * 13.5,
        w: rnd() < 0.05 ? Number.NaN : rnd() * 80,
        size,
      });
    }
    pages.push({ number: n, width: 595, height: n % 2 ? 842 : 595, items });
  }
  const start = Date.now();
  const r = pagesToFiling(pages);
  const ms = Date.now() - start;
  for (let n = 1; n <= 6; n++) assert.ok(r.text.includes(`[P${n}]\n`), `marker of page ${n}`);
  assert.ok(ms < 5000, `${ms} ms`);
});
