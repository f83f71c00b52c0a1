// Assembling a table from its rows: header rows, columns and whether they add up, tag columns,
// row kinds, units and caption.

import { Cell, Column, Range, Row, Table, TableLayout, Unit } from '../../model/types';
import {
  isBreakdownLabel,
  isSubtractLabel,
  labelFormula,
  labelTag,
  makeCell,
  periodsIn,
  rowKindOf,
  tagAndFormula,
  tagLike,
} from '../cells';
import { isEmptyCellText, splitGlued } from '../numbers';
import { columnUnitIn, DEFAULT_UNIT, tableUnitsIn } from '../units';
import { isContent, RawRow, TableContext } from './context';
import { DIGIT, PARENTHESES, SENTENCE_END } from '../text';
import { gluedUnitTitles, stackedTitles, titleLinesAbove } from './stackedTitles';

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return best;
}

const NOT_ADDITIVE = /结存|存量|毛利率|增长率|增速|增幅|变动率|变动比例|单价|均价|平均|人均|比率|周转|倍|账龄|年限|利率|费率|税率|折旧率|残值率|期限|天数|次数\/|占比|比例|比重|率|单位|价格|注释|序号|排名|股数|持股|是否|备注|说明|原因|内容|名称|性质|币种|时间|日期|期间|地区|区域|事由|幅度/;
const SHARE = /占比|比例|比重|占.*(?:的)?比/;
/** Layouts of text lines, whose headers may stand one title a line. */
const STACKED_LAYOUTS = new Set<TableLayout>(['cellStream']);
/** Layouts of text lines, whose titles may stand on lines the reader did not take. */
const TEXT_LAYOUTS = new Set<TableLayout>(['cellStream', 'glued', 'space']);

const YEAR = /^(?:19|20)\d\d$/;
const SPACE_CHAR = /\s/g;
const TAG_COLUMN_TITLE = /注释|序号|编号|代码|标识/;
const FORMULA_MARK = /[=+]/;
const ROMAN_OR_LETTER = /^[ivx]+$|^[a-zA-Z]$/;
const GROUPED_INTEGER = /^\d{1,3}(,\d{3})*$/;
const COMMAS = /,/g;
const LETTER_TAG = /^[a-z]$/;
const HOUSEHOLDS = /户/;
const GROWTH = /增/;
const UNIT_NOTE = /[(（]?\s*(?:金额|货币)?单位\s*[:：][^)）]*[)）]?/;
const PREPARER = /^编制单位/;
const FULL_DATE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
const AS_FOLLOWS = /如下|下表/;
const SENTENCE_MARK = /[。；]/;

/** What a header row says: its label and cells' texts (a row saying the same is the header repeated). */
function headerKey(r: RawRow): string {
  return r.label + '|' + r.cells.map((c) => c.text).join('|');
}

/** headerKey(r).length, without building the key. */
function headerKeyLength(r: RawRow): number {
  let n = r.label.length + 1 + Math.max(0, r.cells.length - 1);
  for (const c of r.cells) n += c.text.length;
  return n;
}

