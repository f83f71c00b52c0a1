// The editor features as plain functions over an analysis (offsets in, offsets out).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis/analyze';
import { foldingRanges } from '../../server/src/features/folding';
import { selectionRangesAt } from '../../server/src/features/selection';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/semanticTokens';
import { inlayHints } from '../../server/src/features/inlayHints';
import { tableLenses } from '../../server/src/features/codeLens';
import { tableGrid } from '../../server/src/features/tableGrid';
import { queryOf, termAt } from '../../server/src/features/query';
import { tableHtml } from '../../client/src/tableHtml';
import { matchScore, workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { tableCsv, tableMatrix, tableTsv } from '../../server/src/features/tableExport';
import { crossReferenceAt, markerKey, referenceAt } from '../../server/src/features/crossReference';
import { definedTerms, termHover } from '../../server/src/features/definedTerms';
import { componentsAt } from '../../server/src/features/components';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SMALL_FILING } from './texts';

export const COUNTS = SMALL_FILING;

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

test('folding: each section from its heading to its last non-blank line, and the table from its caption', () => {
  const folds = foldingRanges(analyze(COUNTS).model);
  const texts = folds.map((f) => `${f.kind}:${slice(COUNTS, f).split('\n')[0]}…${slice(COUNTS, f).split('\n').pop()}`);
  assert.deepEqual(texts, [
    'section:问题1 关于商户…本节说明其他事项，包括经营情况与未来的发展规划。',
    'section:一、商户数量…合计 | 25,001 | 25,311 | 21,190 |',
    'section:(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等…合计 | 25,001 | 25,311 | 21,190 |',
    'table:(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等…合计 | 25,001 | 25,311 | 21,190 |',
    'section:二、其他…本节说明其他事项，包括经营情况与未来的发展规划。',
  ]);
  // No fold ends in whitespace (it would swallow the next heading's line).
  for (const f of folds) assert.ok(!/\s$/.test(slice(COUNTS, f)));
});

test('selection ranges grow figure → cell → row → table → sections, each containing the last', () => {
  const a = analyze(COUNTS);
  const chain = selectionRangesAt(a, COUNTS.indexOf('25,311') + 2);
  const texts = chain.map((r) => slice(COUNTS, r));
  assert.equal(texts[0], '25,311');
  assert.equal(texts[1].trim(), '25,311');
  assert.equal(texts[2], '合计 | 25,001 | 25,311 | 21,190 |');
  assert.ok(texts[3].startsWith('(二)') && texts[3].endsWith('21,190 |'), texts[3]);
  assert.ok(texts.some((t) => t.startsWith('一、商户数量')));
  assert.ok(texts[texts.length - 1].startsWith('问题1'));
  for (let i = 1; i < chain.length; i++) {
    assert.ok(chain[i].start <= chain[i - 1].start && chain[i - 1].end <= chain[i].end, `${i} contains ${i - 1}`);
    assert.ok(chain[i].end - chain[i].start > chain[i - 1].end - chain[i - 1].start);
  }
  // In prose: just the sections.
  const prose = selectionRangesAt(a, COUNTS.indexOf('本节说明'));
  assert.equal(slice(COUNTS, prose[0]), '二、其他\n本节说明其他事项，包括经营情况与未来的发展规划。\n');
});

test('semantic tokens: headings, units, row labels, totals and figures, sorted and on one line each', () => {
  const a = analyze(COUNTS);
  const tokens = semanticTokens(a);
  const named = tokens.map((t) => {
    const mods = TOKEN_MODIFIERS.filter((_, i) => t.modifiers & (1 << i));
    return `${TOKEN_TYPES[t.type]}${mods.length ? '.' + mods.join('.') : ''}:${slice(COUNTS, t)}`;
  });
  assert.ok(named.includes('namespace.declaration:一、商户数量'), named.join('\n'));
  assert.ok(named.includes('type:万元'));
  assert.ok(named.includes('property:连锁店'));
  assert.ok(named.includes('keyword:合计'));
  assert.ok(named.includes('number:1,121'));
  assert.ok(named.includes('number.readonly:25,311'));
  for (let i = 0; i < tokens.length; i++) {
    assert.ok(!slice(COUNTS, tokens[i]).includes('\n'));
    if (i) assert.ok(tokens[i].start >= tokens[i - 1].end, 'sorted, no overlap');
  }
  // A range request gives only the tokens in the range.
  const from = COUNTS.indexOf('连锁店');
  const some = semanticTokens(a, { start: from, end: from + 20 });
  assert.ok(some.length > 0 && some.length < tokens.length);
  assert.ok(!some.some((t) => slice(COUNTS, t) === '一、商户数量'));
});

