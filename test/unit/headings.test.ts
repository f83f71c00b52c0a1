// Headings by numbering, sequence and shape, on short texts of the shapes the
// corpus layouts show.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { outline, OutlineItem } from '../../server/src/features/outline';
import { isRowLabel, matchHeading, ordinalOf } from '../../server/src/parse/headings';

function tree(text: string): string[] {
  const out: string[] = [];
  const walk = (items: OutlineItem[], d: number) => {
    for (const i of items) {
      if (i.kind !== 'section') continue;
      out.push(`${'  '.repeat(d)}${i.name}`);
      walk(i.children, d + 1);
    }
  };
  walk(outline(analyze(text).model), 0);
  return out;
}

const line = (text: string) => ({ index: 0, start: 0, end: text.length, text });

test('headings: cell fragments, footnotes and note-table rows are not headings', () => {
  for (const t of ['24 西部05', '5、25', '50 万港币', '1 以内，达到0.95，整车扭转刚度', '3 月16', '12 月31 日', '1 个', '4 位董事', '16 百万元（2024 年：人民币16 百万元）', '（3）=', '75.91 亿元、101.03 亿元', '3.0 车型——海豹。', '5 营运利润=营业收入-营运支出']) {
    assert.equal(matchHeading(line(t), '正文。', 0), undefined, t);
  }
  for (const t of ['一、上期期末余额', '三、营业利润（亏损以"－"号填列）', '（3）本期减少金额', '1．资本公积转增资本（或', '一、营业收入', '七、每股收益：', '一、经营活动产生的现金流量：', '三、本期增减变', '（二）所有者投']) {
    assert.equal(matchHeading(line(t), '正文。', 0), undefined, t);
  }
  for (const t of ['58. 风险管理（续）', '（11）长期股权投资及共同经营（续）', '三、关键审计事项 (续)', '合并资产负债表（续表）']) {
    assert.equal(matchHeading(line(t), '正文。', 0), undefined, t);
  }
  // A numbered label whose figures follow on its line or on the next line is a row.
  assert.equal(matchHeading(line('一、合营企业            1,233,768.00       2,345.00'), undefined, 0), undefined);
  assert.equal(matchHeading(line('1.股东投入资本'), '四(34)/', 0), undefined);
  // …and so is one whose cells are nil marks after runs of spaces (1、国家持股   -   -   -).
  assert.equal(matchHeading(line('1、国家持股                   -        -      -    -         -'), undefined, 0), undefined);
  assert.equal(matchHeading(line('4．其他                                                                      -'), undefined, 0), undefined);
  assert.equal(matchHeading(line('3、其他事项        不适用'), undefined, 0), undefined);
  assert.ok(matchHeading(line('3、非经常性损益项目 - 政府补助'), '正文。', 0));
  assert.equal(matchHeading(line('（1）固定资产情况'), '1,234.56', 0), undefined);
  // Headings that only look like these.
  for (const t of ['十、利润分配或资本公积金转增预案', '4、营业收入和营业成本', '（1）营业收入构成及变动情况', '3.1 总体经营情况', '3.11.8 合规风险管理', '一 公司基本情况', '十一、其他']) {
    assert.ok(matchHeading(line(t), '正文。', 0), t);
  }
  assert.ok(isRowLabel('上年期末余额') && isRowLabel('所有者投') && !isRowLabel('利润分配或资本公积金转增预案'));
  assert.deepEqual(['第十二节', '十二、', '（4）', '3.11.8', '⑤', '二十'].map(ordinalOf), [12, 12, 4, 8, 5, 20]);
});

test('headings: a number that fits no open list is a table row (八、每股收益 after 二、财务报表)', () => {
  const text = ['第十节 财务报告', '一、审计报告', '正文。', '一、审计意见', '正文。', '二、形成审计意见的基础', '正文。', '二、财务报表', '合并利润表', '八、每股收益', '七、综合收益', '三、公司基本情况', '正文。', '四、财务报表的编制基础', '正文。'].join('\n');
  assert.deepEqual(tree(text), [
    '第十节 财务报告',
    '  一、审计报告',
    '    一、审计意见',
    '    二、形成审计意见的基础',
    '  二、财务报表',
    '  三、公司基本情况',
    '  四、财务报表的编制基础',
  ]);
});

