// Numbers as filings write them: thousands separators, decimals, negatives
// (-x, －x, (x)), percentages, full-width digits, '-' / '—' / '不适用' for empty,
// capital Chinese numerals (壹佰万元), and digits glued together without a
// separator (28,770,992.0165,364,545.23 is two numbers).

/** Full-width digits and punctuation mapped to ASCII, one UTF-16 unit for one, so offsets stay valid. */
const FULL_WIDTH = /[\uff05\uff0c-\uff0e\uff10-\uff19]/;

export function asciiDigits(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (c === 0xff0c) out += ',';
    else if (c === 0xff0e) out += '.';
    else if (c === 0xff05) out += '%';
    else if (c === 0xff0d) out += '-';
    else out += s[i];
  }
  return out;
}

const EMPTY_CELL = /^(?:-+|—+|–+|－+|不适用|\/|——|\*)$/;

export function isEmptyCellText(s: string): boolean {
  const t = s.trim();
  return t === '' || EMPTY_CELL.test(t);
}

export interface ParsedNumber {
  value: number;
  decimals: number;
  percent: boolean;
  negative: boolean;
}

const NUMBER_TOKEN = /^(\(|（)?([-－−])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%|％)?(\)|）)?$/;

/** Parses one cell-sized number; undefined if the text is not exactly a number. */
export function parseNumberToken(text: string): ParsedNumber | undefined {
  const t = asciiDigits(text.trim());
  const quick = plainNumber(t);
  if (quick !== null) return quick;
  const m = NUMBER_TOKEN.exec(t);
  if (!m) return undefined;
  const open = m[1] !== undefined;
  const close = m[6] !== undefined;
  if (open !== close) return undefined;
  const intPart = m[3].replace(/,/g, '');
  const frac = m[4] ?? '';
  let value = Number(intPart + (frac ? '.' + frac : ''));
  if (!Number.isFinite(value)) return undefined;
  const negative = open || m[2] !== undefined;
  if (negative) value = -value;
  return { value, decimals: frac.length, percent: m[5] !== undefined, negative };
}

/**
 * The common case without a regular expression: digits grouped by three (or not),
 * decimals, a % sign, a leading minus. Returns undefined when the text is surely
 * not a number and null when the full pattern must decide.
 */
function plainNumber(t: string): ParsedNumber | undefined | null {
  const n = t.length;
  let i = 0;
  let negative = false;
  if (n === 0) return undefined;
  const c0 = t.charCodeAt(0);
  if (c0 === 45) {
    negative = true;
    i = 1;
  } else if (c0 < 48 || c0 > 57) return null;
  let intDigits = 0;
  let groupRun = 0;
  let grouped = false;
  let value = 0;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      intDigits++;
      groupRun++;
    } else if (c === 44) {
      // A comma needs 1–3 digits before the first group and exactly 3 before every later one.
      if (intDigits === 0 || groupRun > 3 || (grouped && groupRun !== 3)) return undefined;
      grouped = true;
      groupRun = 0;
    } else break;
  }
  if (intDigits === 0 || (grouped && groupRun !== 3)) return i === n ? undefined : null;
  let decimals = 0;
  if (i < n && t.charCodeAt(i) === 46) {
    i++;
    let frac = 0;
    let scale = 1;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) break;
      frac = frac * 10 + (c - 48);
      scale *= 10;
      decimals++;
    }
    if (decimals === 0) return undefined;
    // One correctly rounded division of exact integers: the same double as Number("3.97").
    if (intDigits + decimals > 15) return null;
    value = (value * scale + frac) / scale;
  }
  let percent = false;
  if (i < n && t.charCodeAt(i) === 37) {
    percent = true;
    i++;
  }
  if (i !== n) return null;
  if (intDigits > 15) return null;
  return { value: negative ? -value : value, decimals, percent, negative };
}

/** Rounds away binary noise so that sums of decimals compare exactly. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** Math.min(decimals, 10);
  return Math.round(value * f) / f;
}

// ---------------------------------------------------------------------------
// Glued numbers

export interface GluedToken {
  /** Offsets inside the glued string. */
  start: number;
  end: number;
  raw: string;
  /** undefined for an empty-cell dash. */
  number?: ParsedNumber;
}