test('inlay hints: the value in 元 after figures of a 万元 table (when asked), ✓ or the sum after checked totals', () => {
  const a = analyze(COUNTS);
  const all = { start: 0, end: COUNTS.length };
  const at = (h: { offset: number }) => COUNTS.slice(h.offset - 6, h.offset);
  const totals = inlayHints(a, all, { normalizedValues: false, totals: true });
  assert.deepEqual(totals.map((h) => `${at(h)} ${h.label}`), ['25,001 ✓', '25,311 ≠ 25,212', '21,190 ✓']);
  assert.match(totals[1].tooltip, /difference 99 /);
  const normalized = inlayHints(a, all, { normalizedValues: true, totals: false });
  const first = normalized.find((h) => at(h) === '23,879');
  assert.ok(first, normalized.map((h) => h.label).join(' '));
  assert.equal(first.label, '=238,790,000.00 元');
  assert.equal(inlayHints(a, all, { normalizedValues: false, totals: false }).length, 0);
  // Only the requested range.
  const line = COUNTS.indexOf('连锁店 |');
  const some = inlayHints(a, { start: line, end: line + 25 }, { normalizedValues: true, totals: true });
  assert.deepEqual(some.map((h) => h.label), ['=11,210,000.00 元', '=9,180,000.00 元', '=12,000,000.00 元']);
  // A 元 table gets no normalized hints.
  const yuan = analyze(COUNTS.replace('单位：万元', '单位：元'));
  assert.equal(inlayHints(yuan, all, { normalizedValues: true, totals: false }).length, 0);
});

test('code lens above each table: size, unit, totals checked and differing', () => {
  const lenses = tableLenses(analyze(COUNTS));
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].title, '4 rows × 3 columns · 单位：万元 · 3 totals checked, 1 differ');
  assert.ok(COUNTS.slice(lenses[0].range.start, lenses[0].range.end).startsWith('(二)发行人'));
  // Accepting the difference: 0 differ.
  const accepted = tableLenses(analyze(COUNTS + 'filing-lens: accept 合计 25,311\n'));
  assert.match(accepted[0].title, /3 totals checked, 0 differ$/);
});

test('table grid: columns, rows, values in 元 and reconciliation marks per total cell', () => {
  const a = analyze(COUNTS);
  const table = queryOf(a).tableNear(COUNTS.indexOf('连锁店'))!;
  assert.ok(table);
  assert.equal(queryOf(a).tableNear(COUNTS.indexOf('(二)')), table, 'the caption line belongs to the table');
  assert.equal(queryOf(a).tableNear(COUNTS.indexOf('二、其他')), table, 'just below the table');
  assert.equal(queryOf(a).tableNear(COUNTS.indexOf('本节说明')), undefined, 'prose further down is not the table');
  const g = tableGrid(a, table);
  assert.equal(g.unit, '万元');
  assert.deepEqual(g.columns, ['2021.12.31', '2020.12.31', '2019.12.31']);
  const total = g.rows.find((r) => r.label === '合计')!;
  assert.equal(total.kind, 'total');
  assert.equal(total.line, 8);
  const marks = total.cells.map((c) => c.mark ?? '');
  assert.deepEqual(marks.filter(Boolean), ['ok', 'differs', 'ok']);
  const bad = total.cells.find((c) => c.mark === 'differs')!;
  assert.equal(bad.text, '25,311');
  assert.match(bad.note!, /25,212/);
  assert.equal(bad.normalized, '253,110,000.00 元');
  assert.equal(g.checked, 3);
  assert.equal(g.differ, 1);
  const html = tableHtml(g, 'NONCE');
  assert.match(html, /<h3>\(二\)发行人小B商户/);
  assert.match(html, /25,311<span class="bad">✗<\/span>/);
  assert.match(html, /25,001<span class="ok">✓<\/span>/);
  assert.match(html, /script-src 'nonce-NONCE'/);
  assert.match(html, /data-line="8"/);
  // Text from the document is escaped.
  const evil = tableHtml({ ...g, caption: '<img src=x onerror=alert(1)>' }, 'N');
  assert.ok(!evil.includes('<img'));
});

