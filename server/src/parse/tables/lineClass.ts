// One cheap classification of every line of a chunk, made once (one pass over its characters) and
// shared by the table readers: which characters a line holds and how it begins and ends. Each reader
// names the classes its tables cannot do without (its signature, parse/tables.ts READERS), and a
// chunk none of whose free lines has them is not searched by that reader at all; inside a chunk a
// reader may skip, by their class, the lines it would reject anyway. A class is a necessary
// condition, never a judgement: a line in the class may still be rejected by the reader, but a line
// outside it must be one the reader rejects (or the skipping would change what is found).

import { isSpaceCode } from '../text';
import { TableContext } from './context';

/** A line of white space only. */
export const BLANK = 1 << 0;
/** An ASCII digit somewhere. */
export const DIGIT = 1 << 1;
/** A `|` somewhere. */
export const PIPE = 1 << 2;
/** A `<` somewhere (an HTML tag may open there). */
export const ANGLE = 1 << 3;
/** The first character that is not white space is `[` (a list literal may start). */
export const LIST_OPEN = 1 << 4;
/**
 * The first character that is not white space may start a figure or a nil mark: a digit (ASCII or
 * full-width), a sign, an opening parenthesis, a dash, 不 (不适用), `/`, `*`, `<` or `＜`.
 */
export const VALUE_START = 1 << 5;
/**
 * A line that may be values only: VALUE_START, every run of characters that are not white space
 * starts as a value may (or is a closing parenthesis), no CJK character but those of units and of
 * 不适用, the last character that is not white space
 * may end one (see endsLikeValue), and at most 200 characters from the first to the last.
 */
export const VALUE_LINE = 1 << 6;
/** At most 60 characters from the first character that is not white space to the last. */
export const SHORT = 1 << 7;
/** Two white-space characters or more right before one that is not (figures padded into columns). */
export const WIDE_GAP = 1 << 8;
/** A year: 19dd or 20dd anywhere. */
export const YEAR = 1 << 9;
/**
 * Two runs of the characters figures are written with (digits , . % ％ ( ) （ ） - — –) or more that
 * each hold a digit before `,` or `.` and a digit, a digit before a percent sign, or two dashes, and
 * no run with such a digit mark set apart by white space (see spacedRun): what a line of several
 * glued rows needs.
 */
export const GLUED_RUNS = 1 << 10;
/** No CJK character (U+3400–U+FDFF) but those a figure's unit is written with (万元, 人民币, 股 …) and those of 不适用. */
export const UNIT_WORDS_ONLY = 1 << 11;

/** The classes of the chunk's lines, indexed from ctx.from (worked out on first use). */
export function lineClasses(ctx: TableContext): Uint16Array {
  if (ctx.classes) return ctx.classes;
  const from = ctx.from ?? 0;
  const to = ctx.to ?? ctx.lines.length;
  const out = new Uint16Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = classOf(ctx.lines[i].text);
  ctx.classes = out;
  return out;
}

/**
 * Whether at least `min` lines of the chunk that no table holds have every class in `mask`; lines of
 * page furniture count unless `furniture` is false (some readers take a row that repeats like a
 * running header, others never look at furniture).
 */
export function someLines(ctx: TableContext, mask: number, min = 1, furniture = true): boolean {
  if (ctx.unclassed) return true;
  const classes = lineClasses(ctx);
  const from = ctx.from ?? 0;
  let n = 0;
  for (let k = 0; k < classes.length; k++) {
    if ((classes[k] & mask) !== mask || ctx.claimed[from + k] || (!furniture && ctx.furniture.has(from + k))) continue;
    if (++n >= min) return true;
  }
  return false;
}

/** Whether line i (of the chunk) has every class in `mask`. */
export function lineHas(ctx: TableContext, i: number, mask: number): boolean {
  if (ctx.unclassed) return true;
  return (lineClasses(ctx)[i - (ctx.from ?? 0)] & mask) === mask;
}

/** A character a figure or nil mark ends with: a digit, %, a closing parenthesis, a dash, /, *. */
export function endsLikeValue(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || c === 37 || c === 0xff05 || c === 41 || c === 0xff09 || c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013 || c === 0x2212 || c === 47 || c === 42 || (c >= 0xff10 && c <= 0xff19)
  );
}

function startsLikeValue(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || c === 40 || c === 0xff08 || c === 45 || c === 0xff0d || c === 0x2212 || (c >= 0xff10 && c <= 0xff19) || c === 0x2014 || c === 0x2013 || c === 0x4e0d || c === 47 || c === 42 || c === 60 || c === 0xff1c
  );
}

/** Characters of FIGURE_RUN in tables/gluedLines.ts: digits , . % ％ ( ) （ ） - — –. */
function inFigureRun(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 44 || c === 46 || c === 37 || c === 0xff05 || c === 40 || c === 41 || c === 0xff08 || c === 0xff09 || c === 45 || c === 0x2014 || c === 0x2013;
}

