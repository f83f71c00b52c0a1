// The whole filing: lines, page furniture, document unit, tables, headings
// nested into sections, and the figures written in prose.

import { LineMarks } from '../model/lineMarks';
import { Figure, FilingModel, Heading, Problem, Section, Table, Unit } from '../model/types';
import { chunksOf, chunkWorkBound, tablesOfChunk } from './chunks';
import { findFurniture, runningHeaders, splitLines } from './lines';
import { matchHeading, mayBeHeading, wrapWidthOf } from './headings';
import { asciiDigits, parseChineseNumeral, parseNumberToken } from './numbers';
import { documentUnitIn, unitFromWord } from './units';

export interface ParseOptions {
  /** Skip tables and figures (outline only), for documents over the size limit. */
  outlineOnly?: boolean;
  /** Most table cells and prose figures to make (workBudget of the text's UTF-8 length by default). */
  workBudget?: number;
  /** Most lines to parse at all (lineBudget of the text's UTF-8 length by default). */
  lineBudget?: number;
}

/**
 * What a document may cost, by its length in UTF-8 bytes. Work is table cells
 * plus prose figures: each costs some 300–400 bytes in the analysis (the cell,
 * its figure, its place in the index), so the budget keeps them within about
 * 12 × the document. Lines cost some 85 bytes each, every one of them, so a
 * document of more lines than its budget (blank lines or a digit a line, on
 * end) is not parsed at all. Real filings stay well under both: at most 0.02
 * cells a byte and a line every 10 bytes (the densest, a one-cell-per-line
 * half-year report). A document over a budget gets only the outline (or, over
 * the line budget, nothing), and one information message saying so.
 */
export function workBudget(utf8Bytes: number): number {
  return 100_000 + Math.floor(utf8Bytes / 32);
}

export function lineBudget(utf8Bytes: number): number {
  return 100_000 + Math.floor(utf8Bytes / 8);
}

/** The length of the text in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII: 1 byte (counted); up to U+07FF: 2; a surrogate: 2 of a pair's 4; the rest of the BMP: 3.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  if (text.indexOf('\r') < 0) return n;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

export function parseFiling(text: string, options: ParseOptions = {}): FilingModel {
  return runSteps(parseFilingSteps(text, options));
}

/** Runs a stepwise computation to its end. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * parseFiling, one step per chunk of tables, so that a caller (the language
 * server) can run it in slices between other work and drop it when the text changes.
 */
export function* parseFilingSteps(text: string, options: ParseOptions = {}): Generator<void, FilingModel> {
  const problems: Problem[] = [];
  const bytes = options.workBudget === undefined || options.lineBudget === undefined ? utf8Length(text) : 0;
  const maxLines = options.lineBudget ?? lineBudget(bytes);
  const count = lineCount(text);
  if (count > maxLines) {
    // Not even the outline: nothing is made per line.
    const chunks = [{ fromLine: 0, toLine: 0, start: 0, end: text.length }];
    const none = { text, lines: [], furniture: new LineMarks(0), runningHeaders: new Set<string>(), chunks, sections: [], topTables: [], tables: [], proseFigures: [], problems };
    return { ...none, overBudget: { budget: maxLines, of: 'lines', used: count } };
  }
  // Steps of their own for the passes over every line, so that a caller running this in slices stays responsive.
  yield;
  const lines = splitLines(text);
  yield;
  const headers = runningHeaders(lines);
  const furniture = findFurniture(lines, headers);
  yield;
  let documentUnit: Unit | undefined;
  for (const l of lines) {
    if (l.text.length > 2000 || !l.text.includes('单位')) continue;
    const u = documentUnitIn(l.text, l.start);
    if (u) {
      documentUnit = u;
      break;
    }
  }
  const claimed = new Uint8Array(lines.length);
  const chunks = chunksOf(lines, text.length);
  let tables: Table[] = [];
  const budget = options.workBudget ?? workBudget(bytes);
  let work = 0;
  let overBudget = false;
  let proseFigures: Figure[] = [];
  if (!options.outlineOnly) {
    for (const c of chunks) {
      // A chunk that could make more than twice what is left is not searched at all (the bound is loose,
      // about twice what real tables make); after each chunk, what was made counts.
      if (work + chunkWorkBound(lines, c) / 2 > budget) {
        overBudget = true;
        break;
      }
      const found = tablesOfChunk(lines, c, furniture, documentUnit, claimed);
      for (const t of found) for (const r of t.rows) work += r.cells.length;
      tables.push(...found);
      if (work > budget) {
        overBudget = true;
        break;
      }
      yield;
    }
    // Prose figures may take at most half the budget (real filings: a figure every 300 bytes or more; digit soup: one every 4).
    const prose = overBudget ? undefined : yield* findProseFigures(lines, claimed, furniture, Math.min(budget - work, Math.floor(budget / 2)));
    if (prose) proseFigures = prose;
    else overBudget = true;
    if (overBudget) {
      // Outline only: what was found is dropped, and headings are looked for on every line.
      tables = [];
      claimed.fill(0);
    }
  }
  tables.forEach((t, i) => (t.id = i));

  // Headings: content lines outside tables.
  const wrapWidth = wrapWidthOf(lines);
  const headings: Heading[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (claimed[i] || furniture.has(i)) continue;
    const l = lines[i];
    if (l.text.length > 400 || !mayBeHeading(l.text)) continue;
    let next: string | undefined;
    // The next line of text (blank lines and page furniture between do not count).
    for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
      if (furniture.has(j) || !lines[j].text.trim()) continue;
      next = lines[j].text;
      break;
    }
    const h = matchHeading(l, next, wrapWidth);
    if (h) headings.push(h);
  }
  const sections = nestHeadings(headings, text.length);
  const topTables: Table[] = [];
  for (const t of tables) {
    const s = deepestSectionAt(sections, t.start);
    (s ? s.tables : topTables).push(t);
  }
  const model: FilingModel = { text, lines, furniture, runningHeaders: headers, chunks, sections, topTables, tables, proseFigures, documentUnit, problems };
  if (overBudget) model.overBudget = { budget, of: 'work' };
  return model;
}

