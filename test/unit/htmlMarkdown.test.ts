// HTML tables (MinerU-style, one <table> per line) and Markdown pipe tables: short texts of each shape,
// written from real tables of a filing (corpus file 25), and what must not be read as a table.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { diagnostics } from '../../server/src/features/diagnostics';
import { markdownCells } from '../../server/src/parse/tables/markdown';

// The messages on totals (the document-wide note on unread totals aside).
const messages = (text: string) => diagnostics(analyze(text)).filter((d) => d.check).map((d) => d.message);

const AGING_HTML = `报告期各期末，公司应收账款账龄分布情况如下：
单位：万元
<table><tr><th rowspan="2">项 目</th><th colspan="2">2024 年 12 月 31 日</th><th colspan="2">2023 年 12 月 31 日</th></tr><tr><th>金额</th><th>比例</th><th>金额</th><th>比例</th></tr><tr><td>1 年以内</td><td>40,436.11</td><td>94.65%</td><td>35,226.39</td><td>96.11%</td></tr><tr><td>1-2 年</td><td>1,356.92</td><td>3.18%</td><td>1,417.87</td><td>3.87%</td></tr><tr><td>2-3 年</td><td>&nbsp;930.27</td><td>2.18%</td><td>4.12</td><td>0.01%</td></tr><tr><td>3 年以上</td><td>-</td><td>-</td><td>5.00</td><td>0.01%</td></tr><tr><td>合计</td><td>42,723.30</td><td>100.00%</td><td>36,653.37</td><td>100.00%</td></tr></table>
报告期内，公司主要客户信用政策未发生重大变化。
`;

test('an HTML table on one line: spans laid out, <th> headers with spaces, entities, cell offsets in the document', () => {
  const a = analyze(AGING_HTML);
  assert.equal(a.model.tables.length, 1);
  const t = a.model.tables[0];
  assert.equal(t.layout, 'html');
  assert.equal(t.unit.name, '万元');
  assert.deepEqual(t.columns.map((c) => c.title), ['2024 年 12 月 31 日 金额', '2024 年 12 月 31 日 比例', '2023 年 12 月 31 日 金额', '2023 年 12 月 31 日 比例']);
  const rows = t.rows.filter((r) => r.kind !== 'header');
  assert.deepEqual(rows.map((r) => r.label), ['1 年以内', '1-2 年', '2-3 年', '3 年以上', '合计']);
  const c = rows[2].cells[0];
  assert.equal(AGING_HTML.slice(c.start, c.end), '930.27');
  assert.equal(AGING_HTML.slice(rows[4].labelRange.start, rows[4].labelRange.end), '合计');
  assert.equal(rows[3].cells[0].figure, undefined);
  const ok = a.checks.filter((x) => x.ok).length;
  assert.ok(ok >= 4, `${ok} checks reconcile`);
  assert.deepEqual(messages(AGING_HTML), []);
  assert.deepEqual(messages(AGING_HTML.replace('42,723.30', '42,733.30')), ['合计 [2024 年 12 月 31 日 金额] 42,733.30 ≠ sum of 3 rows 42,723.30 (difference 10.00 万元)']);
});

test('a merged label cell (rowspan) labels each row it spans; a figure is never copied into another cell', () => {
  const text = `单位：万元
<table><tr><td>产品类别</td><td>产品品类</td><td>2021年1-6月</td><td>2020年度</td></tr><tr><td rowspan="3">MOSFET</td><td>高压超级结MOSFET</td><td>23,917.46</td><td rowspan="2">30,838.38</td></tr><tr><td>中低压屏蔽栅MOSFET</td><td>8,006.71</td></tr><tr><td>超级硅MOSFET</td><td>135.31</td><td>40.36</td></tr><tr><td>IGBT</td><td>TGBT</td><td>22.95</td><td>-</td></tr><tr><td colspan="2">合计</td><td>32,082.43</td><td>30,878.74</td></tr></table>
`;
  const t = analyze(text).model.tables[0];
  const rows = t.rows.filter((r) => r.kind !== 'header');
  assert.deepEqual(rows.map((r) => r.label), ['MOSFET 高压超级结MOSFET', 'MOSFET 中低压屏蔽栅MOSFET', 'MOSFET 超级硅MOSFET', 'IGBT TGBT', '合计']);
  assert.equal(rows[1].cells[1].figure, undefined);
  assert.equal(rows[4].kind, 'total');
  const checks = analyze(text).checks.filter((c) => c.row.label === '合计');
  assert.ok(checks.some((c) => c.ok && c.column === 0));
});

test('lines with markup or angle brackets that hold no table are left alone', () => {
  for (const text of ['营业收入<br>增长 12.5%\n合计 1,234.56 1,000.00', '若 a<b 且 b>c，合计为 3。', '<table><tr><td>项目</td><td>说明</td></tr><tr><td>公司</td><td>指本公司</td></tr></table>']) {
    const a = analyze(text);
    assert.equal(a.model.tables.filter((t) => t.layout === 'html').length, 0, text);
  }
  // A table nested in a cell, unclosed tags, a huge span: read without throwing.
  const odd = '<table><tr><td>合计<table><tr><td>x</td></tr></table></td><td colspan="99999">1.00</td><tr><td>a</td><td rowspan="-3">2.00';
  assert.doesNotThrow(() => analyze(odd));
});