test('workspace symbols: sections and table captions of every open filing, best matches first', () => {
  const other = '第三节 管理层讨论与分析\n一、商户与收入\n本节说明其他事项，包括经营情况与未来的发展规划。\n';
  const docs = [
    { uri: 'file:///a.filing', analysis: analyze(COUNTS) },
    { uri: 'file:///b.filing', analysis: analyze(other) },
  ];
  const all = workspaceSymbols(docs, '');
  assert.ok(all.some((s) => s.uri === 'file:///b.filing' && s.name === '第三节 管理层讨论与分析' && s.kind === 'section'));
  const table = all.find((s) => s.kind === 'table');
  assert.ok(table && table.name.startsWith('表: (二)发行人'), JSON.stringify(all.map((s) => s.name)));
  assert.equal(table.container, '(二) 发行人小B商户是否区分独立个体户、连锁店、专业运营公司等');
  const q = workspaceSymbols(docs, '商户');
  assert.deepEqual(q.map((s) => `${s.uri.slice(-8)} ${s.name}`), [
    'a.filing 一、 商户数量',
    'b.filing 一、 商户与收入',
    'a.filing 问题1 关于商户',
    'a.filing (二) 发行人小B商户是否区分独立个体户、连锁店、专业运营公司等',
    'a.filing 表: (二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等',
  ]);
  assert.equal(workspaceSymbols(docs, '资产负债表').length, 0);
  assert.equal(matchScore('合并资产负债表', '合资负'), 1);
  assert.equal(matchScore('合并资产负债表', '负合'), 0);
});

test('table export: CSV and TSV with each amount column followed by its value in 元', () => {
  const a = analyze(COUNTS);
  const t = a.model.tables[0];
  const m = tableMatrix(a, t);
  assert.deepEqual(m[0], ['数量', '2021.12.31', '2021.12.31 (元)', '2020.12.31', '2020.12.31 (元)', '2019.12.31', '2019.12.31 (元)']);
  assert.deepEqual(m[1], ['独立门店(含个体户)', '23,879', '238790000.00', '24,293', '242930000.00', '19,990', '199900000.00']);
  assert.deepEqual(m[3], ['专业运营公司', '1', '10000.00', '1', '10000.00', '-', '']);
  assert.equal(m.length, 5);
  const csv = tableCsv(a, t);
  assert.equal(csv.split('\r\n')[1], '独立门店(含个体户),"23,879",238790000.00,"24,293",242930000.00,"19,990",199900000.00');
  const tsv = tableTsv(a, t);
  assert.equal(tsv.split('\n')[4], '合计\t25,001\t250010000.00\t25,311\t253110000.00\t21,190\t211900000.00');
  // Counts stay counts: 个 has no 元 column and no decimals.
  const counts = analyze(COUNTS.replace('单位：万元\n', '').replace('数量 |', '数量(个) |'));
  const cm = tableMatrix(counts, counts.model.tables[0]);
  assert.ok(!cm[0].some((h) => h.includes('元')), cm[0].join(' | '));
});

const NOTES = `第十节 财务报告
五、重要会计政策及会计估计
（一）金融工具
金融工具的分类说明如下，包括以摊余成本计量的金融资产等内容。
七、合并财务报表项目注释
1、货币资金
货币资金的明细如下，单位为人民币元，详见下表所列示的内容。
2、应收账款
应收账款的坏账准备计提方法详见附注七、1，金融工具的分类详见本附注五、（一）。
`;

test('cross-references: 详见附注七、1 and 详见本附注五、（一） name the section headings', () => {
  const a = analyze(NOTES);
  const heading = (needle: string) => {
    const t = crossReferenceAt(a, NOTES.indexOf(needle) + 2);
    return t && NOTES.slice(t.section.heading.start, t.section.heading.end);
  };
  assert.equal(heading('附注七、1'), '1、货币资金');
  assert.equal(heading('附注五、（一）'), '（一）金融工具');
  const r = referenceAt(a, NOTES.indexOf('附注七、1'))!;
  assert.equal(NOTES.slice(r.range.start, r.range.end), '附注七、1');
  assert.deepEqual(r.path, ['七', '1']);
  assert.equal(crossReferenceAt(a, NOTES.indexOf('坏账准备')), undefined);
  assert.equal(markerKey('（ 一 ）'), '(一)');
  assert.equal(markerKey('第 四 节'), '第四节');
  // A path whose last step is missing still reaches the part that exists.
  const partial = analyze(NOTES.replace('详见附注七、1', '详见附注七、9'));
  const t = crossReferenceAt(partial, partial.model.text.indexOf('附注七、9') + 1)!;
  assert.equal(t.section.heading.marker, '七、');
  assert.equal(t.matched, 1);
});

