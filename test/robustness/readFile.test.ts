// server/src/io/readFile.ts: filings in UTF-8, UTF-16 and GBK / GB18030, binary
// files and oversized files refused. Fixtures are encoded at test time.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { outline } from '../../server/src/features/outline';
import { decodeFilingBytes, DEFAULT_MAX_BYTES, readFilingFile } from '../../server/src/io/readFile';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures');
const pipe = fs.readFileSync(path.join(FIXTURES, '003-pipe-inquiry.filing'), 'utf8');
const balance = fs.readFileSync(path.join(FIXTURES, '002-cell-per-line-balance-sheet.filing'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens-read-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array | string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
}

const summary = (text: string) => {
  const a = analyze(text);
  return JSON.stringify({ outline: outline(a.model), diags: diagnostics(a).map((d) => d.message) });
};

test('readFilingFile: a GBK file (the pipe inquiry encoded at test time) decodes as GB18030 to the same text and the same analysis', () => {
  const bytes = iconv.encode(pipe, 'gbk');
  assert.ok(!Buffer.from(pipe, 'utf8').equals(bytes), 'the GBK bytes differ from UTF-8');
  const r = readFilingFile(write('gbk.filing', bytes));
  assert.equal(r.error, undefined);
  assert.equal(r.warning, undefined);
  assert.equal(r.encoding, 'gb18030');
  assert.equal(r.text, pipe);
  assert.equal(summary(r.text), summary(pipe));
  assert.match(summary(r.text), /25,211 ≠ sum of 3 rows 25,212/);
});

test('readFilingFile: GB18030 with characters outside GBK (four-byte sequences, CJK extension B, €) round-trips', () => {
  const text = `${balance}\n附注：𠀀𪚥 € \u2002 ✓\n`;
  const bytes = iconv.encode(text, 'gb18030');
  assert.ok(bytes.length > 0);
  const r = readFilingFile(write('gb18030.filing', bytes));
  assert.equal(r.error, undefined);
  assert.equal(r.encoding, 'gb18030');
  assert.equal(r.text, text);
});

test('readFilingFile: UTF-8 with and without a BOM; the BOM is not part of the text', () => {
  const plain = readFilingFile(write('utf8.filing', pipe));
  assert.deepEqual(plain, { text: pipe, encoding: 'utf-8' });
  const bom = readFilingFile(write('utf8bom.filing', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pipe, 'utf8')])));
  assert.deepEqual(bom, { text: pipe, encoding: 'utf-8' });
});

test('readFilingFile: UTF-16 LE and BE with a BOM', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(balance, 'utf16le')]);
  const r1 = readFilingFile(write('le.filing', le));
  assert.deepEqual(r1, { text: balance, encoding: 'utf-16le' });
  const be = Buffer.from(balance, 'utf16le').swap16();
  const r2 = readFilingFile(write('be.filing', Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
  assert.deepEqual(r2, { text: balance, encoding: 'utf-16be' });
  // A truncated file (odd byte count) keeps its text and says what was lost.
  const r3 = decodeFilingBytes(le.subarray(0, le.length - 1));
  assert.equal(r3.encoding, 'utf-16le');
  assert.equal(r3.text, balance.slice(0, -1) + '\ufffd');
  assert.match(r3.warning ?? '', /1 byte sequence could not be decoded as UTF-16LE/);
});

test('readFilingFile: an empty file is an empty UTF-8 text, not an error', () => {
  assert.deepEqual(readFilingFile(write('empty.filing', '')), { text: '', encoding: 'utf-8' });
});

test('readFilingFile: binary files are refused with a clear error', () => {
  // A PNG header and NUL-heavy pixel data.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096), Buffer.from('IEND')]);
  const r = readFilingFile(write('image.png', png));
  assert.equal(r.text, '');
  assert.match(r.error ?? '', /image\.png: looks like a binary file, not text: \d+ NUL bytes/);
  // Random bytes with NULs scattered through them.
  const junk = Buffer.alloc(20000);
  let x = 12345;
  for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16 & 0xff;
  assert.match(readFilingFile(write('junk.bin', junk)).error ?? '', /binary/);
  // UTF-16 without a BOM: refused, with a hint.
  assert.match(readFilingFile(write('nobom16.filing', Buffer.from(balance, 'utf16le'))).error ?? '', /binary.*UTF-16 without a byte-order mark/);
});

test('readFilingFile: a stray NUL or two in a text file does not make it binary', () => {
  const text = pipe.replace('合计', '合\0计').replace('问题2', '问题\u00002');
  const r = readFilingFile(write('nul.filing', text));
  assert.equal(r.error, undefined);
  assert.equal(r.text, text);
});

