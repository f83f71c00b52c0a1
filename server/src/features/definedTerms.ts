// Defined terms from a 释义 table: rows "中科金财、公司、母公司 | 指 | 北京中科金财科技股份有限公司",
// lines "X 指 Y", and the cell-per-line layout (term, blank lines, definition)
// under a 释义 heading. Hover or go-to-definition on a term reaches its entry.

import { Analysis } from '../analysis/analyze';
import { Line, Range } from '../model/types';
import { memoOf } from './memo';

export interface TermEntry {
  terms: string[];
  definition: string;
  /** Where the terms are written in the 释义 table. */
  termRange: Range;
  /** The whole entry: terms to definition. */
  range: Range;
}

export interface TermHit {
  term: string;
  /** The occurrence under the cursor. */
  range: Range;
  entry: TermEntry;
}

const SPLIT = /[、，,；;／/]/;
const TERM_OK = (t: string) => t.length >= 2 && t.length <= 30 && !/[。：:]/.test(t) && !/^[\d.,%\s-]+$/.test(t);
const STOP = /^(?:财务报告|重要提示|目录|备查文件目录|第\s*[一二三四五六七八九十\d]+\s*[节章].*)$/;

export function definedTerms(analysis: Analysis): TermEntry[] {
  return memoOf(analysis, 'definedTerms', () => findEntries(analysis));
}

function findEntries(analysis: Analysis): TermEntry[] {
  const lines = analysis.model.lines;
  const out: TermEntry[] = [];
  const add = (termText: string, termStart: number, definition: string, end: number) => {
    const terms = termText.split(SPLIT).map((t) => t.trim()).filter(TERM_OK);
    const def = definition.replace(/\s*\n\s*/g, '').trim();
    if (!terms.length || !def) return;
    out.push({ terms, definition: def, termRange: { start: termStart, end: termStart + termText.length }, range: { start: termStart, end } });
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.text.trim();
    if (!t) continue;
    const lead = l.start + l.text.indexOf(t);
    // "A、B | 指 | C" (pipes), "A、B  指  C" (spaces or tabs).
    const cells = t.split(/\s*\|\s*/).filter((c, k, all) => c || (k > 0 && k < all.length - 1));
    const zhi = cells.indexOf('指');
    if (zhi > 0 && zhi < cells.length - 1) {
      const termText = cells.slice(0, zhi).join('、');
      add(termText, lead + t.indexOf(cells[0]), cells.slice(zhi + 1).join(' '), l.end);
      continue;
    }
    const spaced = /^(\S.{0,40}?)[\s\u3000]+指[\s\u3000]+(\S.*)$/.exec(t);
    if (spaced && !/[。；]/.test(spaced[1])) {
      add(spaced[1], lead, spaced[2], l.end);
      continue;
    }
    if (/^(?:第\s*[一二三四五六七八九十\d]+\s*[节章]\s*)?释\s*义$/.test(t)) {
      i = cellPerLine(lines, i + 1, add);
    }
  }
  return out;
}

/** Blocks separated by blank lines after a 释义 line: term, [指], definition, term, … Returns the last line read. */
function cellPerLine(lines: Line[], from: number, add: (terms: string, start: number, def: string, end: number) => void): number {
  const blocks: { text: string; start: number; end: number; line: number }[] = [];
  let i = from;
  for (; i < lines.length && blocks.length < 4000; i++) {
    const t = lines[i].text.trim();
    if (!t) continue;
    if (/\|/.test(t) || /[\s\u3000]指[\s\u3000]/.test(t) || STOP.test(t) || /\.{4,}|…{2,}/.test(t)) break;
    const start = lines[i].start + lines[i].text.indexOf(t);
    const prev = blocks[blocks.length - 1];
    if (prev && prev.line === i - 1) {
      // A wrapped definition goes on in the next line.
      prev.text += '\n' + t;
      prev.end = start + t.length;
      prev.line = i;
    } else blocks.push({ text: t, start, end: start + t.length, line: i });
  }
  let k = 0;
  while (k < blocks.length && /^释义(?:项|内容)$|^指$/.test(blocks[k].text)) k++;
  while (k + 1 < blocks.length) {
    const term = blocks[k];
    let def = blocks[k + 1];
    let next = k + 2;
    if (def.text === '指' && k + 2 < blocks.length) {
      def = blocks[k + 2];
      next = k + 3;
    }
    if (/^释义(?:项|内容)$/.test(term.text)) {
      k++;
      continue;
    }
    if (term.text.includes('\n') || term.text.length > 40) break;
    add(term.text, term.start, def.text, def.end);
    k = next;
  }
  return i - 1;
}

export function termHover(hit: TermHit): string {
  const also = hit.entry.terms.filter((t) => t !== hit.term);
  return `**${hit.term}**：${hit.entry.definition}${also.length ? `\n\n(also: ${also.join('、')})` : ''}\n\n— 释义`;
}