export function assembleTable(ctx: TableContext, layout: TableLayout, raw: RawRow[], id: number): Table | undefined {
  const rows0 = raw.filter((r) => r.header || r.cells.length > 0 || r.label);
  if (rows0.length < 2) return undefined;
  // Leading rows without figures are header rows.
  let h = 0;
  while (h < rows0.length && h < 4 && !rows0[h].cells.some((c) => c.figure) && (rows0[h].header || layout === 'pipe' || layout === 'cellPerLine')) {
    rows0[h].header = true;
    h++;
  }
  // Rows of periods or years with no amounts are header rows (中国联通 | 2021年 | 2020年 | 2019年 starts a block).
  // (Counted without arrays; periods are looked for only in rows without figures, the only ones they decide.)
  for (let k = h; k < rows0.length; k++) {
    const r = rows0[k];
    if (r.header) continue;
    let figs = 0;
    let years = 0;
    for (const c of r.cells) {
      if (!c.figure) continue;
      figs++;
      if (YEAR.test(c.text)) years++;
    }
    if (figs > 0) {
      if (years === figs && years >= 2) r.header = true;
      continue;
    }
    let periods = 0;
    for (const c of r.cells) {
      if (c.figure || !DIGIT.test(c.text)) continue;
      const p = periodsIn(c.text);
      if (p.length === 1 && p[0].text.length >= c.text.replace(SPACE_CHAR, '').length - 1) periods++;
    }
    if (periods >= 2) r.header = true;
  }
  // A header row repeated after a page break is a header row again.
  // (No leading header rows: nothing to repeat, and no keys to build.)
  if (h > 0) {
    const headerLabels = new Set(rows0.slice(0, h).map(headerKey));
    // (A key is built only for a row whose key would be as long as one of theirs.)
    const keyLengths = new Set(rows0.slice(0, h).map(headerKeyLength));
    for (let k = h; k < rows0.length; k++) {
      const r = rows0[k];
      if (!r.cells.some((c) => c.figure) && keyLengths.has(headerKeyLength(r)) && headerLabels.has(headerKey(r))) {
        r.header = true;
        r.repeatedHeader = true;
      }
    }
  }
  const dataRaw = rows0.filter((r) => !r.header);
  if (!dataRaw.some((r) => r.cells.some((c) => c.figure))) return undefined;
  if (layout === 'pipe') rightAlignRowSpans(dataRaw);
  let ncols = Math.max(1, mode(dataRaw.filter((r) => r.cells.some((c) => c.figure)).map((r) => r.cells.length)));
  // Glued rows: the header says how many columns there are, where it can.
  const fromHeader = headerColumnCount(rows0.slice(0, h));
  if (layout === 'glued' && fromHeader && fromHeader !== ncols && dataRaw.some((r) => r.cells.length === fromHeader || (r.uncertain !== undefined && resplit(ctx, r, fromHeader)))) {
    ncols = fromHeader;
  }

  // Glued rows with several readings: take the reading with the table's column count.
  if (layout === 'glued') {
    for (const r of dataRaw) {
      if (r.uncertain === undefined || r.cells.length === ncols || r.glued?.judged) continue;
      const again = resplit(ctx, r, ncols);
      if (again) {
        r.cells = again.cells;
        r.uncertain = again.uncertain;
      }
    }
  }

  const headerRows = rows0.filter((r) => r.header);
  // The header rows above the first data row (by order: an HTML table has all its rows on one line).
  const firstData = dataRaw.length ? rows0.indexOf(dataRaw[0]) : rows0.length;
  let columns = buildColumns(rows0.slice(0, firstData).filter((r) => r.header), ncols, dataRaw);
  // Column-major text: a run of values without a title where the other runs have theirs may be the next
  // table's (a page break inside its run): that column only confirms the rows.
  if (layout === 'columnMajor') {
    const heads = rows0.slice(0, firstData).filter((r) => r.header);
    const titled = (i: number) => !!columns[i].title || heads.some((h) => !!h.cells[i]?.text.trim());
    if (columns.some((_, i) => titled(i))) columns = columns.map((c, i) => (titled(i) ? c : { ...c, additive: false }));
  }
  // No title at all in a layout of text lines: titles stacked one per line above the first row (营业收入 / 营业成本 /
  // 营业收入比上 / 年同期增减 …), where the lines part into the columns. The header row goes on the raw rows too (its lines are the table's).
  const first0 = dataRaw.find((r) => r.cells.some((c) => c.figure));
  // Or glued on the line above it, each title ending in its unit (对账金额(万元)运营商结算价(元)…).
  if (TEXT_LAYOUTS.has(layout) && first0 && first0.label && columns.every((c) => !c.title)) {
    let lines = STACKED_LAYOUTS.has(layout) ? titleLinesAbove(ctx, first0.line, 4 * ncols + 6) : undefined;
    let cells = lines && stackedTitles(lines, ncols);
    if (!cells) {
      const glued = gluedUnitTitles(ctx, first0.line, ncols);
      if (glued) ({ lines, cells } = glued);
    }
    // Titles that name the table's rows are row labels read across (a table laid out the other way round).
    const labels = new Set(dataRaw.map((r) => r.label.replace(SPACE_CHAR, '')));
    if (lines && cells && !cells.some((c) => labels.has(c.text.replace(SPACE_CHAR, '')))) {
      const head: RawRow = { label: '', labelRange: { start: lines[0].start, end: lines[0].start }, cells, line: lines[0].index, lastLine: first0.line - 1, start: lines[0].start, end: cells.reduce((e, c) => Math.max(e, c.end), lines[0].start), header: true };
      const kept = rows0.filter((r, i) => i >= firstData || !r.header);
      rows0.splice(0, rows0.length, head, ...kept);
      raw.unshift(head);
      columns = buildColumns([head], ncols, dataRaw);
    }
  }

  // A tag column (注释: i, ii=1+2, a, b …) holds formula tags, not figures.
  let tagColumn = false;
  if (ncols >= 2) {
    const titled = TAG_COLUMN_TITLE.test(columns[0]?.title ?? '');
    const firsts = dataRaw.filter((r) => r.cells.length === ncols).map((r) => r.cells[0].text).filter((t) => t);
    const formulaLike = firsts.filter((t) => FORMULA_MARK.test(t) || ROMAN_OR_LETTER.test(t)).length;
    tagColumn = (titled && firsts.every((t) => tagLike(t))) || (formulaLike >= 2 && firsts.every((t) => tagLike(t) || GROUPED_INTEGER.test(t)) && firsts.filter((t) => tagLike(t)).length >= firsts.length * 0.6);
  }

  const rows: Row[] = rows0.map((r) => {
    let cells = r.cells;
    let tag: string | undefined;
    let formula: string | undefined;
    if (tagColumn && !r.header) {
      // A merged tag cell: the row has no tag, its figures start in the tag column and its last cell is empty
      // (a first figure too long to be a tag says so; otherwise the other rows having a last figure does).
      const first = cells[0];
      const shifted =
        cells.length === ncols && cells[ncols - 1].text === '' && !!first?.figure && !FORMULA_MARK.test(first.text) &&
        (first.text.replace(COMMAS, '').length > 2 || (cells.filter((c) => c.figure).length === ncols - 1 && othersEndInFigures(rows0, ncols)));
      if (shifted) cells = cells.slice(0, -1);
      else if (cells.length > 0) {
        ({ tag, formula } = tagAndFormula(cells[0].text));
        cells = cells.slice(1);
      }
    } else if (tagColumn && r.header) {
      cells = cells.slice(1);
    }
    if (!formula) {
      const lf = labelFormula(r.label);
      if (lf) ({ tag, formula } = { tag: lf.tag ?? tag, formula: lf.formula });
    }
    if (!tag) tag = labelTag(r.label);
    // A row that carries its own letter tag, 付现销售费用小计(e), is a line of a formula table, not a total of the rows above.
    const kind = r.header ? 'header' : formula ? 'formula' : tag && LETTER_TAG.test(tag) ? 'data' : rowKindOf(r.label);
    return {
      label: r.label,
      labelRange: r.labelRange,
      cells: r.header ? cells : cells.map((c) => c),
      kind,
      breakdown: isBreakdownLabel(r.label),
      subtract: isSubtractLabel(r.label),
      formula,
      tag,
      line: r.line,
      start: r.start,
      end: r.end,
      uncertain: r.uncertain || undefined,
      repeatedHeader: r.repeatedHeader || undefined,
      band: r.band || undefined,
      section: r.section || undefined,
    } as Row;
  });
  const finalColumns = tagColumn ? columns.slice(1) : columns;

  // Units: the table's unit line or caption, the label header (数量(个)), the document's.
  const first = rows0[0];
  const found = captionAndUnits(ctx, first.line);
  const { caption, captionRange } = found;
  let units = found.units;
  // A unit line read into the header's label cell (单位：元 币种：人民币 over 期末余额 …) is the table's unit line.
  const label0 = headerRows.length ? headerRows[0] : undefined;
  const labelLineUnits = label0 ? tableUnitsIn(label0.label, label0.labelRange.start) : undefined;
  if (labelLineUnits && !units) units = labelLineUnits;
  const labelHeaderUnit = label0 && !labelLineUnits ? columnUnitIn(label0.label) : undefined;
  // The document's statement covers what follows it (财务附注中报表的单位为：千元 says nothing of the tables before).
  const stated = ctx.documentUnit && (ctx.documentUnit.range?.start ?? 0) <= first.start ? ctx.documentUnit : undefined;
  const unit: Unit = labelHeaderUnit ?? units?.find((u) => u.kind === 'money') ?? units?.[0] ?? stated ?? DEFAULT_UNIT;
  // A table unit line listing several units (单位：万户、万元): columns whose title names one take it.
  if (units && units.length > 1) {
    for (const c of finalColumns) {
      if (c.unit) continue;
      const named = units.find((u) => c.title.includes(u.name));
      if (named) c.unit = { ...named, source: 'table' };
      else if (HOUSEHOLDS.test(c.title)) c.unit = units.find((u) => u.kind === 'count');
    }
  }
  const last = rows[rows.length - 1];
  return {
    id,
    caption,
    captionRange,
    layout,
    columns: finalColumns,
    rows,
    unit,
    units: units ?? [],
    start: Math.min(first.start, captionRange?.start ?? first.start),
    end: last.end,
  };
}

