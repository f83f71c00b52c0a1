// Heading lines of Chinese filings and their nesting: 第X节 / 第X章, 问题N,
// 一、, （一）, 1、 / 1. / 1．, （1）, ①, 1).

import { Heading, Line } from '../model/types';
import { SPACES, trimmedEnd } from './text';

const CN = '[一二三四五六七八九十百零〇]+';

interface Style {
  style: string;
  re: RegExp;
}

// Order is the conventional depth; the actual nesting follows the order in which
// styles appear in the document (see nestHeadings).
export const STYLES: Style[] = [
  { style: '第X节', re: new RegExp(`^(第\\s*(?:${CN}|\\d{1,2})\\s*[节章篇]|第\\s*(?:${CN}|\\d{1,2})\\s*部分)\\s*(.*)$`) },
  { style: '问题', re: /^((?:问题|问询问题|反馈问题)\s*\d{1,2}(?=[\s、.．:：关]|$))\s*[、.．:：]?\s*(.*)$/ },
  { style: '一、', re: new RegExp(`^((?:${CN})\\s*[、．]|(?:${CN})\\s*\\.(?!\\d))\\s*(.+)$`) },
  { style: '（一）', re: new RegExp(`^([(（]\\s*(?:${CN})\\s*[)）])\\s*(.+)$`) },
  { style: '1、', re: /^((?:[1-9]\d?)\s*(?:[、．]|\.(?![\d.]))|(?:[1-9]\d?)\s(?=[\u4e00-\u9fff]))\s*(.+)$/ },
  { style: '（1）', re: /^([(（]\s*[1-9]\d?\s*[)）])\s*(.+)$/ },
  { style: '①', re: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(.+)$/ },
  { style: '1)', re: /^([1-9]\d?\s*[)）])\s*(.+)$/ },
];

/** What every heading marker starts with; most lines of prose are turned away on their first character. */
const HEADING_START = /^\s*[第问一二三四五六七八九十(（1-9①-⑳]/;

export function mayBeHeading(text: string): boolean {
  return HEADING_START.test(text);
}

const SENTENCE_END = /[。；;，,、]$/;
const MAX_TITLE = 160;

/**
 * Reads a heading from one line, or undefined. `next` is the following line's text
 * (to tell a numbered item whose text wraps onto the next line from a heading).
 */
const SENTENCE_INSIDE = /。./;
const SHORT_SENTENCE = /^\S{1,12}[。；]$/;
const CLAUSE_OR_COLON_END = /[。；：:]$/;
const COMMA_OR_SEMICOLON = /[，,；;]/;
const PUNCTUATION_START = /^[,，。.、%％)）]/;
const FIGURE_CHAR = /[\d,.%]/g;
const PIPE = /\s\|\s|\|$/;
const STATEMENT_END = /[。；;]$/;

export function matchHeading(line: Line, next: string | undefined, wrapWidth: number): Heading | undefined {
  const raw = line.text;
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim();
  if (!t || t.length > MAX_TITLE + 8 || !HEADING_START.test(t)) return undefined;
  for (const s of STYLES) {
    const m = s.re.exec(t);
    if (!m) continue;
    const marker = m[1].replace(SPACES, '');
    const title = m[2].trim();
    if (s.style !== '第X节' && s.style !== '问题' && !title) return undefined;
    if (title && !headingTitleOk(title, s.style)) return undefined;
    // A numbered item of a wrapped paragraph fills the line and goes on in the next one.
    if (wrapWidth > 0 && t.length >= wrapWidth - 2 && next !== undefined && next.trim() && !SENTENCE_END.test(t)) {
      if (s.style !== '第X节') return undefined;
    }
    // A title with a full stop inside is a paragraph (often a question quoted from the inquiry letter).
    if (SENTENCE_INSIDE.test(title) && title.length > 20 && !['第X节', '问题', '一、', '（一）'].includes(s.style)) return undefined;
    // …and so is an item whose sentence ends on the next line ("…的具体" / "内容。").
    if (next !== undefined && t.length >= 24 && SHORT_SENTENCE.test(next.trim()) && !CLAUSE_OR_COLON_END.test(t) && s.style !== '第X节') return undefined;
    // A long deep-level item with commas is a point of a quoted question, not a heading.
    if (title.length > 60 && COMMA_OR_SEMICOLON.test(title) && ['（1）', '①', '1)'].includes(s.style)) return undefined;
    // In text wrapped at a fixed width, an item that fills its line and reads as a sentence (with commas) is a list item.
    if (wrapWidth > 0 && t.length >= wrapWidth - 6 && COMMA_OR_SEMICOLON.test(title) && !['第X节', '问题', '一、'].includes(s.style)) return undefined;
    return {
      level: 0,
      style: s.style,
      marker,
      title,
      line: line.index,
      start: line.start + lead,
      end: line.start + lead + t.length,
    };
  }
  return undefined;
}

function headingTitleOk(title: string, style: string): boolean {
  if (title.length > MAX_TITLE) return false;
  // A title starts with a word, not a figure or punctuation: "1、2019年…" is fine, "1.5亿元" is a number.
  if (PUNCTUATION_START.test(title)) return false;
  // Lines that are mostly figures are table rows with a numbered label.
  const digits = (title.match(FIGURE_CHAR) ?? []).length;
  if (digits > 6 && digits > title.length * 0.3) return false;
  if (PIPE.test(title)) return false;
  // A sentence that ends like a sentence is a list item, unless it is short.
  if (SENTENCE_END.test(title) && title.length > 20) return false;
  if (STATEMENT_END.test(title) && style !== '第X节') return false;
  return true;
}

/** The width at which a PDF-extracted text wraps its paragraphs (0 if it does not). */
export function wrapWidthOf(lines: Line[]): number {
  const hist = new Map<number, number>();
  let total = 0;
  for (const l of lines) {
    const n = trimmedEnd(l.text);
    if (n >= 30 && n <= 140) {
      hist.set(n, (hist.get(n) ?? 0) + 1);
      total++;
    }
  }
  if (total < 20) return 0;
  // The wrap width is the length (±2) that many lines share.
  let best = 0;
  let bestCount = 0;
  for (const [n] of hist) {
    let c = 0;
    for (let d = -2; d <= 2; d++) c += hist.get(n + d) ?? 0;
    if (c > bestCount || (c === bestCount && n > best)) {
      best = n;
      bestCount = c;
    }
  }
  return bestCount >= total * 0.25 ? best - 2 : 0;
}
