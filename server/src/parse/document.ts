// The whole filing: lines, page furniture, document unit, tables, headings
// nested into sections, and the figures written in prose.

import { LineMarks } from '../model/lineMarks';
import { Figure, FilingModel, Heading, Line, Problem, Section, Table, Unit } from '../model/types';
import { chunksOf, chunkWorkBound, chunkWorkCeiling, tablesOfChunk } from './chunks';
import { editedLines, furnitureOf, headersAfterEdit, headersOf, keepChapterHeadings, linesAfterEdit, splitLines } from './lines';
import { bareNumeralHeading, dropStrayDecimals, isChapterStyle, isFigureLine, isRowLabel, matchHeading, mayBeHeading, splitGluedSubheadings, STYLE_ORDER, wrapWidthOf } from './headings';
import { asciiDigits, parseChineseNumeral, parseNumberToken } from './numbers';
import { documentUnitIn, unitFromWord } from './units';
import { changedRange, chunkReuse, shiftedTable } from './reuse';

export interface ParseOptions {
  /** Skip tables and figures (outline only), for documents over the size limit. */
  outlineOnly?: boolean;
  /** Most table cells and prose figures to make (workBudget of the text's UTF-8 length by default). */
  workBudget?: number;
  /** Most lines to parse at all (lineBudget of the text's UTF-8 length by default). */
  lineBudget?: number;
  /**
   * The model of an earlier version of the same document: chunks whose text and context did not change
   * take their tables from it (parse/reuse.ts) instead of being read again. The result is the same.
   */
  previous?: FilingModel;
  /** Filled with each table copied from the previous model (shifted by the edit) and the table it copies. */
  copies?: Map<Table, Table>;
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
  // The budgets go by the text's length in UTF-8, counted only where the text's UTF-16 length (never
  // more: the lower bound of every budget) does not settle the question.
  let bytes = -1;
  const utf8Bytes = () => (bytes < 0 ? (bytes = utf8Length(text)) : bytes);
  // An edit of a previous model's text: the lines it did not touch are taken over (linesAfterEdit).
  const prev = options.previous;
  const edit = prev && prev.lines.length && prev.overBudget?.of !== 'lines' ? changedRange(prev.text, text) : undefined;
  const lowLines = options.lineBudget ?? lineBudget(text.length);
  const taken = edit && linesAfterEdit(prev!.lines, text, edit, lowLines);
  const count = taken === undefined ? lineCount(text) : typeof taken === 'number' ? taken : taken.length;
  const maxLines = options.lineBudget ?? (count <= lineBudget(text.length) ? lineBudget(text.length) : lineBudget(utf8Bytes()));
  if (count > maxLines) {
    // Not even the outline: nothing is made per line.
    const chunks = [{ fromLine: 0, toLine: 0, start: 0, end: text.length }];
    const none = { text, lines: [], furniture: new LineMarks(0), runningHeaders: new Set<string>(), chunks, sections: [], topTables: [], tables: [], proseFigures: [], problems };
    return { ...none, overBudget: { budget: maxLines, of: 'lines', used: count } };
  }
  // Steps of their own for the passes over every line, so that a caller running this in slices stays responsive.
  yield;
  const lines = taken === undefined ? splitLines(text) : typeof taken === 'number' ? (linesAfterEdit(prev!.lines, text, edit!, Infinity) as Line[]) : taken;
  yield;
  // After an edit, the running headers and the first pass of the furniture of lines far from it are taken over.
  const edited = edit && editedLines(prev!.lines, edit);
  const prevMarks = prev?.pageMarks;
  const keptHeaders = edited && prevMarks && headersAfterEdit(prev!.lines, { headers: prev!.runningHeaders, pages: prevMarks.pages }, lines, edited.first, edited.after);
  const { headers, pages } = keptHeaders || headersOf(lines);
  const marksReuse = edited && prevMarks && (keptHeaders || sameSet(headers, prev!.runningHeaders)) ? { ownMarks: prevMarks.ownMarks, first: edited.first, after: edited.after, dl: lines.length - prev!.lines.length } : undefined;
  const { furniture, ownMarks } = furnitureOf(lines, headers, marksReuse);
  keepChapterHeadings(lines, furniture);
  yield;
  let documentUnit: Unit | undefined;
  for (const l of lines) {
    if (l.text.length > 2000 || !(l.text.includes('单位') || l.text.includes('注明'))) continue;
    const u = documentUnitIn(l.text, l.start);
    if (u) {
      documentUnit = u;
      break;
    }
  }
  const claimed = new Uint8Array(lines.length);
  const chunks = chunksOf(lines, text.length);
  let tables: Table[] = [];
  // (A UTF-16 code unit is 1 to 3 bytes of UTF-8.)
  const lowBudget = options.workBudget ?? workBudget(text.length);
  const highBudget = options.workBudget ?? workBudget(3 * text.length);
  const exactBudget = () => options.workBudget ?? workBudget(utf8Bytes());
  /** Whether an amount of work is over the budget. */
  const over = (amount: number) => amount > lowBudget && (amount > highBudget || amount > exactBudget());
  let work = 0;
  let overBudget = false;
  let proseFigures: Figure[] = [];
  const chunkTables: number[] = [];
  /** Tables that are the previous model's own objects. */
  const shared = new Set<Table>();
  /** Chunks taken over from the previous model, with their prose figures. */
  const takenChunks: TakenChunk[] = [];
  if (!options.outlineOnly) {
    const reuse = edit && chunkReuse(prev!, edit, lines, furniture, documentUnit, options.copies);
    for (const c of chunks) {
      // A chunk that could make more than twice what is left is not searched at all (the bound is loose,
      // about twice what real tables make); after each chunk, what was made counts.
      // (Each bound against the budget's lower bound first: the exact budget is counted only where both pass it.)
      const ceiling = work + chunkWorkCeiling(lines, c) / 2;
      const bound = ceiling > lowBudget ? work + chunkWorkBound(lines, c) / 2 : 0;
      if (bound > lowBudget && over(ceiling) && over(bound)) {
        overBudget = true;
        break;
      }
      const reused = reuse?.(c, claimed);
      const found = reused ? reused.tables : tablesOfChunk(lines, c, furniture, documentUnit, claimed);
      for (const t of found) for (const r of t.rows) work += r.cells.length;
      chunkTables.push(tables.length);
      tables.push(...found);
      if (reused?.shared) for (const t of found) shared.add(t);
      if (reused) takenChunks.push({ fromLine: c.fromLine, toLine: c.toLine, proseFigures: reused.proseFigures });
      if (over(work)) {
        overBudget = true;
        break;
      }
      yield;
    }
    // Prose figures may take at most half the budget (real filings: a figure every 300 bytes or more; digit soup: one every 4).
    const proseLimit = (budget: number) => Math.min(budget - work, Math.floor(budget / 2));
    let prose = overBudget ? undefined : yield* findProseFigures(lines, claimed, furniture, proseLimit(lowBudget), takenChunks);
    // Over the limit by the lower bound: by the exact budget, if that is more.
    if (!overBudget && !prose && exactBudget() > lowBudget) prose = yield* findProseFigures(lines, claimed, furniture, proseLimit(exactBudget()), takenChunks);
    if (prose) proseFigures = prose;
    else overBudget = true;
    if (overBudget) {
      // Outline only: what was found is dropped, and headings are looked for on every line.
      tables = [];
      claimed.fill(0);
    }
  }
  // A table of the previous model keeps its id; one that would change it is copied (never changed in place).
  tables.forEach((t, i) => {
    if (t.id !== i && shared.has(t)) {
      const copy = shiftedTable(t, (o) => o, 0);
      options.copies?.set(copy, t);
      tables[i] = t = copy;
    }
    t.id = i;
  });