/**
 * Pipe tables with row spans (a period or a business line merged over several
 * rows) write the rows under the span one cell to the left, with empty cells at
 * the end. Where several rows show that, every row is aligned on its right end.
 */
function rightAlignRowSpans(rows: RawRow[]) {
  const strippedLength = (r: RawRow) => {
    let n = r.cells.length;
    while (n > 0 && r.cells[n - 1].text === '') n--;
    return n;
  };
  // A row moved left by a span holds a figure (or a nil mark) in its first cell, where the full rows
  // name their item; a row whose first cell is empty or text keeps its cells in place (a converter that
  // writes every cell: 职工福利费 |  | 1,070,276.00 | 1,070,276.00 |  |; 其他流动资产 | 七、13 | 2,343,783.51 |  |).
  const movedLeft = (r: RawRow) => !!r.cells[0] && (!!r.cells[0].figure || /^[-—–－]+$/.test(r.cells[0].text.trim()));
  const shifted = rows.filter((r) => strippedLength(r) > 0 && strippedLength(r) < r.cells.length && movedLeft(r));
  if (shifted.length < 2) return;
  const width = Math.max(...rows.map(strippedLength));
  // A text column at the right end may itself span rows; then the right end is no anchor.
  const full = rows.filter((r) => strippedLength(r) === width);
  if (!full.every((r) => r.cells[width - 1].figure || isEmptyCellText(r.cells[width - 1].text))) return;
  // A span leaves a second label column: the full rows name their item in their first cell (MOSFET |
  // 高压超级结MOSFET | 23,917.46). Where every full row starts with a figure, a row with empty cells at
  // its end just has nothing there (本期发生额 | 上期发生额: 售后回租借款 | 25,000,000.00 |  |).
  if (!full.some((r) => r.cells[0] && !r.cells[0].figure && !isEmptyCellText(r.cells[0].text) && r.cells[0].text.trim() !== '')) return;
  for (const r of rows) {
    const n = strippedLength(r);
    if (n === 0) continue;
    const kept = r.cells.slice(0, n);
    const at = kept[0].start;
    const pad: Cell[] = Array.from({ length: width - n }, () => ({ start: at, end: at, text: '' }));
    r.cells = [...pad, ...kept];
  }
}

