// PDF → filing text (server/src/pdf): a real statement cut from an annual
// report's PDF (test/fixtures/pdf/34-balance-sheet.pdf: the consolidated balance
// sheet of 600628's 2018 report, pages 46–48, its embedded font programs
// removed — text extraction needs only the ToUnicode maps and widths), the
// layout rules on items placed by hand, and bad PDFs.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyze } from '../../server/src/analysis/analyze';
import { pagesToFiling, pdfToFiling } from '../../server/src/pdf/convert';
import { readPdfFile } from '../../server/src/pdf/file';
import { buildLines } from '../../server/src/pdf/lines';
import { layoutPage } from '../../server/src/pdf/tables';
import { PdfItem, PdfPage } from '../../server/src/pdf/types';
import { minimalPdf } from './pdfFiles';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/pdf/34-balance-sheet.pdf');
const ENCRYPTED = path.join(ROOT, 'test/fixtures/pdf/encrypted.pdf');

const lines = (text: string) => text.split('\n');
const rowOf = (text: string, label: string) => lines(text).find((l) => l.startsWith(label + ' |'));

test('pdf: the consolidated balance sheet comes out as pipe rows with its figures, empty cells kept', async () => {
  const r = await readPdfFile(FIXTURE);
  assert.equal(r.error, undefined);
  assert.equal(r.pages, 3);
  assert.deepEqual(r.warnings, []);
  const t = r.text;
  assert.equal(rowOf(t, '项目'), '项目 | 附注 | 期末余额 | 期初余额 |');
  assert.equal(rowOf(t, '货币资金'), '货币资金 | 11.7.1 | 1,364,263,998.76 | 1,273,417,745.75 |');
  assert.equal(rowOf(t, '流动资产合计'), '流动资产合计 |  | 2,547,979,863.96 | 2,469,834,119.11 |');
  assert.equal(rowOf(t, '资产总计'), '资产总计 |  | 5,793,311,212.77 | 5,855,983,945.78 |');
  // A figure in one column only: the other cell stays empty, the figure stays in its column.
  assert.equal(rowOf(t, '其中：应收票据'), '其中：应收票据 |  | 662,000.00 |  |');
  assert.equal(rowOf(t, '在建工程'), '在建工程 | 11.7.10 | 12,970,701.03 |  |');
  // Rows without figures are rows of the table too (a statement lists its empty lines).
  assert.equal(rowOf(t, '结算备付金'), '结算备付金 |  |  |  |');
  // The table goes on after the page break: the liabilities on page 2.
  const p2 = lines(t).indexOf('[P2]');
  assert.ok(p2 > 0);
  assert.equal(lines(t)[p2 + 1], '流动负债： |  |  |  |');
  assert.equal(rowOf(t, '短期借款'), '短期借款 | 11.7.15 | 200,000,000.00 | 276,000,000.00 |');
  assert.equal(rowOf(t, '负债和所有者权益（或股东权益）总计'), '负债和所有者权益（或股东权益）总计 |  | 5,793,311,212.77 | 5,855,983,945.78 |');
  // Page markers, and no running header or page footer (they repeat on every page).
  assert.deepEqual(lines(t).filter((l) => /^\[P\d+\]$/.test(l)), ['[P1]', '[P2]', '[P3]']);
  assert.ok(!t.includes('年年度报告'), 'running header dropped');
  assert.ok(!/\d+\s*\/\s*110/.test(t), 'page footer dropped');
  // Headings stay lines of their own.
  assert.ok(lines(t).includes('合并资产负债表'));
  assert.ok(lines(t).includes('母公司资产负债表'));
});