  // Headings: content lines outside tables.
  const wrapWidth = wrapWidthOf(lines);
  const lineHeadings: Heading[] = [];
  const tocTitles = chapterTitlesInToc(lines, furniture);
  // Lines whose heading (or none) is the previous model's: see stableLines.
  const stable = edit && stableLines(prev!, edit, lines, furniture, claimed, wrapWidth, tocTitles);
  const dl = lines.length - (prev?.lines.length ?? 0);
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  const prevHeadings = prev?.lineHeadings?.headings ?? [];
  let ph = 0;
  let claimedTitle = -1;
  for (let i = 0; i < lines.length; i++) {
    if (stable?.[i]) {
      if (i === claimedTitle) continue;
      // (Stable lines stand before the edit, or after it, moved by dl lines.)
      const before = lines[i].start < edit!.start;
      const oi = before ? i : i - dl;
      while (ph < prevHeadings.length && prevHeadings[ph].line < oi) ph++;
      const p = prevHeadings[ph];
      if (!p || p.line !== oi) continue;
      const h = before || (delta === 0 && dl === 0) ? p : { ...p, line: i, start: p.start + delta, end: p.end + delta };
      // A title read from a line after the heading's: that line is not a heading.
      if (h.end > lines[i].end) for (let j = i + 1; j <= i + 4 && j < lines.length; j++) if (lines[j].start <= h.end && h.end <= lines[j].end) claimedTitle = j;
      lineHeadings.push(h);
      continue;
    }
    if (claimed[i] || furniture.has(i)) continue;
    const l = lines[i];
    if (l.text.length > 400 || !mayBeHeading(l.text)) continue;
    if (i === claimedTitle) continue;
    let next: string | undefined;
    let nextLine = -1;
    // The next line of text (blank lines and page furniture between do not count).
    for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
      if (furniture.has(j) || !lines[j].text.trim()) continue;
      next = lines[j].text;
      nextLine = j;
      break;
    }
    const h = matchHeading(l, next, wrapWidth, nextLine >= 0 ? lines[nextLine] : undefined) ?? (nextLine >= 0 ? bareNumeralHeading(l, lines[nextLine]) : undefined);
    if (!h) continue;
    // A numbered label inside a run of figures (one cell per line: 8 / 一、二期工业园 / 内厂房 / 2.8mg/m3) is a cell.
    if (!isChapterStyle(h.style) && amongFigures(lines, furniture, i)) continue;
    if (h.end > l.end) claimedTitle = nextLine;
    // A bare 第一节 with its title on the next line: one heading with the title
    // (the table of contents' title for it, where the next line is something else).
    if (isChapterStyle(h.style) && !h.title) {
      const title = nextLine >= 0 ? lines[nextLine].text.trim() : '';
      const listed = tocTitles.get(h.marker);
      if ((listed === undefined || listed === title) && title && title.length <= 40 && !SENTENCE_LIKE.test(title) && !matchHeading(lines[nextLine], undefined, 0) && !isFigureLine(title) && !isRowLabel(title)) {
        h.title = title;
        h.end = lines[nextLine].start + lines[nextLine].text.indexOf(title) + title.length;
        claimedTitle = nextLine;
      } else if (listed) h.title = listed;
    }
    lineHeadings.push(h);
  }
  // (Nesting sets each heading's level: it works on copies.)
  const headings = dropStrayDecimals(splitGluedSubheadings(lineHeadings)).map((h) => ({ ...h }));
  const chapters = unnumberedChapters(lines, furniture, claimed);
  if (chapters.length) {
    const at = new Set(headings.map((h) => h.line));
    // (Nor a line a heading took as its title: 第一节 / 本次交易概况.)
    const titled = headings.filter((h) => h.end > lines[h.line].end);
    headings.push(...chapters.filter((c) => !at.has(c.line) && !titled.some((h) => h.start < c.start && c.start < h.end)));
    headings.sort((x, y) => x.start - y.start);
  }
  const sections = nestHeadings(headings, text.length);
  const topTables: Table[] = [];
  for (const t of tables) {
    const s = deepestSectionAt(sections, t.start);
    (s ? s.tables : topTables).push(t);
  }
  const model: FilingModel = { text, lines, furniture, runningHeaders: headers, chunks, sections, topTables, tables, proseFigures, documentUnit, problems };
  if (overBudget) model.overBudget = { budget: exactBudget(), of: 'work' };
  else if (!options.outlineOnly) {
    chunkTables.push(tables.length);
    model.claimed = claimed;
    model.chunkTables = chunkTables;
  }
  if (model.lines.length) {
    model.lineHeadings = { headings: lineHeadings, wrapWidth, tocTitles };
    model.pageMarks = { ownMarks, pages };
  }
  return model;
}