/** The glued cells of a row read again as exactly `ncols` cells. */
function resplit(ctx: TableContext, r: RawRow, ncols: number): { cells: Cell[]; uncertain: boolean } | undefined {
  if (!r.cells.length) return undefined;
  const line = ctx.lines[r.lastLine];
  const from = r.cells[0].start - line.start;
  const to = r.cells[r.cells.length - 1].end - line.start;
  if (from < 0 || to > line.text.length) return undefined;
  const again = splitGlued(line.text.slice(from, to), ncols);
  if (!again) return undefined;
  const base = r.cells[0].start;
  return { cells: again.tokens.map((tok) => makeCell(tok.raw, base + tok.start)), uncertain: again.ambiguous };
}

/** Columns named by the header rows above the data: periods, or column words under them. */
function headerColumnCount(headers: RawRow[]): number | undefined {
  let periods = 0;
  let words = 0;
  for (const hr of headers) {
    if (hr.label === '' && hr.cells.length) words = hr.cells.length;
    else if (hr.cells.length) periods = hr.cells.length;
  }
  if (words && words >= periods) return words;
  return periods || undefined;
}

function othersEndInFigures(rows: RawRow[], ncols: number): boolean {
  // Other rows of the table have a figure in the last column.
  return rows.filter((x) => !x.header && x.cells.length === ncols && x.cells[ncols - 1].figure).length >= 2;
}

/** A bracketed word of a title: (%), （万元）. */
const BRACKETED = /[(（][^()（）]{1,6}[)）]/g;