test('pdf: the core checks the statement totals of the converted text', async () => {
  const r = await readPdfFile(FIXTURE);
  const a = analyze(r.text);
  const checked = (label: string) => a.checks.filter((c) => c.row.label === label);
  for (const [label, figures] of [
    ['流动资产合计', ['2,547,979,863.96', '2,469,834,119.11']],
    ['资产总计', ['5,793,311,212.77', '5,855,983,945.78']],
    ['流动负债合计', ['1,132,167,254.03', '1,384,325,085.81']],
    ['负债合计', ['1,350,968,337.62', '1,509,439,156.99']],
  ] as const) {
    const cs = checked(label);
    assert.ok(cs.length >= 2, `${label} checked`);
    for (const f of figures) assert.ok(cs.some((c) => c.total.figure?.raw === f && c.ok), `${label} ${f} reconciles`);
  }
  assert.ok(a.checks.length >= 20, `${a.checks.length} checks`);
});

// ---------------------------------------------------------------------------
// Layout rules on items placed by hand (size 10; y upwards as in PDF)

const item = (str: string, x: number, y: number, w = str.length * 5, size = 10): PdfItem => ({ str, x, y, w, size });
/** A right-aligned figure ending at `right`. */
const fig = (str: string, right: number, y: number): PdfItem => item(str, right - str.length * 5, y, str.length * 5);

test('pdf layout: items of one cell join, cells split at wide gaps and between two figures', () => {
  const [l] = buildLines([item('11.7.', 300, 700, 20), item('1', 320, 700, 5), item('2024', 100, 700.5, 20), item('年', 122, 700, 10), fig('1,234.00', 450, 700), fig('5,678.00', 458 + 40, 700)]);
  assert.deepEqual(
    l.segments.map((s) => [s.text, s.figure]),
    [
      ['2024 年', false],
      ['11.7.1', false],
      ['1,234.00', true],
      ['5,678.00', true],
    ],
  );
});

test('pdf layout: columns from right-aligned figures; empty cells; a wrapped label joins its row', () => {
  const page = buildLines([
    item('项目', 60, 800),
    item('本期', 420, 800),
    item('上期', 520, 800),
    item('营业收入', 60, 780),
    fig('1,000.00', 450, 780),
    fig('900.00', 550, 780),
    item('营业成本', 60, 764),
    fig('600.00', 450, 764),
    // A label too long for its cell: figures on the first line, the rest below, closer than a row.
    item('其他收益（损失以', 60, 748),
    fig('10.00', 450, 748),
    fig('8.00', 550, 748),
    item('“－”号填列）', 60, 737),
    item('合计', 60, 721),
    fig('1,610.00', 450, 721),
    fig('908.00', 550, 721),
  ]);
  assert.deepEqual(layoutPage(page), [
    '项目 | 本期 | 上期 |',
    '营业收入 | 1,000.00 | 900.00 |',
    '营业成本 | 600.00 |  |',
    '其他收益（损失以“－”号填列） | 10.00 | 8.00 |',
    '合计 | 1,610.00 | 908.00 |',
  ]);
});

test('pdf layout: header words wrapped in their cells make one header row; a header line with a label of its own stays a row', () => {
  const page = buildLines([
    item('被投资单位', 60, 820),
    item('期初', 430, 820),
    item('本期增', 525, 820),
    item('加', 530, 806),
    item('项目', 60, 790),
    item('（%）', 430, 790),
    item('（%）', 530, 790),
    item('甲公司', 60, 770),
    fig('1.00', 450, 770),
    fig('2.00', 550, 770),
    item('乙公司', 60, 755),
    fig('3.00', 450, 755),
    fig('4.00', 550, 755),
  ]);
  assert.deepEqual(layoutPage(page), ['被投资单位 | 期初 | 本期增加 |', '项目 | （%） | （%） |', '甲公司 | 1.00 | 2.00 |', '乙公司 | 3.00 | 4.00 |']);
});

