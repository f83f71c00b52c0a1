import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseChineseNumeral, parseNumberToken, splitGlued } from '../../server/src/parse/numbers';

const values = (s: string, n?: number) => splitGlued(s, n)?.tokens.map((t) => t.raw);

test('parses thousands separators, decimals, negatives and percentages', () => {
  assert.deepEqual(parseNumberToken('39,150.00'), { value: 39150, decimals: 2, percent: false, negative: false });
  assert.equal(parseNumberToken('-1,234.5')?.value, -1234.5);
  assert.equal(parseNumberToken('(1,234.50)')?.value, -1234.5);
  assert.equal(parseNumberToken('（12）')?.value, -12);
  assert.equal(parseNumberToken('－7')?.value, -7);
  assert.deepEqual(parseNumberToken('12.50%'), { value: 12.5, decimals: 2, percent: true, negative: false });
  assert.equal(parseNumberToken('１，２３４．５６')?.value, 1234.56);
  assert.equal(parseNumberToken('1,23'), undefined);
  assert.equal(parseNumberToken('2019年'), undefined);
  assert.equal(parseNumberToken('(12'), undefined);
});

test('splits glued cells on grouping and two decimals (001)', () => {
  assert.deepEqual(values('28,770,992.0165,364,545.2341,397,352.93585,435.57'), ['28,770,992.01', '65,364,545.23', '41,397,352.93', '585,435.57']);
  assert.deepEqual(values('2,353.951,019.7443.32%6,446.28'), ['2,353.95', '1,019.74', '43.32%', '6,446.28']);
  assert.deepEqual(values('3,419.192,670,111.002,683,330.0013,219.0018.60'), ['3,419.19', '2,670,111.00', '2,683,330.00', '13,219.00', '18.60']);
  assert.deepEqual(values('54,293100.00%'), ['54,293', '100.00%']);
  assert.deepEqual(values('2,256.914,056.85950.52-'), ['2,256.91', '4,056.85', '950.52', '-']);
});

test('a dash before digits is an empty cell when the column count says so', () => {
  assert.deepEqual(values('0.00-4,154.764.764,082.168.4858.541.09', 8), ['0.00', '-', '4,154.76', '4.76', '4,082.16', '8.48', '58.54', '1.09']);
  assert.deepEqual(values('3,969.10-9.389,447.89', 3), ['3,969.10', '-9.38', '9,447.89']);
});

test('marks a glued run with more than one equally good reading as ambiguous', () => {
  const s = splitGlued('1111');
  assert.ok(s === undefined || s.ambiguous);
  assert.equal(splitGlued('1,402.79532.5037.96%')?.ambiguous, false);
});

test('reads capital Chinese numerals', () => {
  assert.equal(parseChineseNumeral('壹佰万'), 1_000_000);
  assert.equal(parseChineseNumeral('叁仟伍佰'), 3500);
  assert.equal(parseChineseNumeral('壹亿贰仟万'), 120_000_000);
  assert.equal(parseChineseNumeral('公司'), undefined);
});
