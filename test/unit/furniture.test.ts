// Page furniture by repetition and position: running headers next to page
// anchors (form feeds, [Pn] markers, page numbers), whatever they say; table
// rows repeated elsewhere are content.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { findFurniture, headerKey, runningHeaders, splitLines } from '../../server/src/parse/lines';

function marks(text: string): string[] {
  const lines = splitLines(text);
  const f = findFurniture(lines, runningHeaders(lines));
  return lines.map((l) => `${f.get(l.index) ?? '-'} ${l.text}`);
}

function kindsOf(text: string, kind: string): string[] {
  return marks(text)
    .filter((m) => m.startsWith(kind + ' '))
    .map((m) => m.slice(kind.length + 1));
}

test('furniture: a page number and a running header on one line, inside a statement, whatever the header says', () => {
  const page = (n: number, rows: string) => `${n}   某某股份有限公司   公开发行   2017 年公司债券募集说明书\n${rows}\n`;
  let text = '';
  for (let n = 120; n < 126; n++) text += page(n, `项目${n}    1,000.00    2,000.00\n` + `说明文字第${n}页的内容。\n`.repeat(15));
  const headers = kindsOf(text, 'pageHeader');
  assert.equal(headers.length, 6);
  assert.ok(headers.every((h) => h.includes('公司债券募集说明书')));
  assert.equal(headerKey('125   某某股份有限公司   公开发行   2017 年公司债券募集说明书'), '某某股份有限公司 公开发行 2017 年公司债券募集说明书');
  // The rows between are content.
  assert.equal(kindsOf(text, '-').filter((t) => t.startsWith('项目')).length, 6);
});

test('furniture: [Pn] markers, the header after them (padded with spaces) and the page number', () => {
  let text = '';
  for (let n = 1; n <= 5; n++) {
    text += `[P${n + 1}]\n厦门某某集团股份有限公司${' '.repeat(85)}募集说明书\n1-1-${n}\n正文第${n}页。\n${n * 7}\n其他内容\n`;
  }
  const m = marks(text);
  assert.equal(m.filter((x) => x.startsWith('pageHeader ')).length, 5);
  assert.equal(m.filter((x) => x.startsWith('pageNumber [P')).length, 5);
  assert.equal(m.filter((x) => x.startsWith('pageNumber 1-1-')).length, 5);
  // A bare number in the body of the page is content.
  assert.equal(m.filter((x) => /^- \d+$/.test(x)).length, 5);
});

test('furniture: pdftotext pages (a form feed starts each page, "N / M" footers); a date 2023/2 is not a page number', () => {
  let text = '';
  for (let n = 1; n <= 6; n++) text += `\f金花企业（集团）股份有限公司2024 年年度报告\n\n正文 ${n}\n研发项目    2023/2    进行中\n2023/2\n                 ${n} / 189\n`;
  const m = marks(text);
  assert.equal(m.filter((x) => x.startsWith('pageHeader ')).length, 6);
  assert.equal(m.filter((x) => x.startsWith('pageNumber ') && x.includes('/ 189')).length, 6);
  assert.equal(m.filter((x) => x === '- 2023/2').length, 6);
});

test('furniture: a chapter title as running header is the chapter heading where it first stands', () => {
  let text = '第三节 管理层讨论与分析\n一、经营情况\n';
  for (let n = 10; n < 15; n++) text += `正文第${n}页的内容写在这里。\n\f第三节 管理层讨论与分析\n${n}\n`;
  text += '二、其他事项\n正文。\n';
  const a = analyze(text);
  const top = a.model.sections.map((s) => `${s.heading.marker}${s.heading.title}`);
  assert.deepEqual(top, ['第三节管理层讨论与分析']);
  assert.deepEqual(a.model.sections[0].children.map((s) => s.heading.title), ['经营情况', '其他事项']);
});

test('furniture: a table row repeated verbatim three times away from page boundaries is not a running header', () => {
  const table = `单位：万元\n项目    2021年    2020年\n北京某某技术有限公司    100.00    200.00\n上海某某交易所有限公司    300.00    400.00\n合计    400.00    600.00\n`;
  const text = ['一、合并报表', table, '二、母公司报表', table, '三、其他', table].join('\n');
  const lines = splitLines(text);
  assert.equal(runningHeaders(lines).size, 0);
  assert.deepEqual(kindsOf(text, 'pageHeader'), []);
  const a = analyze(text);
  assert.equal(a.checks.filter((c) => !c.ok).length, 0, 'no false warnings');
  for (const t of a.model.tables) assert.ok(t.rows.some((r) => r.label.includes('上海某某交易所有限公司')), 'no row dropped');
});

