// Prose ↔ table ties on a real excerpt (corpus 32, pdftotext -layout): the chairman's summary
// (公司全年实现营业总收入 1094.64 亿元 … 利润总额 745.28 亿元 … 归属于母公司所有者的净利润 524.60 亿元),
// an industry paragraph (全国规模以上白酒企业 … 实现利润总额 1701.94 亿元) and the 合并利润表. A tie made,
// a tie not made for each trap, a disagreement reported; hover, Go to Definition and references.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { Tie } from '../../server/src/analysis/ties';
import { readSentence } from '../../server/src/analysis/ties/prose';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';
import { tiedFiguresAt, tieReferencesAt } from '../../server/src/features/ties';

const ROOT = path.resolve(__dirname, '../../..');
const TEXT = fs.readFileSync(path.join(ROOT, 'test/fixtures/ties/32-prose-and-income-statement.filing'), 'utf8');

const prose = (text: string): Tie[] => analyze(text).ties.filter((t) => t.family === 'prose');
/** The prose ties by the figure as written: "1094.64 亿元" → the statement figure it is tied to. */
const tied = (text: string) => Object.fromEntries(prose(text).map((t) => [t.target.cell.figure!.raw, `${t.parts[0].end.name} ${t.parts[0].end.cell.figure!.raw} ${t.ok ? '✓' : '✗'}`]));
const edit = (from: string, to: string) => {
  assert.equal(TEXT.split(from).length, 2, `one ${from}`);
  return TEXT.replace(from, to);
};

test('prose ↔ table: the amounts of a sentence that names the company, the year and headline lines tie to the 合并利润表', () => {
  assert.deepEqual(tied(TEXT), {
    '1094.64 亿元': '合并利润表 营业总收入 [本期] 109,464,278,563.89 ✓',
    '745.28 亿元': '合并利润表 利润总额 [本期] 74,528,031,894.76 ✓',
    '524.60 亿元': '合并利润表 归属于母公司股东的净利润 [本期] 52,460,144,378.16 ✓',
  });
  // The prose figure's rounding: 1094.64 亿元 is ± 0.005 亿元 = 500,000 元.
  const t = prose(TEXT)[0];
  assert.equal(t.target.tolerance, 500_000);
  assert.ok(t.target.prose && t.target.table === undefined);
  // The industry's 利润总额 in the same filing is not the company's.
  assert.ok(!('1701.94 亿元' in tied(TEXT)));
});

test('prose ↔ table: rounding is the prose figure\'s own — 1094.6 亿元 agrees, 1094.65 亿元 does not', () => {
  assert.match(tied(edit('1094.64 亿元', '1094.6 亿元'))['1094.6 亿元'], /✓$/);
  assert.match(tied(edit('1094.64 亿元', '1094.65 亿元'))['1094.65 亿元'], /✗$/);
});

test('prose ↔ table: a year is placed through the statement\'s dated columns (2021 年度 / 2020 年度)', () => {
  const y2020 = edit('公司全年实现营业总收入 1094.64 亿元', '公司 2020 年实现营业总收入 979.93 亿元');
  assert.equal(tied(y2020)['979.93 亿元'], '合并利润表 营业总收入 [上期] 97,993,240,501.21 ✓');
  assert.equal(tied(edit('公司全年实现', '公司 2021 年实现'))['1094.64 亿元'], '合并利润表 营业总收入 [本期] 109,464,278,563.89 ✓');
  // The comparative of an item the filing restates (an adjustment table with a 调整数 for it): not tied.
  const restated = `${y2020}\n\n| 项目 | 调整前 | 调整数 | 调整后 |\n|---|---|---|---|\n| 营业总收入 | 97,000,000,000.00 | 993,240,501.21 | 97,993,240,501.21 |\n`;
  assert.ok(analyze(restated).model.tables.some((t) => t.columns.some((c) => c.title === '调整数')));
  assert.ok(!('979.93 亿元' in tied(restated)));
  // A year the statement does not show, and no period at all: no tie.
  assert.deepEqual(tied(edit('公司全年实现', '公司 2019 年实现')), {});
  assert.deepEqual(tied(edit('公司全年实现', '公司实现')), {});
});