export interface GluedSplit {
  tokens: GluedToken[];
  /** More than one reading fits (the chosen one is the first). */
  ambiguous: boolean;
}

/**
 * Splits a run of glued cells, e.g. "2,353.951,019.7443.32%" into
 * 2,353.95 | 1,019.74 | 43.32%. Grouped numbers group by three and an ungrouped
 * integer part has at most three digits (a filing that groups writes 1,000, not
 * 1000), so the boundaries are where the grouping and the decimals put them.
 * Where several readings fit, the most regular one wins: two-decimal figures
 * and empty-cell dashes over bare integers and minus signs. With `expected` set,
 * only readings with that many cells count. `ambiguous` is set when another
 * reading is as good. Returns undefined when no reading exists.
 */
/**
 * Token options where a token can start (at 0 and right after a token that can start): position i's
 * options are opts.len/opts.cost[from[i] .. from[i] + count[i]), longest first. `startable` must be clear.
 */
function tokenStarts(text: string, n: number, opts: OptionBuffer, from: Int32Array, count: Int32Array, startable: Uint8Array): void {
  startable[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!startable[i]) continue;
    from[i] = opts.n;
    tokenOptions(text, i, opts);
    count[i] = opts.n - from[i];
    for (let o = from[i]; o < opts.n; o++) startable[i + opts.len[o]] = 1;
  }
}

const scratch = { best: new Float64Array(0), ways: new Uint8Array(0), reach: new Uint32Array(0), from: new Int32Array(0), count: new Int32Array(0), startable: new Uint8Array(0) };

export function splitGlued(s: string, expected?: number): GluedSplit | undefined {
  const text = asciiDigits(s);
  const n = text.length;
  if (n > 4000) return undefined;
  // Token options only where a token can start: at 0 and right after a token that can start.
  // Position i's options are opts.len/opts.cost[from[i] .. from[i] + count[i]), longest first.
  const opts = optionBuffer;
  opts.n = 0;
  // Shared buffers, cleared over [0, n] as fresh arrays would be.
  if (scratch.startable.length < n + 1) {
    scratch.from = new Int32Array((n + 1) * 2);
    scratch.count = new Int32Array((n + 1) * 2);
    scratch.startable = new Uint8Array((n + 1) * 2);
  }
  const from = scratch.from;
  const count = scratch.count;
  const startable = scratch.startable;
  from.fill(0, 0, n + 1);
  count.fill(0, 0, n + 1);
  startable.fill(0, 0, n + 1);
  tokenStarts(text, n, opts, from, count, startable);
  const optLen = opts.len;
  const optCost = opts.cost;
  // No table has more than 24 columns of glued figures; more readings are not looked for.
  const maxTokens = Math.min(24, n);
  const K = maxTokens + 1;
  // best[i*K+k]: least cost of reading text[i..] as exactly k tokens; ways: readings at that cost (capped at 2).
  // (Scratch arrays shared between calls: this runs for every glued row.)
  const size = (n + 1) * K;
  if (scratch.best.length < size) {
    scratch.best = new Float64Array(size * 2);
    scratch.ways = new Uint8Array(size * 2);
  }
  if (scratch.reach.length < n + 1) scratch.reach = new Uint32Array((n + 1) * 2);
  const bestFlat = scratch.best;
  const waysFlat = scratch.ways;
  bestFlat.fill(Infinity, 0, size);
  waysFlat.fill(0, 0, size);
  // reach[i]: the token counts k (as bits) with at least one reading of text[i..]; few per position.
  const reach = scratch.reach;
  reach.fill(0, 0, n + 1);
  bestFlat[n * K] = 0;
  waysFlat[n * K] = 1;
  reach[n] = 1;
  for (let i = n - 1; i >= 0; i--) {
    if (!startable[i]) continue;
    const bi = i * K;
    for (let o = from[i], oEnd = from[i] + count[i]; o < oEnd; o++) {
      const j = i + optLen[o];
      const cost = optCost[o];
      const bj = j * K;
      for (let m = reach[j]; m !== 0; m &= m - 1) {
        const k = 31 - Math.clz32(m & -m);
        if (k >= maxTokens) continue;
        reach[i] |= 1 << (k + 1);
        const w = waysFlat[bj + k];
        const c = bestFlat[bj + k] + cost;
        const cur = bestFlat[bi + k + 1];
        if (c < cur - 1e-9) {
          bestFlat[bi + k + 1] = c;
          waysFlat[bi + k + 1] = w;
        } else if (Math.abs(c - cur) <= 1e-9) {
          waysFlat[bi + k + 1] = Math.min(2, waysFlat[bi + k + 1] + w);
        }
      }
    }
  }
  let k = -1;
  let ambiguous = false;
  if (expected !== undefined) {
    if (expected < 1 || expected > maxTokens || !waysFlat[expected]) return undefined;
    k = expected;
    ambiguous = waysFlat[k] > 1;
  } else {
    for (let t = 1; t <= maxTokens; t++) {
      if (!waysFlat[t]) continue;
      if (k < 0 || bestFlat[t] < bestFlat[k] - 1e-9) k = t;
    }
    if (k < 0) return undefined;
    ambiguous = waysFlat[k] > 1;
    for (let t = 1; t <= maxTokens; t++) if (t !== k && waysFlat[t] && Math.abs(bestFlat[t] - bestFlat[k]) <= 1e-9) ambiguous = true;
  }
  const tokens: GluedToken[] = [];
  let i = 0;
  let left = k;
  while (left > 0) {
    const here = i * K + left;
    let len = -1;
    for (let o = from[i], oEnd = from[i] + count[i]; o < oEnd; o++) {
      const next = (i + optLen[o]) * K + left - 1;
      if (waysFlat[next] > 0 && Math.abs(bestFlat[next] + optCost[o] - bestFlat[here]) <= 1e-9) {
        len = optLen[o];
        break;
      }
    }
    if (len < 0) return undefined;
    const raw = s.slice(i, i + len);
    tokens.push({ start: i, end: i + len, raw, number: parseNumberToken(raw) });
    i += len;
    left--;
  }
  return { tokens, ambiguous };
}