/** The CJK characters of a figure's unit (FIGURE_WITH_UNIT in parse/cells.ts) and of 不适用. */
function isUnitCharacter(c: number): boolean {
  switch (c) {
    case 0x4eba: // 人
    case 0x6c11: // 民
    case 0x5e01: // 币
    case 0x7f8e: // 美
    case 0x5143: // 元
    case 0x6e2f: // 港
    case 0x5341: // 十
    case 0x767e: // 百
    case 0x5343: // 千
    case 0x4e07: // 万
    case 0x4ebf: // 亿
    case 0x6237: // 户
    case 0x4e2a: // 个
    case 0x80a1: // 股
    case 0x6b21: // 次
    case 0x5bb6: // 家
    case 0x7b14: // 笔
    case 0x4e0d: // 不
    case 0x9002: // 适
    case 0x7528: // 用
      return true;
  }
  return false;
}

const isDash = (c: number) => c === 45 || c === 0x2014 || c === 0x2013;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether a figure run with a digit mark stands apart by white space (the first character of the run
 * not a bracket, the last not an opening one): gluedLines.ts reads no line with such a run.
 */
function spacedRun(runFirst: number, runLast: number, spaceBefore: boolean, spaceAfter: boolean): boolean {
  return (spaceBefore && runFirst !== 40 && runFirst !== 41 && runFirst !== 0xff08 && runFirst !== 0xff09) || (spaceAfter && runLast !== 40 && runLast !== 0xff08);
}

export function classOf(text: string): number {
  const n = text.length;
  let flags = 0;
  let first = -1;
  let last = -1;
  let spaces = 0;
  // A piece (a run of characters that are not white space) that cannot start a value.
  let textPiece = false;
  // A CJK character that is not a unit's.
  let word = false;
  let digitRun = 0;
  // Figure runs: how many are marked, whether one with a digit mark stands apart by white space.
  let runs = 0;
  let spaced = false;
  let inRun = false;
  let digitMark = false;
  let dashMark = false;
  let runFirst = -1;
  let spaceBefore = false;
  // The two characters before this one, inside a figure run.
  let p1 = -1;
  let p2 = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // The common case first, a CJK character: no white space, no figure.
    const cjk = c >= 0x3400 && c < 0xfe00;
    const space = !cjk && isSpaceCode(c);
    const figure = !cjk && !space && inFigureRun(c);
    if (inRun && !figure) {
      inRun = false;
      if (digitMark && !spaced) spaced = spacedRun(runFirst, p1, spaceBefore, space);
      p1 = p2 = -1;
    }
    if (space) {
      spaces++;
      digitRun = 0;
      continue;
    }
    if (spaces > 0 || first < 0) {
      if (spaces >= 2) flags |= WIDE_GAP;
      // A piece that cannot start a value (a closing parenthesis alone joins the figure before it; 不适用).
      if (cjk ? c !== 0x4e0d : !startsLikeValue(c) && c !== 41 && c !== 0xff09) textPiece = true;
      if (first < 0) first = i;
      spaces = 0;
    }
    last = i;
    if (cjk) {
      // A value holds no CJK character but those of its unit (万元, 人民币, 股) or of 不适用.
      if (!word && !isUnitCharacter(c)) word = textPiece = true;
      digitRun = 0;
      continue;
    }
    if (isDigit(c)) {
      flags |= DIGIT;
      // 19dd or 20dd ends here.
      if (++digitRun >= 4) {
        const a = text.charCodeAt(i - 3);
        const b = text.charCodeAt(i - 2);
        if ((a === 49 && b === 57) || (a === 50 && b === 48)) flags |= YEAR;
      }
    } else {
      digitRun = 0;
      if (c === 124) flags |= PIPE;
      else if (c === 60) flags |= ANGLE;
    }
    if (figure) {
      if (!inRun) {
        inRun = true;
        digitMark = dashMark = false;
        runFirst = c;
        spaceBefore = i > 0 && isSpaceCode(text.charCodeAt(i - 1));
      }
      if (!digitMark && ((isDigit(p2) && (p1 === 44 || p1 === 46) && isDigit(c)) || (isDigit(p1) && (c === 37 || c === 0xff05)))) {
        if (!dashMark) runs++;
        digitMark = true;
      } else if (!dashMark && isDash(p1) && isDash(c)) {
        if (!digitMark) runs++;
        dashMark = true;
      }
      p2 = p1;
      p1 = c;
    }
  }
  if (inRun && digitMark && !spaced) spaced = spacedRun(runFirst, p1, spaceBefore, false);
  if (first < 0) return flags | BLANK;
  if (runs >= 2 && !spaced) flags |= GLUED_RUNS;
  if (!word) flags |= UNIT_WORDS_ONLY;
  const f = text.charCodeAt(first);
  if (f === 91) flags |= LIST_OPEN;
  if (last - first < 60) flags |= SHORT;
  if (startsLikeValue(f)) {
    flags |= VALUE_START;
    if (!textPiece && last - first < 200 && endsLikeValue(text.charCodeAt(last))) flags |= VALUE_LINE;
  }
  return flags;
}