test('pdf layout: figures centred between the two lines of their label take both', () => {
  const page = buildLines([
    item('资产总计', 60, 800),
    fig('5.00', 450, 800),
    fig('6.00', 550, 800),
    item('负债和所有者权益（或股东', 60, 786),
    fig('5.00', 450, 779.5),
    fig('6.00', 550, 779.5),
    item('权益）总计', 50, 773),
  ]);
  assert.deepEqual(layoutPage(page), ['资产总计 | 5.00 | 6.00 |', '负债和所有者权益（或股东权益）总计 | 5.00 | 6.00 |']);
});

test('pdf layout: text stays text; a lone line with a figure is no table', () => {
  const page = buildLines([item('一、公司信息', 60, 800), item('注册资本', 60, 780), item('1,000.00', 300, 780), item('本公司于 2001 年设立。', 60, 760)]);
  const out = layoutPage(page);
  assert.equal(out.length, 3);
  assert.equal(out[0], '一、公司信息');
  assert.match(out[1], /^注册资本 {2,12}1,000\.00$/);
  assert.equal(out[2], '本公司于 2001 年设立。');
});

test("pdf layout: a paragraph's lines are joined where a line runs to the right margin; headings and short lines stay", () => {
  const full = '本公司董事会、监事会及董事保证年度报告内容的真实、准确、完整，不存在虚'; // 38 characters: the right margin
  const page = buildLines([
    item('一、重要提示', 60, 800),
    item(full, 60, 780),
    item('假记载、误导性陈述或重大遗漏。', 78, 766),
    item('二、公司全体董事出席董事会会议。', 60, 746),
    // A paragraph whose first line is indented.
    item(full.slice(0, 31), 80, 726),
    item('收益。', 60, 712),
  ]);
  assert.deepEqual(layoutPage(page), ['一、重要提示', full + '假记载、误导性陈述或重大遗漏。', '二、公司全体董事出席董事会会议。', full.slice(0, 31) + '收益。']);
});

test("pdf: a table going on at the next page's top keeps its columns, a column empty on that page too", () => {
  const header = () => item('某某股份有限公司 2024 年年度报告', 200, 800);
  const p1: PdfPage = {
    number: 1,
    width: 595,
    height: 842,
    items: [header(), item('项目', 60, 700), item('附注', 250, 700), item('期末', 425, 700), item('期初', 525, 700), item('货币资金', 60, 680), item('七、1', 250, 680), fig('1.00', 440, 680), fig('2.00', 540, 680), item('存货', 60, 665), item('七、2', 250, 665), fig('3.00', 440, 665), fig('4.00', 540, 665), item('结算备付金', 60, 650)],
  };
  const p2: PdfPage = { number: 2, width: 595, height: 842, items: [header(), item('拆出资金', 60, 700), item('其他', 60, 685), fig('5.00', 440, 685), fig('6.00', 540, 685), item('合计', 60, 670), fig('9.00', 440, 670), fig('12.00', 540, 670)] };
  const r = pagesToFiling([p1, p2]);
  assert.deepEqual(lines(r.text), [
    '[P1]',
    '项目 | 附注 | 期末 | 期初 |',
    '货币资金 | 七、1 | 1.00 | 2.00 |',
    '存货 | 七、2 | 3.00 | 4.00 |',
    '结算备付金 |  |  |  |',
    '[P2]',
    '拆出资金 |  |  |  |',
    '其他 |  | 5.00 | 6.00 |',
    '合计 |  | 9.00 | 12.00 |',
    '',
  ]);
});

test('pdf: running headers and page numbers found by repetition are dropped; an empty page is reported', () => {
  const page = (n: number, body: PdfItem[]): PdfPage => ({
    number: n,
    width: 595,
    height: 842,
    items: n === 3 ? [] : [item('某某股份有限公司 2024 年年度报告', 200, 800), ...body, item(`${n} / 9`, 290, 40)],
  });
  // A landscape page: the header stands as far from its top as on the others.
  const landscape: PdfPage = { number: 4, width: 842, height: 595, items: [item('某某股份有限公司 2024 年年度报告', 330, 553), item('第三节 宽表', 60, 500), item('4 / 9', 400, 40)] };
  const r = pagesToFiling([page(1, [item('第一节 释义', 60, 700)]), page(2, [item('第二节 公司简介', 60, 700)]), page(3, []), landscape]);
  assert.equal(r.text, '[P1]\n第一节 释义\n[P2]\n第二节 公司简介\n[P3]\n[P4]\n第三节 宽表\n');
  assert.deepEqual(r.warnings, ['page 3 has no text layer (scanned?)']);
});