test('defined terms: the cell-per-line 释义 table of a real filing, pipe rows and "X 指 Y" lines', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/002-cell-per-line-balance-sheet.filing'), 'utf8');
  const a = analyze(text);
  const entries = definedTerms(a);
  assert.ok(entries.length >= 15, String(entries.length));
  assert.deepEqual(entries[0].terms, ['中科金财', '公司', '母公司']);
  assert.equal(entries[0].definition, '北京中科金财科技股份有限公司');
  const tj = entries.find((e) => e.terms.includes('滨河创新'))!;
  assert.equal(tj.definition, '天津中科金财科技有限公司(原名称为天津滨河创新科技有限公司,已于 2018 年 4 月变更为现名称)');
  assert.ok(!entries.some((e) => e.definition === '财务报告'));
  // A term used later in the document (编制单位:北京中科金财…): the longest term there wins.
  const use = text.indexOf('中科金财', text.indexOf('编制单位'));
  const found = termAt(a, use + 1)!;
  assert.equal(found.term, '中科金财');
  assert.equal(found.entry.definition, '北京中科金财科技股份有限公司');
  const pipes = analyze('释义\n中科金财、公司、母公司 | 指 | 北京中科金财科技股份有限公司\n报告期 | 指 | 2021年度\n\n一、概况\n报告期内，中科金财的收入增长。\n');
  const e = definedTerms(pipes);
  assert.deepEqual(e.map((x) => x.terms.join('、') + '=' + x.definition), ['中科金财、公司、母公司=北京中科金财科技股份有限公司', '报告期=2021年度']);
  const t = pipes.model.text;
  const hit = termAt(pipes, t.indexOf('中科金财的收入') + 2)!;
  assert.equal(hit.term, '中科金财');
  assert.equal(t.slice(hit.entry.termRange.start, hit.entry.termRange.end), '中科金财、公司、母公司');
  assert.match(termHover(hit), /\*\*中科金财\*\*：北京中科金财科技股份有限公司/);
  assert.equal(termAt(pipes, t.indexOf('收入增长') + 1), undefined);
  const spaced = analyze('发行人、本公司    指    某某科技股份有限公司\n保荐机构\t指\t某某证券\n');
  assert.deepEqual(definedTerms(spaced).map((x) => x.terms.join('、')), ['发行人、本公司', '保荐机构']);
});

test('components of a total: the figures it adds, for the quick fix that shows them', () => {
  const a = analyze(COUNTS);
  const at = COUNTS.indexOf('25,311');
  const c = componentsAt(a, at + 1)!;
  assert.ok(c);
  assert.equal(slice(COUNTS, c.total), '25,311');
  assert.deepEqual(c.components.map((r) => slice(COUNTS, r)), ['24,293', '918', '1']);
  assert.equal(c.table, 0);
  assert.equal(c.summary, 'total of 3: 独立门店(含个体户), 连锁店, 专业运营公司');
  assert.equal(componentsAt(a, COUNTS.indexOf('918')), undefined, 'a component is not a total');
});

// The command-line checker, dist/cli.js, as a user runs it.
const ROOT = path.resolve(__dirname, '../../..');
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const FIX = ['000-annual-report', '001-glued-inquiry', '002-cell-per-line-balance-sheet', '003-pipe-inquiry', '004-space-notes'].map((f) => `test/fixtures/${f}.filing`);

test('cli check: file:line:col: warning lines, exit 1 on problems, same output from the worker pool as in one thread', () => {
  const one = cli('check', '--jobs', '1', ...FIX);
  assert.equal(one.code, 1, one.err);
  assert.equal(one.out, 'test/fixtures/003-pipe-inquiry.filing:64:15: warning: 合计 [2020.12.31] 25,211 ≠ sum of 3 rows 25,212 (difference 1 个) [columnTotal]\n');
  assert.match(one.err, /5 files, \d+ totals checked, 1 problem/);
  const pool = cli('check', '--jobs', '3', ...FIX, ...FIX);
  assert.equal(pool.code, 1);
  assert.equal(pool.out, one.out + one.out, 'input order kept');
  const clean = cli('check', 'test/fixtures/004-space-notes.filing');
  assert.equal(clean.code, 0, clean.err);
  assert.equal(clean.out, '');
});

