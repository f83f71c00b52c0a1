// Ties (勾稽关系) on real excerpts: roll-forwards, statement ↔ statement, statement ↔ note,
// period ↔ period; the precision rules (scope, restatement, misplaced cells); hover, Go to
// Definition, references and the warning of a broken tie.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { columnsInDoubt, makeTie, Tie, TieEnd, tieEnds } from '../../server/src/analysis/ties';
import { diagnostics } from '../../server/src/features/diagnostics';
import { hoverAt } from '../../server/src/features/hover';
import { tiedFiguresAt, tieReferencesAt } from '../../server/src/features/ties';

const ROOT = path.resolve(__dirname, '../../..');
const read = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/ties', name), 'utf8');
/** 002: 合并资产负债表, 合并利润表, 合并现金流量表, notes 货币资金, 固定资产, 应付职工薪酬, 现金流量表补充资料. */
const STATEMENTS = read('002-statements-and-notes.filing');

const family = (ties: Tie[], f: Tie['family']) => ties.filter((t) => t.family === f);
/** The text with the n-th occurrence (0-based) of `from` replaced. */
function replaceNth(text: string, from: string, to: string, n = 0): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(from, at + 1);
    assert.ok(at >= 0, `occurrence ${n} of ${from}`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}
const count = (text: string, s: string) => text.split(s).length - 1;
const nthIndex = (text: string, s: string, n: number) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(s, at + 1);
  return at;
};

test('roll-forward rows × asset columns: 期初 + 增加 − 减少 = 期末 per block, and 账面价值 = 原值 − 累计折旧 − 减值准备', () => {
  const ties = family(analyze(STATEMENTS).ties, 'rollForwards');
  const fixed = ties.filter((t) => t.target.table?.caption.includes('固定资产情况'));
  // 原值 and 累计折旧 blocks in 5 columns (the 减值准备 block has no figures), 期末 and 期初 账面价值 in 5 columns.
  assert.equal(fixed.filter((t) => t.description.startsWith('期初余额')).length, 10);
  assert.equal(fixed.filter((t) => t.description.startsWith('账面价值')).length, 10);
  assert.ok(fixed.every((t) => t.ok));
  const net = fixed.find((t) => t.description.startsWith('账面价值') && t.target.cell.figure?.raw === '12,559,840.77');
  assert.ok(net);
  assert.deepEqual(net.parts.map((p) => [p.end.cell.figure?.raw ?? '', p.sign]), [['138,181,298.27', 1], ['125,621,457.50', -1], ['', -1]]);
});

test('roll-forward: a closing balance changed breaks its tie, with a warning related to every figure of it', () => {
  assert.equal(count(STATEMENTS, '62,812,150.48'), 1);
  const text = STATEMENTS.replace('62,812,150.48', '62,812,250.48');
  const a = analyze(text);
  const broken = a.ties.filter((t) => !t.ok);
  assert.ok(broken.some((t) => t.family === 'rollForwards' && t.target.cell.figure?.raw === '62,812,250.48' && Math.abs(t.difference - 100) < 1e-6));
  const at = text.indexOf('62,812,250.48');
  const warning = diagnostics(a).find((p) => p.code === 'tie-rollForwards' && p.range.start === at);
  assert.ok(warning);
  assert.equal(warning.severity, 'warning');
  assert.match(warning.message, /difference 100\.00 元/);
  assert.equal(warning.related.length, 4);
});

test('roll-forward items × movement columns (应付职工薪酬): 期初余额 + 本期增加 − 本期减少 = 期末余额 per row', () => {
  const ties = family(analyze(STATEMENTS).ties, 'rollForwards').filter((t) => t.target.table?.caption.includes('应付职工薪酬'));
  // 一、短期薪酬, 二、离职后福利 (nothing owed at either end: 0 + 8,699,251.81 − 8,699,251.81 = 0), 合计.
  assert.deepEqual(ties.map((t) => t.target.cell.figure?.raw ?? '0'), ['561,335.30', '0', '561,335.30']);
  assert.ok(ties.every((t) => t.ok && t.parts.length === 3));
});