/**
 * Lines whose heading is the previous model's heading of the same line (moved by the edit), or none as there:
 * whether a line is a heading depends on the lines up to six before and after it (the next line of text four
 * lines on at most, figures around it six lines on at most), their furniture and claimed bytes, on whether a
 * heading up to four lines before took it as its title, on the document's wrap width and on the chapter titles
 * of its table of contents. A line is stable where none of the lines within ten of it was edited or differs
 * from the previous model in furniture or in being claimed, under the same wrap width and contents.
 * Undefined when the previous model kept no headings or read them in another context.
 */
function stableLines(prev: FilingModel, edit: { start: number; oldEnd: number }, lines: Line[], furniture: LineMarks, claimed: Uint8Array, wrapWidth: number, tocTitles: Map<string, string>): Uint8Array | undefined {
  const memo = prev.lineHeadings;
  if (!memo || memo.wrapWidth !== wrapWidth || !sameMap(memo.tocTitles, tocTitles)) return undefined;
  const { first, after } = editedLines(prev.lines, edit);
  const dl = lines.length - prev.lines.length;
  const n = lines.length;
  const dirty = new Uint8Array(n);
  for (let i = first; i < after + dl; i++) dirty[i] = 1;
  const prevClaimed = prev.claimed;
  for (let i = 0; i < n; i++) {
    if (i >= first && i < after + dl) continue;
    const oi = i < first ? i : i - dl;
    if ((prevClaimed ? prevClaimed[oi] : 0) !== claimed[i] || prev.furniture.get(oi) !== furniture.get(i)) dirty[i] = 1;
  }
  const R = 10;
  const stable = new Uint8Array(n);
  // Stable: no dirty line within R (a running count of dirty lines in the window [i - R, i + R]).
  let inWindow = 0;
  for (let i = 0; i < Math.min(n, R); i++) inWindow += dirty[i];
  for (let i = 0; i < n; i++) {
    if (i + R < n) inWindow += dirty[i + R];
    if (i - R - 1 >= 0) inWindow -= dirty[i - R - 1];
    stable[i] = inWindow === 0 ? 1 : 0;
  }
  return stable;
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameMap<K, V>(a: Map<K, V>, b: Map<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

const SENTENCE_LIKE = /[。；;，,：:]$/;
/** A figure alone on its line, with a unit of measure after it perhaps (2.8mg/m3, 1.404t, 12.5%). */
/** (1) alone on a line numbers a note (its title follows), whatever it would be in a statement. */
const NOTE_NUMBER = /^[(（]\d{1,2}[)）]$/;
const FIGURE_CELL = /^[-−(（]?\d[\d,]*(?:\.\d+)?[)）]?\s*(?:[a-zA-Z%‰/³²]{1,8}\d?)?$/;

/** Whether the line before a heading is a figure and one of the two lines after it is one too. */
function amongFigures(lines: FilingModel['lines'], furniture: LineMarks, i: number): boolean {
  const near = (from: number, step: number, count: number): string[] => {
    const out: string[] = [];
    for (let j = from + step; j >= 0 && j < lines.length && out.length < count && Math.abs(j - from) <= 6; j += step) {
      if (furniture.has(j)) continue;
      const t = lines[j].text.trim();
      if (t) out.push(t);
    }
    return out;
  };
  const figure = (t: string) => t.length <= 30 && FIGURE_CELL.test(t) && !NOTE_NUMBER.test(t);
  const before = near(i, -1, 1);
  if (!before.length || !figure(before[0])) return false;
  return near(i, 1, 2).some(figure);
}
const TOC_CHAPTER = /^\s*(第\s*[一二三四五六七八九十百\d]+\s*[节章篇])\s*(.*?)\s*(?:\.{2,}|…+|·{2,}|-{4,}|_{4,})\s*\d{1,4}\s*$/;
const TOC_ENTRY = /^\s*(.*?)\s*(?:\.{2,}|…+|·{2,}|-{4,}|_{4,})\s*\d{1,4}\s*$/;
const BARE_CHAPTER_LINE = /^\s*(第\s*[一二三四五六七八九十百\d]+\s*[节章篇])\s*$/;

/**
 * Chapters without numbers (重要提示, 公司简介 … 财务报告), where the table of
 * contents lists them so: each title, in the contents' order, at the first line
 * after the contents that is that title alone.
 */
function unnumberedChapters(lines: FilingModel['lines'], furniture: LineMarks, claimed: Uint8Array): Heading[] {
  const titles: string[] = [];
  // Unnumbered entries whose next entry starts a list (重大事项提示 / 一、本次交易方案 …): chapters of the front
  // matter of a document whose other chapters are numbered (第一节 …).
  const parents: string[] = [];
  let numbered = 0;
  let last: string | undefined;
  // The entry after a bare 第一节 is that chapter's title.
  let chapterTitle = false;
  for (const l of lines) {
    if (furniture.get(l.index) !== 'toc' || l.text.length > 300) continue;
    if (BARE_CHAPTER_LINE.test(l.text)) {
      numbered++;
      last = undefined;
      chapterTitle = true;
      continue;
    }
    const e = TOC_ENTRY.exec(l.text);
    if (!e || !e[1]) continue;
    const title = e[1].replace(SPACE_RUN, ' ').trim();
    const h = mayBeHeading(title) ? matchHeading({ index: 0, start: 0, end: title.length, text: title }, undefined, 0) : undefined;
    if (h) {
      numbered++;
      if (last !== undefined && h.style === '一、' && h.ordinal === 1 && !parents.includes(last)) parents.push(last);
      last = undefined;
    } else if (title.length >= 2 && title.length <= 30 && !/^[\d.]/.test(title)) {
      titles.push(title);
      last = chapterTitle ? undefined : title;
    } else last = undefined;
    chapterTitle = false;
  }
  const found = (list: string[], least: number): Heading[] => {
    const out: Heading[] = [];
    let k = 0;
    for (let i = 0; i < lines.length && k < list.length; i++) {
      if (furniture.has(i) || claimed[i]) continue;
      const l = lines[i];
      if (l.text.length > 40) continue;
      const t = l.text.trim();
      // A title the text never gives alone is skipped; the next one is looked for from here.
      let j = k;
      while (j < list.length && j < k + 3 && list[j] !== t) j++;
      if (j >= list.length || j >= k + 3) continue;
      const start = l.start + l.text.indexOf(t);
      out.push({ level: 0, style: '第X节', marker: '', title: t, line: i, start, end: start + t.length, ordinal: j + 1 });
      k = j + 1;
    }
    return out.length >= least ? out : [];
  };
  if (titles.length >= 3 && numbered * 2 <= titles.length) return found(titles, 3);
  return parents.length >= 2 ? found(parents, 2) : [];
}

/** The chapters' titles as the table of contents gives them: 第三节 → 管理层讨论与分析. */
function chapterTitlesInToc(lines: FilingModel['lines'], furniture: LineMarks): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of lines) {
    if (furniture.get(l.index) !== 'toc' || l.text.length > 300) continue;
    let m = TOC_CHAPTER.exec(l.text);
    if (m && m[2]) {
      out.set(m[1].replace(SPACE_RUN, ''), m[2].replace(SPACE_RUN, ' ').trim());
      continue;
    }
    m = BARE_CHAPTER_LINE.exec(l.text);
    if (!m) continue;
    for (let j = l.index + 1; j < lines.length && j <= l.index + 3; j++) {
      const e = TOC_ENTRY.exec(lines[j].text);
      if (e && e[1]) out.set(m[1].replace(SPACE_RUN, ''), e[1].replace(SPACE_RUN, ' ').trim());
      if (lines[j].text.trim()) break;
    }
  }
  return out;
}
const SPACE_RUN = /\s+/g;