/** Token options of a glued string, flat: lengths and costs (grown as needed, shared between calls). */
interface OptionBuffer {
  n: number;
  len: Int32Array;
  cost: Float64Array;
}

const optionBuffer: OptionBuffer = { n: 0, len: new Int32Array(256), cost: new Float64Array(256) };

function addOption(out: OptionBuffer, len: number, cost: number) {
  if (out.n === out.len.length) {
    const grownLen = new Int32Array(out.len.length * 2);
    const grownCost = new Float64Array(out.len.length * 2);
    grownLen.set(out.len);
    grownCost.set(out.cost);
    out.len = grownLen;
    out.cost = grownCost;
  }
  out.len[out.n] = len;
  out.cost[out.n] = cost;
  out.n++;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** One integer part ending at `end`, with its decimals and percent sign where written. */
function addNumberOptions(text: string, i: number, end: number, grouped: boolean, extra: number, out: OptionBuffer) {
  addOption(out, end - i, (grouped ? 0.5 : 1) + extra);
  if (text.charCodeAt(end) === 37) addOption(out, end + 1 - i, (grouped ? 0.5 : 1) + extra);
  if (text.charCodeAt(end) === 46 && isDigitAt(text, end + 1) && isDigitAt(text, end + 2)) {
    addOption(out, end + 3 - i, extra);
    if (text.charCodeAt(end + 3) === 37) addOption(out, end + 4 - i, extra);
  }
}

function isCloseAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 41 || c === 0xff09;
}

/** (x) with x grouped or of up to three digits, two decimals where written. */
function bracketedOptions(text: string, i: number, out: OptionBuffer) {
  const start = i + 1;
  if (!isDigitAt(text, start)) return;
  const close = (e: number, grouped: boolean) => {
    if (isCloseAt(text, e)) addOption(out, e + 1 - i, grouped ? 0.5 : 1);
    if (text.charCodeAt(e) === 46 && isDigitAt(text, e + 1) && isDigitAt(text, e + 2) && isCloseAt(text, e + 3)) addOption(out, e + 4 - i, 0);
  };
  for (let d = 1; d <= 3 && isDigitAt(text, start + d - 1); d++) {
    if (d > 1 && text.charCodeAt(start) === 48) break;
    let e = start + d;
    close(e, false);
    while (text.charCodeAt(e) === 44 && isDigitAt(text, e + 1) && isDigitAt(text, e + 2) && isDigitAt(text, e + 3)) {
      e += 4;
      close(e, true);
    }
  }
}