test('roll-forward with dated balance rows and rows that leave out empty cells (004): only the 合计 column of a short row', () => {
  const ties = analyze(read('004-dated-roll-forward.filing')).ties;
  assert.equal(ties.length, 4);
  assert.ok(ties.every((t) => t.ok && t.family === 'rollForwards'));
  // 原值: the 本期增加 row holds two figures for three columns, so only 合计 is tied.
  const cost = ties.filter((t) => t.target.cell.figure!.raw === '1,365,054.81');
  assert.equal(cost.length, 1);
  assert.equal(cost[0].parts[1].end.cell.figure!.raw, '122,401.13');
  assert.ok(!ties.some((t) => t.target.cell.figure!.raw === '1,103,647.86'));
});

test('a pdftotext -layout roll-forward with empty cells (30): figures placed by position tie in every column', () => {
  const text = read('30-sparse-layout.filing');
  const a = analyze(text);
  // 713,041.47 is 机器设备's decrease: read by its position on the line, it stands in that column (the
  // space-separated reader put it under 房屋及建筑物, where no tie could be made).
  const cell = a.figures.find((p) => p.figure.raw === '713,041.47');
  assert.ok(cell?.table && cell.column !== undefined);
  assert.equal(cell.table.columns[cell.column].title, '机器设备');
  assert.ok(a.ties.length >= 20, String(a.ties.length));
  assert.ok(a.ties.every((t) => t.ok));
});

test('roll-forward: decreases written in parentheses are decreases (36, 人民币百万元)', () => {
  // 原值 and 累计折旧 roll forward over two years, and 账面价值 = 原值 − 累计折旧 − 减值准备 at both ends of each.
  const ties = analyze(read('36-negative-decreases.filing')).ties;
  assert.equal(ties.length, 8);
  assert.ok(ties.every((t) => t.ok));
  assert.equal(ties[0].target.value, 11_914_000_000);
});

test('statement ↔ note: the balance-sheet line and the note 合计, consolidated against consolidated, in 元', () => {
  const a = analyze(STATEMENTS);
  const notes = family(a.ties, 'notes');
  const items = notes.map((t) => t.target.name);
  assert.ok(items.some((n) => n.startsWith('合并资产负债表') && n.includes('[期末]')));
  assert.ok(notes.every((t) => t.ok));
  const cash = notes.find((t) => t.target.cell.figure!.raw === '379,496,625.81');
  assert.ok(cash);
  assert.equal(cash.parts[0].end.row?.label.trim(), '合计');
  assert.ok(cash.parts[0].end.cell.figure!.start > cash.target.cell.figure!.start);
});

test('statement ↔ note: a component and the 合计 of the note both +100 — the note adds up, the tie breaks', () => {
  // The note on 货币资金: 库存现金 96,923.72 and 合计 379,496,625.81 (the second occurrence; the first is the balance sheet).
  assert.equal(count(STATEMENTS, '379,496,625.81'), 2);
  assert.equal(count(STATEMENTS, '96,923.72'), 2, 'in the note on 货币资金, then in the note on the components of cash');
  let text = replaceNth(STATEMENTS, '96,923.72', '97,023.72', 0);
  text = replaceNth(text, '379,496,625.81', '379,496,725.81', 1);
  const a = analyze(text);
  const note = a.model.tables.find((t) => t.rows.some((r) => r.cells.some((c) => c.figure?.raw === '379,496,725.81')))!;
  assert.ok(a.checks.filter((c) => c.table === note).every((c) => c.ok), 'the note still adds up');
  const broken = a.ties.filter((t) => !t.ok);
  assert.equal(broken.length, 1);
  assert.equal(broken[0].family, 'notes');
  const p = diagnostics(a).find((d) => d.code === 'tie-notes')!;
  assert.ok(p);
  assert.equal(p.range.start, STATEMENTS.indexOf('379,496,625.81'));
  assert.deepEqual(
    p.related.map((r) => text.slice(r.range.start, r.range.end)),
    ['379,496,625.81', '379,496,725.81'],
  );
});