/**
 * Nests headings by the order in which their styles appear: a style already open
 * closes everything below it (a sibling); a new style opens one level down.
 * A level can be skipped, and documents that use the styles in another order nest correctly.
 *
 * A numbered heading must also fit the sequence around it: where a list of its
 * style is open, it goes on that list (一 → 二 → 三, two numbers may be missing),
 * or starts a new list one level down (一、 under 一、). A heading that fits no
 * open list (八、每股收益 after 二、财务报表) is a row of a table, not a heading.
 * Decimal numbers go on the list of their parent number (3.11.7 → 3.11.8).
 */
export function nestHeadings(headings: Heading[], textLength: number): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  // 第X章 and 第X节 rank alike: one is the chapter, the other (where both appear) nests as it comes.
  const rank = (style: string) => (isChapterStyle(style) ? 0 : STYLE_ORDER.indexOf(style));
  const followed = followedByNext(headings);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const section: Section = { heading: h, range: { start: h.start, end: textLength }, children: [], tables: [] };
    const closeFrom = (k: number) => {
      for (let j = k; j < stack.length; j++) stack[j].range.end = Math.max(stack[j].heading.end, h.start);
      stack.length = k;
    };
    const open = stack.findIndex((s) => s.heading.style === h.style);
    const n = h.ordinal;
    if (open >= 0 && n !== undefined) {
      const decimal = h.parentNumber !== undefined;
      // (Chapters may skip any number of chapters: an excerpt, or chapters the reader took for table rows.)
      const chapter = isChapterStyle(h.style);
      let k = -1;
      // The list it goes on: the next number first, then one number missing, then a repeated number.
      for (let pass = 0; pass < 3 && k < 0; pass++) {
        if (pass > 0 && h.weak) break;
        for (let j = stack.length - 1; j >= open; j--) {
          const p = stack[j].heading;
          if (p.style !== h.style || p.ordinal === undefined) continue;
          if (decimal && p.parentNumber !== h.parentNumber) {
            // 3.1 after 2.4: a new chapter's list, at the same depth.
            if (n === 1 && pass === 0) k = j;
            if (n === 1) break;
            continue;
          }
          const fits = pass === 0 ? n === p.ordinal + 1 : pass === 1 ? n > p.ordinal + 1 && (n <= p.ordinal + 3 || chapter) : n === p.ordinal && n > 1 && h.title !== p.title;
          if (fits) {
            k = j;
            break;
          }
        }
      }
      if (k >= 0) closeFrom(k);
      // A list written without 、 (一 公司基本情况) after one written with it is another part, beside it.
      else if (h.weak && n === 1 && followed[i] && !stack[open].heading.weak) closeFrom(open + [...stack.slice(open)].map((x) => x.heading.style === h.style).lastIndexOf(true));
      // A chapter out of sequence starts over (another document, or an appendix numbered anew).
      // (A 第一节 under an open 第三章 that itself stands in a 第十节 is a new list one level down.)
      else if (chapter && !(n === 1 && stack.some((x, j) => j > open && isChapterStyle(x.heading.style) && x.heading.style !== h.style))) closeFrom(open);
      else if (decimal) continue;
      else if (n !== 1) {
        let deepest = stack.length - 1;
        while (stack[deepest].heading.style !== h.style) deepest--;
        const last = stack[deepest].heading.ordinal ?? 0;
        if (!h.weak && followed[i] && n > last) {
          // Items lost to a table before it (十、 after 七、, then 十一、): it goes on the open list.
          closeFrom(deepest);
        } else if (h.weak || rank(h.style) <= rank('一、') || n > last) {
          // A number further on than its list allows (八、每股收益 after 二、财务报表) fits nowhere.
          continue;
        }
        // (Otherwise a list below 一、 whose first item was not read — 2) after an older 4) — one level down.)
      }
      // Otherwise a new list one level down, under the deepest open section — a list that goes on
      // (一、审计报告 / 一、审计意见 / 二、…): a lone 一、 among the cells of a table (一、二、三期工) is not one.
      else if (n === 1 && !followed[i] && !chapter) continue;
    } else if (open >= 0) {
      closeFrom(open);
    } else {
      if (h.weak && n !== 1) continue;
      // A list below 一、 starts at its first or second item (not at （六）其他 among the rows of a statement).
      if (n !== undefined && n > 2 && rank(h.style) > rank('一、') && h.parentNumber === undefined && !followed[i]) continue;
      // A conventionally higher style (一、 after （一）) closes the deeper ones.
      while (stack.length && rank(stack[stack.length - 1].heading.style) > rank(h.style) && rank(h.style) <= rank('一、')) {
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

/** Whether the next heading of the same style (before the next chapter) carries the next number: 十、 then 十一、. */
function followedByNext(headings: Heading[]): boolean[] {
  const out = new Array<boolean>(headings.length).fill(false);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (h.ordinal === undefined) continue;
    for (let j = i + 1; j < headings.length && j <= i + 40; j++) {
      const g = headings[j];
      if (isChapterStyle(g.style) && !isChapterStyle(h.style)) break;
      if (g.style !== h.style || g.parentNumber !== h.parentNumber) continue;
      out[i] = g.ordinal === h.ordinal + 1;
      break;
    }
  }
  return out;
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

interface TakenChunk {
  fromLine: number;
  toLine: number;
  proseFigures: () => Figure[];
}

/**
 * Prose figures, or undefined when there are more than `limit`; a step every 200,000 characters or so.
 * The lines of a chunk taken over from the previous model (`taken`, in order) take its figures.
 */
function* findProseFigures(lines: FilingModel['lines'], claimed: Uint8Array, furniture: LineMarks, limit: number, taken: TakenChunk[]): Generator<void, Figure[] | undefined> {
  const out: Figure[] = [];
  let sinceStep = 0;
  let nextTaken = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (nextTaken < taken.length && taken[nextTaken].fromLine === i) {
      const chunk = taken[nextTaken++];
      const figures = chunk.proseFigures();
      if (out.length + figures.length > limit) return undefined;
      for (const f of figures) out.push(f);
      i = chunk.toLine - 1;
      sinceStep += lines[i].end - l.start;
      continue;
    }
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