/**
 * The tokens that can start at i, appended to `out` longest first (their lengths differ):
 * an empty-cell dash; "0" or 1-3 digits then ",ddd" groups; two decimals; a percent sign;
 * a leading minus. Costs: two decimals 0, grouped 0.5, a bare integer 1, a minus +0.25.
 */
function tokenOptions(text: string, i: number, out: OptionBuffer): void {
  const first = out.n;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 0x2014 || c === 0x2013) addOption(out, 1, 0); // an empty cell: - — –
  if (c === 40 || c === 0xff08) bracketedOptions(text, i, out); // a negative in brackets: (84,403)
  const neg = c === 45;
  const start = neg ? i + 1 : i;
  if (isDigitAt(text, start)) {
    const extra = neg ? 0.25 : 0;
    if (text.charCodeAt(start) === 48) addNumberOptions(text, i, start + 1, false, extra, out);
    else {
      for (let d = 1; d <= 3 && isDigitAt(text, start + d - 1); d++) {
        let e = start + d;
        addNumberOptions(text, i, e, false, extra, out);
        while (text.charCodeAt(e) === 44 && isDigitAt(text, e + 1) && isDigitAt(text, e + 2) && isDigitAt(text, e + 3)) {
          e += 4;
          addNumberOptions(text, i, e, true, extra, out);
        }
      }
    }
  }
  // Longest first (insertion sort: a handful of options), so that the walk prefers whole numbers among equals.
  for (let a = first + 1; a < out.n; a++) {
    const len = out.len[a];
    const cost = out.cost[a];
    let b = a - 1;
    while (b >= first && out.len[b] < len) {
      out.len[b + 1] = out.len[b];
      out.cost[b + 1] = out.cost[b];
      b--;
    }
    out.len[b + 1] = len;
    out.cost[b + 1] = cost;
  }
}

// ---------------------------------------------------------------------------
// Capital Chinese numerals (壹佰万元, 叁仟伍佰元整)

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4,
  伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
};
const CN_SMALL: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Value of a Chinese numeral such as 壹佰万 or 叁仟伍佰; undefined if not one. */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch];
    } else if (ch in CN_SMALL) {
      section += (digit < 0 ? 1 : digit) * CN_SMALL[ch];
      digit = -1;
    } else if (ch in CN_BIG) {
      const big = CN_BIG[ch];
      section += digit < 0 ? 0 : digit;
      if (section === 0 && total === 0) return undefined;
      if (big === 1e8) total = (total + section) * big;
      else total += section * big;
      section = 0;
      digit = -1;
    } else return undefined;
  }
  if (digit >= 0) section += digit;
  return total + section;
}

// ---------------------------------------------------------------------------
// All readings of a glued run into a known number of cells (the arithmetic then decides)

export interface GluedReading {
  /** Exactly `k` cells; an undefined slot is a cell the text left out (its number simply vanished). */
  cells: (GluedToken | undefined)[];
  cost: number;
}

const BARE_DIGITS = /^\d+$/;
const readingOptions: OptionBuffer = { n: 0, len: new Int32Array(256), cost: new Float64Array(256) };

/**
 * The plausible readings of a glued run as `k` cells: every split into at most `k` tokens
 * (numbers grouped by three, two decimals, bare integers of up to three digits, (x) and -x,
 * dashes) whose cost is within one of the best; a reading of fewer tokens leaves its missing
 * cells anywhere (side by side when the ways are too many; not for a run of bare digits, read as k cells). At most `limit` readings are returned, best first;
 * undefined when there are more (too ambiguous to settle) or none. The work is bounded.
 */
/** The ways to put m cells in order into k slots (all of them when there are at most 70, else the missing ones side by side). */
function placements(m: number, k: number, take: (slots: number[]) => void) {
  let ways = 1;
  for (let x = 0; x < k - m; x++) ways = (ways * (k - x)) / (x + 1);
  if (ways > 70) {
    for (let gap = 0; gap <= m; gap++) take(Array.from({ length: m }, (_, x) => (x < gap ? x : x + k - m)));
    return;
  }
  eachCombination(k, m, take);
}