test('cli check --format json and --format sarif (2.1.0: one run, rules per check kind, 1-based regions)', () => {
  const json = cli('check', '--format', 'json', 'test/fixtures/003-pipe-inquiry.filing', 'test/fixtures/004-space-notes.filing');
  assert.equal(json.code, 1);
  const j = JSON.parse(json.out);
  assert.equal(j.length, 2);
  assert.equal(j[0].encoding, 'utf-8');
  assert.ok(j[0].checks > 10);
  assert.deepEqual(j[0].problems[0].start, { line: 64, column: 15 });
  assert.equal(j[0].problems[0].code, 'columnTotal');
  assert.equal(j[0].problems[0].related.length, 3);
  assert.deepEqual(j[1].problems, []);
  const s = cli('check', '--format=sarif', 'test/fixtures/003-pipe-inquiry.filing');
  assert.equal(s.code, 1);
  const log = JSON.parse(s.out);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'filing-lens');
  assert.deepEqual(run.tool.driver.rules.map((r: any) => r.id), ['columnTotal', 'formula', 'identity', 'share', 'crossFoot']);
  assert.equal(run.results.length, 1);
  const r = run.results[0];
  assert.equal(r.ruleId, 'columnTotal');
  assert.equal(run.tool.driver.rules[r.ruleIndex].id, 'columnTotal');
  assert.equal(r.level, 'warning');
  assert.match(r.message.text, /25,211 ≠/);
  assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/003-pipe-inquiry.filing');
  assert.deepEqual(r.locations[0].physicalLocation.region, { startLine: 64, startColumn: 15, endLine: 64, endColumn: 21 });
  assert.equal(r.relatedLocations.length, 3);
  assert.equal(run.artifacts[0].location.uri, 'test/fixtures/003-pipe-inquiry.filing');
});

test('cli outline, usage errors (exit 2), unreadable and GB18030 files', () => {
  const o = cli('outline', 'test/fixtures/004-space-notes.filing');
  assert.equal(o.code, 0);
  assert.match(o.out, /^test\/fixtures\/004-space-notes\.filing\n  五、合并财务报表项目注释\n    \(一\)货币资金\n      表: 库存现金/);
  const oj = JSON.parse(cli('outline', '--format', 'json', 'test/fixtures/004-space-notes.filing').out);
  assert.equal(oj[0].outline[0].name, '五、合并财务报表项目注释');
  assert.equal(typeof oj[0].outline[0].line, 'number');
  for (const bad of [[], ['frobnicate', 'x'], ['check'], ['check', '--format', 'xml', 'a'], ['check', '--bogus', 'a'], ['check', '--jobs', '0', 'a'], ['outline', '--format', 'sarif', 'a']]) {
    assert.equal(cli(...bad).code, 2, bad.join(' '));
  }
  const missing = cli('check', 'no/such/file.filing');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no\/such\/file\.filing: cannot read/);
  // A filing saved in GB18030 reads as the same text and finds the same problem.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iconv = require('iconv-lite') as { encode(s: string, enc: string): Buffer };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filing-lens-cli-'));
  const gbk = path.join(dir, 'gbk.filing');
  fs.writeFileSync(gbk, iconv.encode(fs.readFileSync(path.join(ROOT, 'test/fixtures/003-pipe-inquiry.filing'), 'utf8'), 'gb18030'));
  const g = cli('check', '--format', 'json', gbk);
  const gj = JSON.parse(g.out);
  assert.equal(gj[0].encoding, 'gb18030');
  assert.deepEqual(gj[0].problems[0].start, { line: 64, column: 15 });
  fs.rmSync(dir, { recursive: true, force: true });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
test('cli draws a progress bar on stderr when it is a terminal, and clears it before each problem', { skip: !hasScript && 'no script(1) to fake a terminal' }, () => {
  const command = [process.execPath, path.join(ROOT, 'dist/cli.js'), 'check', '--jobs', '2', ...FIX].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qc', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(r.stdout, /\[#{30}\] 5\/5 files · 1 problems/);
  assert.match(r.stdout, /\x1b\[2Ktest\/fixtures\/003-pipe-inquiry\.filing:64:15: warning/);
  // Not on a pipe.
  assert.doesNotMatch(cli('check', ...FIX).err, /files ·/);
});