test('statement ↔ note: a note captioned only by a check box (□ 是 √ 否) takes the numbered heading above it; a restated opening is not tied', () => {
  const note = read('002-other-current-assets-note.filing');
  const text = STATEMENTS.replace('11、固定资产', note + '\n11、固定资产');
  const a = analyze(text);
  const tie = family(a.ties, 'notes').find((t) => t.parts[0].end.cell.figure!.raw === '17,299,268.46');
  assert.ok(tie);
  assert.ok(tie.ok);
  assert.match(tie.target.name, /合并资产负债表 其他流动资产 \[期末\]/);
  // The balance sheet's opening 1,285,451,694.38 and the note's 12,603,533.79 differ: 002 restated 其他流动资产
  // on 2019-01-01 (new financial-instrument standards), which this excerpt does not show — so the tie is made
  // and broken here, and is left out over the whole filing, whose adjustment table lists the item.
  const opening = family(a.ties, 'periods').find((t) => t.parts[0].end.cell.figure!.raw === '12,603,533.79');
  assert.ok(opening && !opening.ok);
  // With the caption a sentence rather than a check box, nothing is guessed.
  const other = analyze(STATEMENTS.replace('11、固定资产', note.replace('□ 是 √ 否', '本公司的其他流动资产主要为待抵扣进项税') + '\n11、固定资产'));
  assert.ok(!other.ties.some((t) => tieEnds(t).some((e) => e.cell.figure?.raw === '17,299,268.46')));
});

test('roll-forward items × movement columns: an empty closing balance is 0 when the row moves (设定提存计划)', () => {
  const text = ['（3）设定提存计划列示', '单位：元', '项目|期初余额|本期增加|本期减少|期末余额', '1、基本养老保险| - |8,356,810.08|8,356,810.08| - ', '2、失业保险费| - |342,441.73|342,441.73| - ', '合计| - |8,699,251.81|8,699,251.81| - ', ''].join('\n');
  const ties = analyze(text).ties;
  assert.equal(ties.length, 3);
  assert.ok(ties.every((t) => t.ok && t.target.value === 0 && !t.target.cell.figure));
  const broken = analyze(text.replace('8,699,251.81| - ', '8,699,151.81| - ')).ties.filter((t) => !t.ok);
  assert.equal(broken.length, 1);
  assert.equal(diagnostics(analyze(text.replace('8,699,251.81| - ', '8,699,151.81| - '))).filter((p) => p.code === 'tie-rollForwards').length, 1);
});

test('precision: notes under the parent-company heading are not tied to consolidated statements', () => {
  const text = STATEMENTS.replace('七、合并财务报表项目注释', '十四、母公司财务报表主要项目注释');
  const ties = analyze(text).ties;
  assert.equal(family(ties, 'notes').length, 0);
  assert.equal(family(ties, 'periods').length, 0);
  // The supplement and the note on cash are parent notes too now: no statement ties either; the roll-forwards stay.
  assert.equal(family(ties, 'statements').length, 0);
  assert.ok(family(ties, 'rollForwards').length >= 20);
});

test('precision: a note table whose unit is nowhere written is not tied', () => {
  const text = STATEMENTS.replace(/单位: ?元/g, '').replace('财务附注中报表的单位为:人民币元', '');
  assert.ok(family(analyze(STATEMENTS).ties, 'notes').length > 0);
  assert.equal(family(analyze(text).ties, 'notes').length, 0);
});

test('statement ↔ statement: 净利润 and the supplement, 经营活动现金流量净额, 净增加额 = 期末 − 期初, cash against its note', () => {
  const ties = family(analyze(STATEMENTS).ties, 'statements');
  const byDesc = (re: RegExp) => ties.filter((t) => re.test(t.description));
  assert.equal(byDesc(/^净利润/).length, 2);
  assert.equal(byDesc(/^经营活动产生的现金流量净额/).length, 2);
  assert.equal(byDesc(/净增加额 = 期末余额 − 期初余额/).length, 0, 'the label 净增?#20323;? of this filing is garbled: not certain');
  assert.equal(byDesc(/现金流量表 = 附注/).length, 2);
  assert.ok(ties.every((t) => t.ok));
  // 净利润 changed in the supplement alone.
  // 94,878,471.57 is written three times: 净利润 and 归属于母公司所有者的净利润 in the income statement, then the supplement.
  assert.equal(count(STATEMENTS, '94,878,471.57'), 3);
  const text = replaceNth(STATEMENTS, '94,878,471.57', '94,878,571.57', 2);
  const broken = analyze(text).ties.filter((t) => !t.ok);
  assert.deepEqual(broken.map((t) => t.description), ['净利润: 利润表 = 现金流量表补充资料']);
});