// ---------------------------------------------------------------------------
// Bad PDFs: a message, never a throw

test('pdf: a small PDF written by hand reads; a page with only a drawing is reported as scanned', async () => {
  const pdf = minimalPdf([[{ text: 'Revenue', x: 60, y: 700 }, { text: '1,234.00', x: 300, y: 700 }, { text: 'Total', x: 60, y: 680 }, { text: '1,234.00', x: 300, y: 680 }], null]);
  const r = await pdfToFiling(pdf);
  assert.equal(r.error, undefined);
  assert.equal(r.pages, 2);
  assert.ok(r.text.includes('Revenue | 1,234.00 |'), r.text);
  assert.deepEqual(r.warnings, ['page 2 has no text layer (scanned?)']);
});

test('pdf: a landscape page (/Rotate 90) is read as it is shown, its table too', async () => {
  const runs = [
    { text: 'Revenue', x: 100, y: 60 },
    { text: '1,234.00', x: 100, y: 300 },
    { text: 'Cost', x: 115, y: 60 },
    { text: '234.00', x: 115, y: 300 },
    { text: 'Total', x: 130, y: 60 },
    { text: '1,468.00', x: 130, y: 300 },
  ];
  const r = await pdfToFiling(minimalPdf([runs], { rotate: 90 }));
  assert.deepEqual(r.warnings, []);
  assert.equal(r.text, '[P1]\nRevenue | 1,234.00 |\nCost | 234.00 |\nTotal | 1,468.00 |\n');
});

test('pdf: a page whose content stream is damaged is reported, and the other pages are read', async () => {
  const r = await pdfToFiling(minimalPdf([[{ text: 'Hello', x: 60, y: 700 }], 'damaged', [{ text: 'World', x: 60, y: 700 }]]));
  assert.equal(r.error, undefined);
  assert.equal(r.text, '[P1]\nHello\n[P2]\n[P3]\nWorld\n');
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /^page 2 could not be read \(.*flate/);
  // Every page damaged: an error.
  assert.match((await pdfToFiling(minimalPdf(['damaged']))).error ?? '', /^no page could be read/);
});

test('pdf: not a PDF, an empty file, a truncated PDF and a damaged cross-reference table give messages', async () => {
  const good = minimalPdf([[{ text: 'Hello', x: 60, y: 700 }]]);
  const notPdf = await pdfToFiling(Buffer.from('项目 | 2024 |\n合计 | 1 |\n'));
  assert.match(notPdf.error ?? '', /not a PDF/);
  assert.equal(notPdf.text, '');
  assert.match((await pdfToFiling(new Uint8Array(0))).error ?? '', /not a PDF/);
  // Cut in the middle: no objects after the cut, no trailer.
  const cut = await pdfToFiling(good.subarray(0, 60));
  assert.ok(cut.error, 'truncated PDF reported');
  assert.match(cut.error!, /PDF/);
  // Wrong offsets in the cross-reference table: pdf.js rebuilds the table by scanning the objects, and the text is read.
  const s = good.toString('latin1');
  const xref = s.indexOf('xref');
  const shifted = Buffer.from(s.slice(0, xref) + s.slice(xref).replace(/^(\d{10}) 00000 n/gm, (_, off: string) => `${String(Number(off) + 7).padStart(10, '0')} 00000 n`), 'latin1');
  const rebuilt = await pdfToFiling(shifted);
  assert.equal(rebuilt.error, undefined);
  assert.ok(rebuilt.text.includes('Hello'), rebuilt.text);
  // The table and the trailer replaced by junk: no catalog to start from.
  const damaged = Buffer.from(s.slice(0, xref) + 'xref\n0 9\ngarbage\ntrailer\n<< /Size 9 >>\nstartxref\n99999\n%%EOF\n', 'latin1');
  assert.match((await pdfToFiling(damaged)).error ?? '', /too damaged to read/);
  // Only a header: nothing to rebuild from.
  const empty = await pdfToFiling(Buffer.from('%PDF-1.7\n%%EOF\n', 'latin1'));
  assert.ok(empty.error, 'a header alone is reported');
});