/** Each increasing sequence of m indexes out of k, in order (a fresh array each). */
export function eachCombination(k: number, m: number, take: (slots: number[]) => void): void {
  const slots: number[] = [];
  const walk = (next: number) => {
    if (slots.length === m) {
      take(slots.slice());
      return;
    }
    for (let s = next; s <= k - (m - slots.length); s++) {
      slots.push(s);
      walk(s + 1);
      slots.pop();
    }
  };
  walk(0);
}

/** Every increasing sequence of m indexes out of k (m columns placed in order among k). */
export function combinations(k: number, m: number): number[][] {
  const out: number[][] = [];
  eachCombination(k, m, (s) => out.push(s));
  return out;
}

export function gluedReadings(s: string, k: number, limit = 12): GluedReading[] | undefined {
  const text = asciiDigits(s);
  const n = text.length;
  if (n === 0 || n > 400 || k < 1 || k > 24) return undefined;
  const opts = readingOptions;
  opts.n = 0;
  const from = new Int32Array(n);
  const count = new Int32Array(n);
  const startable = new Uint8Array(n + 1);
  tokenStarts(text, n, opts, from, count, startable);
  // least[i * (k + 1) + r]: least cost of reading text[i..] as exactly r tokens (Infinity: none).
  const K = k + 1;
  const least = new Float64Array((n + 1) * K).fill(Infinity);
  least[n * K] = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (!startable[i]) continue;
    for (let o = from[i], e = from[i] + count[i]; o < e; o++) {
      const j = i + opts.len[o];
      for (let r = 1; r <= k; r++) {
        const c = least[j * K + r - 1] + opts.cost[o];
        if (c < least[i * K + r]) least[i * K + r] = c;
      }
    }
  }
  // Bare digits alone (83734612) say nothing of a vanished cell: only readings of exactly k.
  const gaps = !BARE_DIGITS.test(text);
  let best = Infinity;
  for (let r = gaps ? 1 : k; r <= k; r++) best = Math.min(best, least[r]);
  if (best === Infinity) return undefined;
  const bound = best + 0.5 + 1e-9;
  // Readings of exactly k cells are weighed among themselves too (3|2.43|3|7.89 beside 32.43|37.89 and a gap).
  const boundK = least[k] + 0.5 + 1e-9;
  const found: { tokens: GluedToken[]; cost: number }[] = [];
  let work = 0;
  let overflow = false;
  const path: GluedToken[] = [];
  const walk = (i: number, left: number, cost: number) => {
    if (overflow || ++work > 20000) {
      overflow = true;
      return;
    }
    if (i === n) {
      if (cost > (left === 0 ? Math.max(bound, boundK) : bound)) return;
      if (found.length >= limit * 4) overflow = true;
      else found.push({ tokens: path.slice(), cost });
      return;
    }
    for (let o = from[i], e = from[i] + count[i]; o < e; o++) {
      const len = opts.len[o];
      const c = cost + opts.cost[o];
      const j = i + len;
      // Some completion within the bound, in at most left - 1 more tokens.
      let ok = false;
      for (let r = gaps ? 0 : left - 1; r < left && !ok; r++) if (c + least[j * K + r] <= (r === left - 1 ? Math.max(bound, boundK) : bound)) ok = true;
      if (!ok) continue;
      const raw = s.slice(i, j);
      path.push({ start: i, end: j, raw, number: parseNumberToken(raw) });
      walk(j, left - 1, c);
      path.pop();
    }
  };
  walk(0, k, 0);
  if (overflow) return undefined;
  const out: GluedReading[] = [];
  for (const f of found.sort((a, b) => a.cost - b.cost)) {
    const m = f.tokens.length;
    if (m === k) out.push({ cells: f.tokens, cost: f.cost });
    else placements(m, k, (slots) => {
      const cells: (GluedToken | undefined)[] = new Array(k).fill(undefined);
      slots.forEach((slot, x) => (cells[slot] = f.tokens[x]));
      out.push({ cells, cost: f.cost + 0.5 });
    });
    if (out.length > limit) return undefined;
  }
  return out.length ? out : undefined;
}