test('headings: decimal sections nest by depth and follow their parent number', () => {
  const text = ['第三章 管理层讨论与分析', '3.1 总体经营情况', '正文。', '3.2 财务报表分析', '3.2.1 利润表项目分析', '正文。', '3.2.2 资产负债表项目分析', '正文。', '3.3 风险管理', '3.3.1 信用风险', '正文。', '第四章 公司治理', '4.1 公司治理基本情况', '正文。'].join('\n');
  assert.deepEqual(tree(text), [
    '第三章 管理层讨论与分析',
    '  3.1 总体经营情况',
    '  3.2 财务报表分析',
    '    3.2.1 利润表项目分析',
    '    3.2.2 资产负债表项目分析',
    '  3.3 风险管理',
    '    3.3.1 信用风险',
    '第四章 公司治理',
    '  4.1 公司治理基本情况',
  ]);
});

test('headings: notes chapters without 、 (一 公司基本情况, or 一 / 公司基本情况) where the sequence supports them', () => {
  const text = ['财务报表附注', '一', '公司基本情况', '正文。', '二', '重要会计政策和会计估计', '正文。', '二', '重要会计政策和会计估计（续）', '正文。', '三 税项', '正文。', '九 个', '四 合并财务报表项目附注', '正文。'].join('\n');
  assert.deepEqual(tree(text), ['一 公司基本情况', '二 重要会计政策和会计估计', '三 税项', '四 合并财务报表项目附注']);
});

test('headings: a bare 第一节 takes its title from the next line, or from the table of contents', () => {
  const text = ['目录', '第一节', '', '释义 ........................ 5', '第二节', '', '公司简介 .................... 9', '第三节', '', '管理层讨论与分析 ............ 12', '', '第一节', '', '释义', '正文。', '第二节', '', '期末余额', '正文。'].join('\n');
  assert.deepEqual(tree(text), ['第一节 释义', '第二节 公司简介']);
});

test('headings: rules with 第X章 and their 第X节 inside a chapter of a document numbered by 节', () => {
  const text = ['第十节 投资者保护机制', '正文。', '第一章 总则', '正文。', '第二章 会议的筹备', '第一节 会议的召集', '正文。', '第二节 议案的提出', '正文。', '第三章 会议的召开', '第一节 会议的召开', '正文。', '第十一节 有关机构', '正文。'].join('\n');
  assert.deepEqual(tree(text), [
    '第十节 投资者保护机制',
    '  第一章 总则',
    '  第二章 会议的筹备',
    '    第一节 会议的召集',
    '    第二节 议案的提出',
    '  第三章 会议的召开',
    '    第一节 会议的召开',
    '第十一节 有关机构',
  ]);
});

test('headings: a chapter out of sequence starts over (two documents one after the other)', () => {
  const doc = ['第三节 公司业务概要', '一、主要业务', '正文。', '第四节 经营情况讨论与分析', '一、概述', '正文。'].join('\n');
  assert.deepEqual(tree(doc + '\n' + doc).filter((l) => !l.startsWith(' ')), ['第三节 公司业务概要', '第四节 经营情况讨论与分析', '第三节 公司业务概要', '第四节 经营情况讨论与分析']);
});