test('readFilingFile: bytes that are neither UTF-8 nor GB18030 are decoded with U+FFFD and a warning', () => {
  // 0xFF is not a lead byte in GB18030 and never valid in UTF-8.
  const bytes = Buffer.concat([iconv.encode('营业收入 | 1,234 |\n', 'gbk'), Buffer.from([0xff, 0xff]), iconv.encode('\n合计 | 1,234 |\n', 'gbk')]);
  const r = readFilingFile(write('bad.filing', bytes));
  assert.equal(r.error, undefined);
  assert.equal(r.encoding, 'gb18030');
  assert.ok(r.text.startsWith('营业收入 | 1,234 |\n') && r.text.endsWith('\n合计 | 1,234 |\n'), JSON.stringify(r.text));
  assert.ok(r.text.includes('\ufffd'));
  assert.match(r.warning ?? '', /could not be decoded as GB18030/);
});

test('readFilingFile: UTF-32 is refused rather than read as UTF-16', () => {
  const bytes = Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]);
  assert.match(decodeFilingBytes(bytes).error ?? '', /UTF-32/);
});

test('readFilingFile: the size cap is a parameter (default 50 MB) and an oversized file is not read', () => {
  assert.equal(DEFAULT_MAX_BYTES, 50 * 1024 * 1024);
  const small = write('small.filing', pipe);
  const capped = readFilingFile(small, { maxBytes: 1000 });
  assert.equal(capped.text, '');
  assert.match(capped.error ?? '', /small\.filing: file is [\d,]+ bytes, over the 1,000 bytes limit/);
  assert.equal(readFilingFile(small, { maxBytes: Buffer.byteLength(pipe) }).text, pipe, 'exactly at the cap is allowed');
  // A sparse 50 MB + 1 byte file: refused from its size alone, quickly.
  const big = path.join(tmp, 'big.filing');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, DEFAULT_MAX_BYTES + 1);
  const started = process.hrtime.bigint();
  const r = readFilingFile(big);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.match(r.error ?? '', /big\.filing: file is 50\.0 MB, over the 50 MB limit/);
  assert.ok(ms < 200, `refusing took ${ms} ms`);
});

test('readFilingFile: a missing file or a directory is an error, not an exception', () => {
  assert.match(readFilingFile(path.join(tmp, 'nope.filing')).error ?? '', /nope\.filing: cannot read the file \(ENOENT\)/);
  assert.match(readFilingFile(tmp).error ?? '', /is a directory/);
});

test('decodeFilingBytes (fast-check): filing text encoded as UTF-8, UTF-8 + BOM, UTF-16 LE/BE + BOM or GB18030 decodes to itself; random bytes never throw', () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20240611);
  const lines = [pipe, balance].flatMap((t) => t.split('\n'));
  // Excerpts with extraction damage; no NULs or C0 controls (those make a file binary) and no lone surrogates (not encodable).
  const damage = fc.constantFrom('', '\ufffd', '\ue000', '\uf8ff', '\u{f0000}', '\u{20000}', '€', '１２３', '\u3000', '\r', '\r\n', '\t');
  const filing = fc
    .tuple(fc.nat(lines.length - 1), fc.integer({ min: 1, max: 60 }), fc.array(fc.tuple(fc.nat(), damage), { maxLength: 10 }))
    .map(([at, count, hits]) => {
      let t = lines.slice(at, at + count).join('\n');
      for (const [p, s] of hits) {
        const q = p % (t.length + 1);
        t = t.slice(0, q) + s + t.slice(q);
      }
      return t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
    });
  const bom = (b: number[], body: Buffer) => Buffer.concat([Buffer.from(b), body]);
  fc.assert(
    fc.property(filing, (text) => {
      assert.deepEqual(decodeFilingBytes(Buffer.from(text, 'utf8')), { text, encoding: 'utf-8' });
      assert.deepEqual(decodeFilingBytes(bom([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8'))), { text, encoding: 'utf-8' });
      assert.deepEqual(decodeFilingBytes(bom([0xff, 0xfe], Buffer.from(text, 'utf16le'))), { text, encoding: 'utf-16le' });
      assert.deepEqual(decodeFilingBytes(bom([0xfe, 0xff], Buffer.from(text, 'utf16le').swap16())), { text, encoding: 'utf-16be' });
      // Without a BOM, GB18030 bytes of a few Chinese characters are not valid UTF-8.
      if ((text.match(/[\u4e00-\u9fff]/g) ?? []).length >= 4) assert.deepEqual(decodeFilingBytes(iconv.encode(text, 'gb18030')), { text, encoding: 'gb18030' });
    }),
    { seed, numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
      const r = decodeFilingBytes(bytes);
      assert.ok(['utf-8', 'utf-16le', 'utf-16be', 'gb18030'].includes(r.encoding));
      if (r.error) assert.equal(r.text, '');
      else assert.equal(typeof r.text, 'string');
    }),
    { seed, numRuns: 500 },
  );
});