/**
 * Nests headings by the order in which their styles appear: a style already open
 * closes everything below it (a sibling); a new style opens one level down.
 * A level can be skipped, and documents that use the styles in another order nest correctly.
 */
export function nestHeadings(headings: Heading[], textLength: number): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  const rank = (style: string) => ['第X节', '问题', '一、', '（一）', '1、', '（1）', '①', '1)'].indexOf(style);
  for (const h of headings) {
    const section: Section = { heading: h, range: { start: h.start, end: textLength }, children: [], tables: [] };
    const open = stack.findIndex((s) => s.heading.style === h.style);
    if (open >= 0) {
      for (let k = open; k < stack.length; k++) stack[k].range.end = Math.max(stack[k].heading.end, h.start);
      stack.length = open;
    } else {
      // A conventionally higher style (一、 after （一）) closes the deeper ones.
      while (stack.length && rank(stack[stack.length - 1].heading.style) > rank(h.style) && rank(h.style) <= 2) {
        stack[stack.length - 1].range.end = h.start;
        stack.pop();
      }
    }
    h.level = stack.length;
    (stack.length ? stack[stack.length - 1].children : roots).push(section);
    stack.push(section);
  }
  return roots;
}

export function deepestSectionAt(sections: Section[], offset: number): Section | undefined {
  let found: Section | undefined;
  let level = sections;
  for (;;) {
    const s = level.find((x) => x.range.start <= offset && offset < x.range.end);
    if (!s) return found;
    found = s;
    level = s.children;
  }
}

// Figures in prose: a number with a unit (万元, 亿元, 元, 户, 个 …) or a percent sign.
const PROSE_FIGURE = /(?<![\dA-Za-z.,\-])([-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*((?:人民币|美元|港元)?(?:十万|百万|千万|千|万|亿)?(?:元|户|个|人|股|次|家|笔)|%|％)/g;
const CN_AMOUNT = /([零壹贰叁肆伍陆柒捌玖拾佰仟万亿]{2,})元(?:整)?/g;
const ANY_DIGIT = /[\d０-９]/;
const UNIT_CHAR = /[元户个人股次家笔%％]/;

/** Prose figures, or undefined when there are more than `limit`; a step every 200,000 characters or so. */
function* findProseFigures(lines: FilingModel['lines'], claimed: Uint8Array, furniture: LineMarks, limit: number): Generator<void, Figure[] | undefined> {
  const out: Figure[] = [];
  let sinceStep = 0;
  for (const l of lines) {
    sinceStep += l.text.length + 1;
    if (sinceStep > 200_000) {
      sinceStep = 0;
      yield;
    }
    if (claimed[l.index] || furniture.has(l.index) || l.text.length > 20000) continue;
    // A figure in prose needs a digit and a unit or percent sign; an amount in capital numerals a 元.
    const line = l.text;
    const mayHaveFigure = ANY_DIGIT.test(line) && UNIT_CHAR.test(line);
    const hasYuan = line.includes('元');
    let m: RegExpExecArray | null;
    const text = mayHaveFigure ? asciiDigits(line) : '';
    PROSE_FIGURE.lastIndex = 0;
    while (mayHaveFigure && (m = PROSE_FIGURE.exec(text))) {
      const num = parseNumberToken(m[1]);
      if (!num) continue;
      const start = l.start + m.index;
      const unitStart = start + m[0].length - m[2].length;
      const unit = unitFromWord(m[2], 'cell', { start: unitStart, end: start + m[0].length });
      if (!unit) continue;
      // Years and dates are not figures: 2019年, 6月.
      if (out.length >= limit) return undefined;
      out.push({
        start,
        end: start + m[0].length,
        raw: l.text.slice(m.index, m.index + m[0].length),
        value: num.value,
        decimals: num.decimals,
        percent: unit.kind === 'percent',
        unit: unit.kind === 'percent' ? undefined : unit,
      });
    }
    CN_AMOUNT.lastIndex = 0;
    while (hasYuan && (m = CN_AMOUNT.exec(l.text))) {
      const v = parseChineseNumeral(m[1]);
      if (v === undefined) continue;
      const start = l.start + m.index;
      if (out.length >= limit) return undefined;
      out.push({
        start,
        end: start + m[0].length,
        raw: m[0],
        value: v,
        decimals: 0,
        percent: false,
        unit: { name: '元', factor: 1, kind: 'money', source: 'cell', range: { start: start + m[1].length, end: start + m[1].length + 1 } },
      });
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