test('furniture: table-of-contents entries without a page number of their own (bare 第X节, a wrapped title, a glued page number)', () => {
  const text = [
    '目 录',
    '重大事项提示.........................................5',
    '八、上市公司控股股东及其一致行动人、董事、监事、高级管理人员的股份',
    '减持计划.............................................21',
    '四、董事、监事、高级管理人员相互之间的关系和在关联企业的任职情况187',
    '五、协议或承诺.......................................188',
    '第一节',
    '本次交易概况.........................................29',
    '',
    '第一节 本次交易概况',
    '一、本次交易的背景和目的',
  ].join('\n');
  const toc = kindsOf(text, 'toc');
  assert.ok(toc.includes('第一节'));
  assert.ok(toc.some((t) => t.startsWith('八、上市公司')));
  assert.ok(toc.some((t) => t.startsWith('四、董事')));
  assert.ok(!toc.includes('第一节 本次交易概况'));
  const a = analyze(text);
  assert.deepEqual(a.model.sections.map((s) => s.heading.marker + s.heading.title), ['第一节本次交易概况']);
});

test('furniture: header lines are found next to increasing bare page numbers when the text has no other page anchor', () => {
  let text = '';
  for (let n = 11; n < 16; n++) text += `深圳市某某科技股份有限公司 2017 年年度报告全文\n${n}\n${'正文内容，'.repeat(3)}\n`.repeat(1) + '其他正文内容。\n'.repeat(10);
  assert.equal(kindsOf(text, 'pageHeader').length, 5);
  assert.equal(kindsOf(text, 'pageNumber').length, 5);
  // Row numbers of a table next to the same label do not make it a header: they are lines apart, not pages.
  const rows = Array.from({ length: 6 }, (_, i) => `${i + 1}\n诚信药业\n环保配套设备\n479.13`).join('\n');
  assert.deepEqual(kindsOf(rows, 'pageHeader'), []);
});

test('furniture: a page number + running header line inside a statement does not cut it, and the part after keeps 单位：万元', () => {
  const header = (n: number) => `${n}   某某股份有限公司   公开发行   2017 年公司债券募集说明书`;
  let text = '';
  for (let n = 120; n < 124; n++) text += header(n) + '\n' + '本页为正文内容，说明发行人的经营情况。\n'.repeat(14);
  text += `${header(124)}\n合并资产负债表\n单位：万元\n项目    2016年末    2015年末\n货币资金    100,000.00    90,000.00\n应收账款    200,000.00    180,000.00\n\n${header(125)}\n存货    313,610.66    300,000.00\n流动资产合计    613,610.66    570,000.00\n`;
  text += '本页为正文内容。\n'.repeat(14) + header(126) + '\n' + '正文。\n'.repeat(14);
  const a = analyze(text);
  const table = a.model.tables.find((t) => t.rows.some((r) => r.label === '流动资产合计'));
  assert.ok(table);
  assert.equal(table.unit.name, '万元');
  assert.ok(table.rows.some((r) => r.label === '货币资金'), 'the rows before the break are in the same table');
  const totals = a.checks.filter((c) => c.row.label === '流动资产合计');
  assert.ok(totals.length > 0 && totals.every((c) => c.ok), 'the total adds the rows on both sides of the break');
});

test('furniture: a page number and the chapter title as running header on every page: one heading per chapter', () => {
  let text = '';
  let page = 50;
  for (const chapter of ['第三节 管理层讨论与分析', '第四节 公司治理']) {
    text += `\f${page++}   ${chapter}\n\n正文，本页内容。\n`;
    text += `${chapter}\n一、概述\n` + '正文内容。\n'.repeat(10);
    for (let k = 0; k < 5; k++) text += `\f${page++}   ${chapter}\n\n` + '正文内容。\n'.repeat(10);
  }
  const a = analyze(text);
  assert.deepEqual(
    a.model.sections.map((s) => `${s.heading.marker} ${s.heading.title}`),
    ['第三节 管理层讨论与分析', '第四节 公司治理'],
  );
  assert.ok(a.model.furniture.get(0) === 'pageHeader', 'the header before the chapter heading is furniture');
});

test('furniture: the page number under a page header block after [Pn] ([P93] … 92), but not a cell whose value is far from the page', () => {
  let text = '';
  for (let n = 90; n < 95; n++) {
    text += `[P${n}]\n中国某某有限公司\n\n合并财务报表附注\n截至2025 年12 月31 日止年度财务报表\n(除特别注明外，金额单位为人民币百万元)\n\n${n - 1}\n正文第${n}页。\n项目\n${n * 3}\n`;
  }
  const m = marks(text);
  for (let n = 90; n < 95; n++) assert.ok(m.includes(`pageNumber ${n - 1}`), `page number ${n - 1}`);
  for (let n = 90; n < 95; n++) assert.ok(m.includes(`- ${n * 3}`), `cell ${n * 3}`);
});