function buildColumns(headerRows: RawRow[], ncols: number, dataRows: RawRow[]): Column[] {
  const titles: string[][] = [];
  for (let i = 0; i < ncols; i++) titles.push([]);
  // Leading columns that hold text, not figures, in the rows of the table (模式, 客户名称).
  let textCols = 0;
  while (textCols < ncols - 1 && dataRows.every((r) => r.cells.length !== ncols || !r.cells[textCols].figure)) textCols++;
  if (textCols === ncols - 1) textCols = 0;
  // A header row that cannot be laid over the columns leaves them unnamed: such columns are not added up.
  let unclear = false;
  // The cell count of a header row whose cells each span several columns (0: none yet).
  let spread = 0;
  for (let hi = 0; hi < headerRows.length; hi++) {
    const h = headerRows[hi];
    // A title spanning the last columns (税前现金分红金额(万元) | | over 2021年度 | 2020年度 | 2019年度, the row
    // under it written from the first cell): the row under it titles those columns, as many as it names.
    const spanned = spannedLastTitle(h, headerRows[hi + 1], ncols);
    if (spanned) {
      spanned.forEach((parts, c) => titles[c].push(...parts));
      hi++;
      continue;
    }
    const nonEmpty = h.cells.filter((c) => c.text !== '');
    const trailingEmpty = nonEmpty.length < h.cells.length && h.cells.slice(0, nonEmpty.length).every((c) => c.text !== '');
    if (h.cells.length === ncols && !trailingEmpty) h.cells.forEach((c, i) => c.text && titles[i].push(c.text));
    else if (nonEmpty.length === ncols) nonEmpty.forEach((c, i) => titles[i].push(c.text));
    else if (trailingEmpty && h.label && nonEmpty.length + 1 === ncols) {
      // A header row under a merged label cell starts one cell to the left.
      [h.label, ...nonEmpty.map((c) => c.text)].forEach((t, i) => titles[i].push(t));
    }
    else if (nonEmpty.length === 1 && ncols > 1 && (nonEmpty[0].text.match(BRACKETED) ?? []).length >= 2) {
      // One cell of several titles glued (收入占比(%)成本毛利率(%)): it titles no column, and no column is one of it.
    } else if (nonEmpty.length > 1 && nonEmpty.length === spread) {
      // A row as many cells as the spanning row above it, under it (2021年1-6月 | 2020年度 over 收入占比 | 收入占比,
      // over four columns): each cell is the titles of the columns under its span glued, and titles none of them.
    } else if (nonEmpty.length > 0 && ncols % nonEmpty.length === 0) {
      const span = ncols / nonEmpty.length;
      if (span > 1) spread = nonEmpty.length;
      nonEmpty.forEach((c, i) => {
        for (let k = 0; k < span; k++) titles[i * span + k].push(c.text);
      });
    } else if (nonEmpty.length > 0 && !layOverNumericColumns(h, titles, textCols)) {
      // Where every title of the row names an amount (periods, 本期增加, 期末余额), the columns add up
      // whichever title each one has (rows that leave out nil cells: 671,790.37 671,790.37 under four titles).
      if (nonEmpty.some((c) => NOT_ADDITIVE.test(c.text.replace(PARENTHESES, '')) || columnUnitIn(c.text)?.kind === 'percent' || c.text.includes('%'))) unclear = true;
    }
  }
  // One title over every column and nothing under it names no column: a band over titles that were lost (账面净值
  // read over four columns of figures), unless it is a period. It is not shown; what it says of the unit and of
  // adding up still holds.
  const band = ncols > 1 && titles.every((t) => t.length === 1 && t[0] === titles[0][0]) && !periodsIn(titles[0][0]).length;
  return titles.map((parts) => {
    const title = parts.join(' ');
    const unit = columnUnitIn(title);
    const share = SHARE.test(title) && !GROWTH.test(title);
    const words = title.replace(PARENTHESES, '');
    const additive = title ? !NOT_ADDITIVE.test(words) && unit?.kind !== 'percent' : !unclear;
    return { title: band ? '' : title, unit, additive, share };
  });
}

/**
 * Titles of a header row whose last title spans the columns after it (its cells after that one empty) over the
 * next header row, whose texts (its label first, unless it titles the label column) are exactly as many as the
 * spanned columns, each once; undefined for any other shape.
 */