test('statement ↔ statement: 现金及现金等价物净增加额 = 期末 − 期初 inside a cash-flow statement', () => {
  const text = STATEMENTS.replace('五、现金及现金等价物净增?#20323;?', '五、现金及现金等价物净增加额');
  const ties = family(analyze(text).ties, 'statements').filter((t) => /净增加额 = 期末余额/.test(t.description));
  assert.equal(ties.length, 2);
  assert.ok(ties.every((t) => t.ok));
});

test('statement ↔ statement: a balance sheet split into two tables by a （续） continuation: 资产总计 = 负债和所有者权益总计', () => {
  const at = STATEMENTS.indexOf('短期借款');
  const header = STATEMENTS.slice(STATEMENTS.indexOf('项目'), STATEMENTS.indexOf('流动资产:'));
  const split =
    STATEMENTS.slice(0, at) +
    '本公司的流动负债主要为短期借款及应付账款，其余项目详见下表所列示的内容及相关附注说明。\n\n合并资产负债表（续）\n\n单位:元\n\n' +
    header +
    STATEMENTS.slice(at);
  const a = analyze(split);
  const ties = family(a.ties, 'statements').filter((t) => t.description === '资产总计 = 负债和所有者权益总计');
  assert.equal(ties.length, 2);
  assert.ok(ties.every((t) => t.ok && t.target.table !== t.parts[0].end.table));
  // Unsplit, the identity is reconcile's, inside one table: no tie.
  assert.equal(family(analyze(STATEMENTS).ties, 'statements').filter((t) => t.description.startsWith('资产总计')).length, 0);
  // The total of the second part changed: the tie breaks.
  const broken = replaceNth(split, '3,586,542,867.39', '3,586,542,967.39', 1);
  assert.deepEqual(family(analyze(broken).ties, 'statements').filter((t) => !t.ok).map((t) => t.description), ['资产总计 = 负债和所有者权益总计']);
});

test('period ↔ period: the note opening column against the balance sheet opening; a restated item is left out', () => {
  const ties = family(analyze(STATEMENTS).ties, 'periods');
  assert.ok(ties.some((t) => t.target.cell.figure!.raw === '389,651,012.22'));
  assert.ok(ties.every((t) => t.ok && t.target.name.includes('[期初]')));
  // An adjustment table (调整数) with a figure for 货币资金: its openings may differ, no tie.
  const label = '货?#26131;?#37329;';
  const adjust = `\n项目|2018年12月31日|2019年01月01日|调整数\n${label}|389,651,012.22|389,651,112.22|100.00\n其他|1.00|1.00|0.00\n\n`;
  const text = STATEMENTS.replace('七、合并财务报表项目注释', adjust + '七、合并财务报表项目注释');
  const after = family(analyze(text).ties, 'periods');
  assert.equal(after.length, ties.length - 1);
  assert.ok(!after.some((t) => t.target.cell.figure!.raw === '389,651,012.22'));
});

test('settings: a family turned off makes no ties', () => {
  const off = analyze(STATEMENTS, { ties: { rollForwards: true, statements: false, notes: false, periods: true, equity: false, prose: false } }).ties;
  assert.equal(family(off, 'notes').length + family(off, 'statements').length, 0);
  assert.ok(family(off, 'rollForwards').length > 0 && family(off, 'periods').length > 0);
  assert.equal(analyze(STATEMENTS, { outlineOnly: true }).ties.length, 0);
});