const BALANCE_MD = `（一）合并资产负债表
单位：元
| 项目 | 2024 年12 月31 日 | 2023 年12 月31 日 |
|:---|---:|:---:|
| 流动资产： | | |
| 货币资金 | 1,166,162,946.62 | 605,084,126.50 |
| 交易性金融资产 | 176,414,408.45 | 305,470,169.51 |
| 合同资产 | - | - |
| 其他流动资产 | 12,473,888.20 | |
| 流动资产合计 | 1,355,051,243.27 | 910,554,296.01 |
`;

test('a Markdown table: the separator is no row, the leading pipe opens the label cell, an empty cell stays in its column', () => {
  const a = analyze(BALANCE_MD);
  assert.equal(a.model.tables.length, 1);
  const t = a.model.tables[0];
  assert.equal(t.layout, 'markdown');
  assert.deepEqual(t.columns.map((c) => c.title), ['2024 年12 月31 日', '2023 年12 月31 日']);
  assert.deepEqual(t.rows.map((r) => r.label), ['项目', '流动资产：', '货币资金', '交易性金融资产', '合同资产', '其他流动资产', '流动资产合计']);
  const other = t.rows[5];
  assert.equal(other.cells.length, 2);
  assert.equal(other.cells[1].figure, undefined);
  assert.equal(BALANCE_MD.slice(other.cells[0].start, other.cells[0].end).trim(), '12,473,888.20');
  assert.equal(a.checks.filter((c) => c.ok).length, 2);
  assert.deepEqual(messages(BALANCE_MD), []);
});

test('Markdown cells: escaped pipes, a row without its closing pipe; lines that are no Markdown rows', () => {
  const line = (text: string) => ({ index: 0, start: 0, end: text.length, text });
  assert.deepEqual(markdownCells(line('| a \\| b | 1.00 |'))!.map((c) => c.text.trim()), ['a | b', '1.00']);
  assert.deepEqual(markdownCells(line('| 合计 | 1.00'))!.map((c) => c.text.trim()), ['合计', '1.00']);
  assert.equal(markdownCells(line('合计 | 1.00 | 2.00 |')), undefined);
  assert.equal(markdownCells(line('|')), undefined);
  // Pipe rows without a separator row are not Markdown: the pipe reader keeps them.
  const pipe = `数量(个) | 2021.12.31 | 2020.12.31 |
连锁店 | 1,121 | 918 |
专业运营公司 | 1 | 1 |
合计 | 1,122 | 919 |
`;
  assert.equal(analyze(pipe).model.tables[0].layout, 'pipe');
});

test('an HTML table longer than other table rows may be (one line of more than 20,000 characters) is still read', () => {
  let rows = '';
  let sum = 0;
  for (let i = 1; i <= 800; i++) {
    const v = 1000 + i * 7 + (i % 100) / 100;
    sum += v;
    rows += `<tr><td>客户${i}有限公司（北京）科技发展</td><td>${v.toFixed(2)}</td><td>与收益相关的政府补助款项说明</td></tr>`;
  }
  const text = `单位：元\n<table><tr><td>客户</td><td>2024年</td><td>说明</td></tr>${rows}<tr><td>合计</td><td>${sum.toFixed(2)}</td><td></td></tr></table>\n`;
  assert.ok(text.length > 40000);
  const a = analyze(text);
  assert.deepEqual(a.checks.map((c) => [c.row.label, c.ok, c.components.length]), [['合计', true, 800]]);
});

test('an HTML table left open goes on over lines of markup only: the prose after it and a later table are read', () => {
  const later = `<table><tr><td>项目</td><td>2024年</td></tr><tr><td>甲</td><td>1.00</td></tr><tr><td>乙</td><td>2.00</td></tr><tr><td>合计</td><td>3.00</td></tr></table>`;
  const text = `<table><tr><td>项目</td><td>说明\n${'公司主营业务未发生重大变化，相关内容详见本节。\n'.repeat(50)}${later}\n`;
  const a = analyze(text);
  assert.deepEqual(a.checks.map((c) => [c.row.label, c.ok]), [['合计', true]]);
});

test('values stacked in one HTML cell with <br> between them make the row uncertain: no total over it is checked', () => {
  const text = `单位：万元
<table><tr><td>产品类别</td><td>2021年1-6月</td></tr><tr><td>MOSFET</td><td>23,917.46<br>8,006.71</td></tr><tr><td>IGBT</td><td>22.95</td></tr><tr><td>合计</td><td>31,947.12</td></tr></table>
`;
  const a = analyze(text);
  assert.equal(a.model.tables[0].rows[1].uncertain, true);
  assert.deepEqual(a.checks, []);
  assert.deepEqual(messages(text), []);
});