test('headings: chapters without numbers, where the table of contents lists them so', () => {
  const text = ['目 录', '重要提示 ............................ 1', '公司简介 ............................ 3', '董事会报告书 ........................ 43', '财务报告 ............................ 77', '', '重要提示', '正文。', '公司简介', '一、公司信息', '正文。', '董事会报告书', '正文。', '财务报告', '一、审计意见', '正文。'].join('\n');
  assert.deepEqual(tree(text), ['重要提示', '公司简介', '  一、公司信息', '董事会报告书', '财务报告', '  一、审计意见']);
  // Numbered contents (第一节 …) keep to their numbers.
  const numbered = ['目录', '第一节 释义 ........ 5', '第二节 公司简介 ........ 9', '第三节 管理层讨论与分析 ........ 12', '公司简介', '第一节 释义', '正文。'].join('\n');
  assert.deepEqual(tree(numbered), ['第一节 释义']);
  // Front matter before numbered chapters: unnumbered entries of the contents, each over a list of its own.
  const front = [
    '目录', '重大事项提示 ........ 11', '一、本次交易方案 ........ 11', '二、标的资产作价情况 ........ 15', '重大风险提示 ........ 25', '一、与本次交易相关的风险 ........ 25',
    '第一节 ........ 30', '本次交易概况 ........ 30', '一、本次交易的背景 ........ 30',
    '重大事项提示', '一、本次交易方案', '正文。', '二、标的资产作价情况', '正文。', '重大风险提示', '一、与本次交易相关的风险', '正文。', '第一节', '本次交易概况', '一、本次交易的背景', '正文。',
  ].join('\n');
  assert.deepEqual(tree(front), ['重大事项提示', '  一、本次交易方案', '  二、标的资产作价情况', '重大风险提示', '  一、与本次交易相关的风险', '第一节 本次交易概况', '  一、本次交易的背景']);
});

test('headings: notes chapters without 、 after the audit report\'s 一、…六、 stand beside them, not under the last', () => {
  const text = ['财务报告', '一、审计意见', '正文。', '二、形成审计意见的基础', '正文。', '合并财务报表附注', '一', '公司基本情况', '正文。', '二', '重要会计政策和会计估计', '正文。', '三 税项', '正文。'].join('\n');
  assert.deepEqual(tree(text), ['一、审计意见', '二、形成审计意见的基础', '一 公司基本情况', '二 重要会计政策和会计估计', '三 税项']);
});

test('headings: a sub-heading glued to the end of its parent\'s title is split off where the list after it confirms it', () => {
  const glued = [
    '五、发起人、持有发行人5%以上股份的主要股东及实际控制人（一）发起人',
    '本公司发起人为 3 名法人股东。',
    '（二）持有发行人5%以上股份的主要股东',
    '本公司持股5%以上股东的情况如下。',
    '六、发行人股本情况',
    '本次发行前总股本为 1 亿股。',
  ].join('\n');
  assert.deepEqual(tree(glued), ['五、发起人、持有发行人5%以上股份的主要股东及实际控制人', '  （一）发起人', '  （二）持有发行人5%以上股份的主要股东', '六、发行人股本情况']);
  const items = outline(analyze(glued).model);
  const child = items[0].children.find((i) => i.name.startsWith('（一）'))!;
  assert.equal(glued.slice(child.selectionRange.start, child.selectionRange.end), '（一）发起人');
  // Without （二） before the next sibling nothing confirms it: the title stays whole.
  const alone = ['五、对问询函（一）所述事项的说明', '说明如下。', '六、其他事项', '无。'].join('\n');
  assert.deepEqual(tree(alone), ['五、对问询函（一）所述事项的说明', '六、其他事项']);
  const unconfirmed = ['五、发起人及实际控制人（一）发起人', '本公司发起人为 3 名法人股东。', '六、发行人股本情况', '（二）股本结构', '无。'].join('\n');
  assert.equal(tree(unconfirmed)[0], '五、发起人及实际控制人（一）发起人');
});

test('headings: a decimal number of 10 or more that no earlier item of its list leads up to is an amount, not a section', () => {
  const text = ['4.9 关联交易', '正文。', '4.10 董事会下设专门委员会在报告期内的情况', '正文。', '4.11 监事会工作情况', '正文。', '2022 年企业技术改造项目扶持计划第二批', '4.66与资产相关', '正文。'].join('\n');
  assert.deepEqual(tree(text), ['4.9 关联交易', '4.10 董事会下设专门委员会在报告期内的情况', '4.11 监事会工作情况']);
});