test('hover lists where else a figure appears; Go to Definition goes from the balance-sheet line to the note 合计; references list both', () => {
  const a = analyze(STATEMENTS);
  const bs = STATEMENTS.indexOf('379,496,625.81');
  const note = nthIndex(STATEMENTS, '379,496,625.81', 1);
  const md = hoverAt(a, bs + 2)!.markdown;
  assert.match(md, /Ties \(勾稽关系\)\*\* — 1 of 1 agree/);
  assert.match(md, /✓ statement ↔ note: .*statement line = note 合计\n  - 合并附注 .* 合计 \[期末\]: 379,496,625\.81 \(line \d+\)/);
  // The opening figure is tied to the note's opening column.
  assert.match(hoverAt(a, STATEMENTS.indexOf('389,651,012.22') + 1)!.markdown, /✓ period ↔ period/);
  const def = tiedFiguresAt(a, bs + 2)!;
  assert.deepEqual(def.origin, { start: bs, end: bs + '379,496,625.81'.length });
  assert.equal(def.targets[0].range.start, note);
  // And back from the note to the statement line.
  assert.equal(tiedFiguresAt(a, note + 1)!.targets[0].range.start, bs);
  assert.deepEqual(tieReferencesAt(a, bs).map((r) => r.start), [bs, note]);
  // A figure without ties: no definition.
  assert.equal(tiedFiguresAt(a, STATEMENTS.indexOf('48,511.60') + 1), undefined);
});

test('every end of every tie is a figure of a table or in prose, and ties never throw on cut or garbled text', () => {
  const a = analyze(STATEMENTS);
  for (const t of a.ties) for (const e of tieEnds(t)) assert.ok(e.table && e.row ? e.table.rows.includes(e.row) : e.prose && a.model.proseFigures.includes(e.cell.figure!));
  for (let cut = 0; cut < STATEMENTS.length; cut += 997) {
    const s = STATEMENTS.slice(cut) + STATEMENTS.slice(0, cut);
    assert.doesNotThrow(() => analyze(s.replace(/合计/g, cut % 2 ? '合计' : '总计')));
  }
});

test('a broken equality whose two figures are the filing\'s own, paired wrong (the expected one in another column of the row, the found one in the other table), is a misread column: no tie', () => {
  const a = analyze(
    [
      '合并资产负债表',
      '单位：元',
      '项目 2021年12月31日 2020年12月31日',
      '归属于母公司所有者权益合计 189,539,368,797.29 161,322,735,087.56',
      '少数股东权益 7,418,137,908.05 6,397,948,013.72',
      '所有者权益合计 196,957,506,705.34 167,720,683,101.28',
      '',
      '合并所有者权益变动表',
      '单位：元',
      '项目 小计 少数股东权益 所有者权益合计',
      '四、本期期末余额 189,539,368,797.29 7,418,137,908.05 196,957,506,705.34',
      '',
    ].join('\n'),
  );
  const [bs, eq] = a.model.tables;
  const row = eq.rows.find((r) => r.label === '四、本期期末余额')!;
  const end = (column: number): TieEnd => ({ table: eq, row, column, cell: row.cells[column], value: row.cells[column].figure!.value, tolerance: 0.005, name: `column ${column}` });
  const bsRow = bs.rows.find((r) => r.label === '归属于母公司所有者权益合计')!;
  const sheet: TieEnd = { table: bs, row: bsRow, column: 0, cell: bsRow.cells[0], value: 189539368797.29, tolerance: 0.005, name: '资产负债表 归母权益' };
  // Read under the wrong column (the last), the expected figure is one column over and the one found is the
  // balance sheet's 所有者权益合计: not a discrepancy of the filing.
  assert.equal(columnsInDoubt(makeTie('equity', sheet, [{ end: end(2), sign: 1 }], 'x')), true);
  // A figure changed in the filing (found nowhere else) breaks its tie, even where the expected one stands in
  // another column (a balance equal in both periods, a 小计 equal to the total).
  const changed = { ...end(2), value: 189539368897.29 };
  assert.equal(columnsInDoubt(makeTie('equity', sheet, [{ end: changed, sign: 1 }], 'x')), false);
  // A real difference (the figure is nowhere in the row) stays.
  assert.equal(columnsInDoubt(makeTie('equity', { ...sheet, value: 189539368000 }, [{ end: end(0), sign: 1 }], 'x')), false);
  // A tie that holds is kept.
  assert.equal(columnsInDoubt(makeTie('equity', sheet, [{ end: end(0), sign: 1 }], 'x')), false);
});