test('pdf: an encrypted PDF asks for a password: a message without it, the text with it', async () => {
  const r = await readPdfFile(ENCRYPTED);
  assert.match(r.error ?? '', /encrypted/);
  assert.ok(r.error!.startsWith(ENCRYPTED), 'the message names the file');
  const wrong = await readPdfFile(ENCRYPTED, 'nope');
  assert.match(wrong.error ?? '', /password is wrong/);
  const open = await readPdfFile(ENCRYPTED, 'secret');
  assert.equal(open.error, undefined);
  assert.ok(open.text.includes('Total | 1,234.00 |'), open.text);
});

test('pdf: a missing file and a directory are reported', async () => {
  assert.match((await readPdfFile(path.join(ROOT, 'no-such.pdf'))).error ?? '', /cannot read the file \(ENOENT\)/);
  assert.match((await readPdfFile(ROOT)).error ?? '', /is a directory/);
});

// ---------------------------------------------------------------------------
// The command line

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('cli import: a PDF to a .filing file (-o) or to stdout; check and outline read the PDF directly', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens-pdf-'));
  try {
    const out = path.join(dir, 'bs.filing');
    const r = cli('import', 'test/fixtures/pdf/34-balance-sheet.pdf', '-o', out);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.match(r.err, /3 pages → /);
    const text = fs.readFileSync(out, 'utf8');
    assert.ok(text.includes('\n资产总计 |  | 5,793,311,212.77 | 5,855,983,945.78 |\n'));
    const toStdout = cli('import', 'test/fixtures/pdf/34-balance-sheet.pdf');
    assert.equal(toStdout.code, 0);
    assert.equal(toStdout.out, text, 'the same text on stdout, and nothing else (pdf.js warnings kept off stdout)');
    const check = cli('check', '--format', 'json', 'test/fixtures/pdf/34-balance-sheet.pdf');
    const json = JSON.parse(check.out) as { file: string; checks: number; error?: string }[];
    assert.equal(json[0].error, undefined);
    assert.equal(json[0].checks, analyze(text).checks.length);
    assert.ok(json[0].checks >= 20);
    const outline = cli('outline', 'test/fixtures/pdf/34-balance-sheet.pdf');
    assert.equal(outline.code, 0, outline.err);
    // The consolidated balance sheet read whole across its page breaks ([Pn] markers are page furniture), then the next table.
    assert.match(outline.out, /二、财务报表\n.*\(单位：元 · 93 rows × 3 columns\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('cli import: bad input gives a message and exit 1; usage errors exit 2', () => {
  const notPdf = cli('import', 'test/fixtures/003-pipe-inquiry.filing');
  assert.equal(notPdf.code, 1);
  assert.match(notPdf.err, /003-pipe-inquiry\.filing: not a PDF/);
  assert.equal(notPdf.out, '');
  const enc = cli('check', 'test/fixtures/pdf/encrypted.pdf');
  assert.equal(enc.code, 1);
  assert.match(enc.err, /encrypted/);
  assert.equal(cli('import').code, 2);
  assert.equal(cli('import', 'a.pdf', 'b.pdf').code, 2);
  assert.equal(cli('import', 'a.pdf', '-o').code, 2);
});