test('prose ↔ table: the traps — a change, a forecast, a subsidiary, the parent, 扣除非经常性损益, ranges, 约, lists', () => {
  // A change in an amount is not a level; the sentence goes on.
  const change = tied(edit('同比增长 11.71%', '同比增加 114.71 亿元'));
  assert.ok(!('114.71 亿元' in change));
  assert.equal(Object.keys(change).length, 3);
  // 利润总额较上年增加 745.28 亿元 is a change; the clause after it, which takes its subject from
  // before it, is not read across it either.
  assert.deepEqual(tied(edit('利润总额\n745.28', '利润总额较上年增加\n745.28')), {
    '1094.64 亿元': '合并利润表 营业总收入 [本期] 109,464,278,563.89 ✓',
  });
  for (const [from, to] of [
    ['公司全年实现', '公司预计全年实现'],
    ['公司全年实现', '子公司全年实现'],
    ['公司全年实现', '某事业部全年实现'],
    ['公司全年实现', '母公司全年实现'], // parent: this excerpt has no parent statement
    ['公司全年实现营业总收入 1094.64 亿元', '公司 2021 年、2020 年营业总收入分别为 1094.64 亿元、979.93 亿元'],
  ]) {
    assert.deepEqual(tied(edit(from, to)), {}, to);
  }
  for (const [from, to, raw] of [
    ['归属于母公司所有者的净利润', '扣除非经常性损益后归属于母公司所有者的净利润', '524.60 亿元'],
    ['归属于母公司所有者的净利润', '归属于母公司的净利润', '524.60 亿元'],
    ['1094.64 亿元，', '1094.64 亿元至 1100.00 亿元，', '1094.64 亿元'],
    ['营业总收入 1094.64', '营业总收入约 1094.64', '1094.64 亿元'],
    ['营业总收入 1094.64', '营业总收入超过 1094.64', '1094.64 亿元'],
    ['1094.64 亿元', '1094.64 亿元以上', '1094.64 亿元'],
  ]) {
    const got = tied(edit(from, to));
    assert.ok(!(raw in got), to);
  }
});

test('prose ↔ table: the same sentence in the notes on the statements is not tied (公司 there may be the parent)', () => {
  const end = TEXT.indexOf('再上新台阶。') + '再上新台阶。'.length;
  const sentence = TEXT.slice(TEXT.indexOf('    三是'), end);
  assert.ok(sentence.length > 100 && sentence.length < 200);
  const text = `${TEXT}\n七、合并财务报表项目注释\n${sentence}`;
  const ties = prose(text);
  assert.equal(ties.length, 3);
  assert.ok(ties.every((t) => t.target.cell.start < text.indexOf('七、合并财务报表项目注释')));
});

test('prose ↔ table: how a sentence is read', () => {
  assert.deepEqual(readSentence('报告期内公司共实现营业收入'), { item: '营业收入', reading: { scope: 'consolidated', periods: new Set(['cur']) } });
  assert.equal(readSentence('2024年末本集团资产总额')?.item, '资产总计');
  assert.equal(readSentence('截至2024年12月31日母公司负债总额为')?.reading.scope, 'parent');
  // Another company, an industry, a segment, a clause that is neither who, when nor a headline amount.
  assert.equal(readSentence('2024年末平安理财总资产131.28亿元净资产125.08亿元全年实现净利润'), undefined);
  assert.equal(readSentence('根据国家统计局数据，2024年全国规模以上医药制造业实现营业收入'), undefined);
  assert.equal(readSentence('报告期内，公司医药工业实现营业收入'), undefined);
  assert.equal(readSentence('报告期内，集团公司实现营业收入'), undefined);
  assert.equal(readSentence('报告期内，贵公司营业收入为'), undefined);
  assert.equal(readSentence('2024年，本行核销贷款632.94亿元；收回不良资产总额'), undefined);
  assert.equal(readSentence('2024年度，本行经审计的净利润为人民币'), undefined);
  assert.equal(readSentence('2024年，受市场变化等因素的影响，营业收入'), undefined);
});

test('prose ↔ table: a disagreement is a warning on the prose figure, related to the statement figure', () => {
  const text = edit('1094.64 亿元', '1049.64 亿元');
  const a = analyze(text);
  const at = text.indexOf('1049.64 亿元');
  const w = diagnostics(a).find((p) => p.code === 'tie-prose');
  assert.ok(w);
  assert.equal(w.range.start, at);
  assert.match(w.message, /prose ↔ table\) broken: 正文 合并营业总收入 \[本期\] 104,964,000,000\.00 ≠ 合并利润表 营业总收入 \[本期\] 109,464,278,563\.89/);
  assert.deepEqual(w.related.map((r) => r.range.start), [at, text.indexOf('109,464,278,563.89')]);
});

test('prose ↔ table: hover on a prose figure lists the table figure; Go to Definition and references go both ways', () => {
  const a = analyze(TEXT);
  const p = TEXT.indexOf('1094.64 亿元');
  const s = TEXT.indexOf('109,464,278,563.89');
  const md = hoverAt(a, p + 2)!.markdown;
  assert.match(md, /Ties \(勾稽关系\)\*\* — 1 of 1 agree/);
  assert.match(md, /✓ prose ↔ table: 营业总收入: 正文 = 合并利润表\n  - 合并利润表 营业总收入 \[本期\]: 109,464,278,563\.89 \(line \d+\)/);
  assert.match(hoverAt(a, s + 2)!.markdown, /  - 正文 合并营业总收入 \[本期\]: 1094\.64 亿元 \(line 2\)/);
  assert.equal(tiedFiguresAt(a, p + 1)!.targets[0].range.start, s);
  assert.equal(tiedFiguresAt(a, s + 1)!.targets[0].range.start, p);
  assert.deepEqual(tieReferencesAt(a, p).map((r) => r.start), [p, s]);
});