function spannedLastTitle(h: RawRow, under: RawRow | undefined, ncols: number): string[][] | undefined {
  if (!under || h.cells.length !== ncols) return undefined;
  let last = ncols - 1;
  while (last >= 0 && h.cells[last].text === '') last--;
  const span = ncols - last;
  if (last < 1 || span < 2 || h.cells.slice(0, last).some((c) => c.text === '')) return undefined;
  const texts = under.cells.map((c) => c.text).filter((t) => t !== '');
  if (under.label && !STUB_TITLE.test(under.label)) texts.unshift(under.label);
  // Texts repeated (2021年 | 2020年 | 2021年 | 2020年) go under several titles: not this shape.
  if (texts.length !== span || new Set(texts).size !== span) return undefined;
  return h.cells.map((c, i) => (i < last ? [c.text] : [h.cells[last].text, texts[i - last]]));
}

/**
 * A header row of a multi-level header, laid over the columns that hold figures: its titles either name
 * each of those columns (金额 | 占比 | 金额 | 占比, the first one in the label cell where a merged stub cell
 * above pushed the row one cell to the left), or, after titles of the leading text columns (模式), each
 * span the same number of them (2021年 over 金额 | 占比). False when it cannot be laid over them.
 */
function layOverNumericColumns(h: RawRow, titles: string[][], textCols: number): boolean {
  const ncols = titles.length;
  const numeric = ncols - textCols;
  const texts = h.cells.filter((c) => c.text !== '').map((c) => c.text);
  if (h.label && !STUB_TITLE.test(h.label) && texts.length < numeric) texts.unshift(h.label);
  if (texts.length === numeric) {
    texts.forEach((t, i) => titles[textCols + i].push(t));
    return true;
  }
  let lead = 0;
  while (lead < textCols && lead < texts.length && !periodsIn(texts[lead]).length) lead++;
  const rest = texts.slice(lead);
  if (!rest.length || numeric % rest.length !== 0 || rest.length === numeric) return false;
  const span = numeric / rest.length;
  texts.slice(0, lead).forEach((t, i) => titles[i].push(t));
  rest.forEach((t, i) => {
    for (let k = 0; k < span; k++) titles[textCols + i * span + k].push(t);
  });
  return true;
}

/** The title of the label column (项目, 类别, 名称 …): not a column's title. */
const STUB_TITLE = /^(?:项\s*目|类\s*别|名\s*称|科\s*目|账\s*龄|单位名称|客户名称|公司名称|序\s*号|年\s*度|期\s*间)/;

const CAPTION_HINT = /如下|下表|情况|明细|构成|列示|表\s*\d*$|[:：]$/;

function captionAndUnits(ctx: TableContext, firstLine: number): { caption: string; captionRange?: Range; units?: Unit[] } {
  let units: Unit[] | undefined;
  let caption = '';
  let captionRange: Range | undefined;
  let seen = 0;
  for (let i = firstLine - 1; i >= (ctx.from ?? 0) && seen < 4; i--) {
    if (!isContent(ctx, i)) continue;
    if (ctx.claimed[i]) break;
    const l = ctx.lines[i];
    const t = l.text.trim();
    seen++;
    const u = tableUnitsIn(l.text, l.start);
    if (u && !units) units = u;
    const withoutUnit = t.replace(UNIT_NOTE, '').trim();
    if (!caption && withoutUnit && !PREPARER.test(withoutUnit) && !FULL_DATE.test(withoutUnit)) {
      // A caption introduces the table (…如下表：, 单位 lines aside) or names it; a sentence that ends in 。 only if it says 如下.
      const sentence = SENTENCE_END.test(withoutUnit) && !AS_FOLLOWS.test(withoutUnit);
      if (!sentence && (withoutUnit.length <= 80 || CAPTION_HINT.test(withoutUnit))) {
        // A long introducing line: its last sentence (…。报告期各期末,…分类如下:).
        const last = withoutUnit.split(SENTENCE_MARK).filter((x) => x.trim()).pop() ?? withoutUnit;
        caption = last.length > 80 ? '…' + last.slice(-60) : last.trim();
        const s = l.start + l.text.indexOf(t);
        captionRange = { start: s, end: s + t.length };
      }
      if (units) break;
    }
    if (caption && units) break;
  }
  return { caption, captionRange, units };
}
