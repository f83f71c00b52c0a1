// How much of a filing the reader could check: its total rows (a line naming 合计 / 小计 / 总计 with a
// figure after the word on the line, or starting one of the next lines) and how many of them carry a
// check. A filing whose totals could mostly not be read says so, instead of staying silent.

import { FilingModel } from '../model/types';
import { TOTAL_WORD_IN_TEXT } from '../parse/cells';
import { lineAt } from '../parse/lines';
import type { Check } from './reconcile';

export interface Coverage {
  /** Line indexes of the total rows. */
  totalRows: number[];
  /** Of those, the lines that carry a check. */
  checked: number[];
}

/** The total words as a row label reads them (not 组合计提, 合计数, 总计划). */
const TOTAL_WORD = TOTAL_WORD_IN_TEXT;
/** Sentence punctuation: with it, a total word followed by words, or by a figure and words, is prose (below). */
const SENTENCE_MARK = /[，。；]/;
const WORDS_AFTER_TOTAL = /^\s*(?:[\u4e00-\u9fff]|[-(（]?\d[\d,]*(?:\.\d+)?%?\s?[\u4e00-\u9fff])/;
/** A figure inside words: four words or more after the total word, then the line's only figure, then words (合计持有本次债券未偿还份额10%以上的). */
const FIGURE_IN_WORDS = /^[\u4e00-\u9fff]{4,}[-(（]?\d[\d,]*(?:\.\d+)?%?\s?[\u4e00-\u9fff][^\d]*$/;
const FIGURE = /(?<![\d.])[-(（]?\d[\d,]*(?:\.\d+)?%?/;
const STARTS_WITH_FIGURE = /^\s*[-(（]?\d[\d,]*(?:\.\d+)?\s*[)）]?%?(?:\s|$)/;
const MAX_LINE = 20000;
/** An age bracket or period right after a total word: 1-2年, 3年, 6个月. */
const AGE_TITLE = /^\s*\d{1,2}(?:-\d{1,2})?(?:年|个月|天)/;
/** A figure that is an amount: grouped or with decimals. */
const AMOUNT = /\d[,.]\d/;

export function coverage(model: FilingModel, checks: Check[]): Coverage {
  const { lines, furniture } = model;
  const totalRows: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length > MAX_LINE || t.indexOf('计') < 0 || furniture.has(i)) continue;
    const m = TOTAL_WORD.exec(t);
    if (!m) continue;
    // A sentence that names a total is no total row: a line with sentence punctuation where words follow the
    // total word (合计派发现金红利22,898,485.20 元，…) or its first figure (增合计55 万平方米的年产能。), or a line
    // without punctuation whose only figure stands inside words.
    const after = t.slice(m.index + m[0].length);
    if (SENTENCE_MARK.test(t) && t.indexOf('|') < 0 && WORDS_AFTER_TOTAL.test(after)) continue;
    // A line of a sentence wrapped without its punctuation: words on both sides of its only figure.
    if (FIGURE_IN_WORDS.test(after) && !TOTAL_WORD.test(after)) continue;
    // A header line of glued column titles (…账面余额总计1-2年应收账款账面余额2-3年…): the figures after the
    // total word are ages or periods (1-2年, 3年及以上), none an amount.
    if (AGE_TITLE.test(after) && !AMOUNT.test(after)) continue;
    let has = FIGURE.test(after);
    for (let j = i + 1, k = 0; !has && j < lines.length && k < 3; j++) {
      const s = lines[j].text;
      if (furniture.has(j) || s.length > MAX_LINE || !s.trim()) continue;
      k++;
      if (STARTS_WITH_FIGURE.test(s)) has = true;
      // A label wrapped onto a second line (负债和所有者权 / 益总计) may come first.
      else if (k > 1 || s.trim().length > 12) break;
    }
    if (has) totalRows.push(i);
  }
  // (A byte per line, only where there are total rows to look up.)
  const carrying = totalRows.length ? new Uint8Array(lines.length) : undefined;
  for (const c of carrying ? checks : []) {
    // A check kept only because it reconciles would be there whatever the row says: it checks nothing.
    if (c.confirmOnly) continue;
    const a = lineAt(lines, c.row.labelRange.start)?.index;
    const b = lineAt(lines, c.total.figure!.start)?.index;
    if (a === undefined || b === undefined) continue;
    for (let l = Math.min(a, b); l <= Math.max(a, b); l++) carrying![l] = 1;
  }
  return { totalRows, checked: totalRows.filter((l) => carrying![l] === 1) };
}

/** The information a filing gets when fewer than half of its total rows (of at least four) could be checked. */
export function coverageMessage(c: Coverage): string | undefined {
  const n = c.totalRows.length;
  if (n < 4 || c.checked.length * 2 >= n) return undefined;
  return `Filing Lens could check ${c.checked.length} of the ${n} total rows (合计 / 小计 / 总计 with figures) in this filing; the tables of the others could not be read with confidence, so their totals are not checked.`;
}
