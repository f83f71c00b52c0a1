// Units: 元, 千元, 万元, 百万元, 亿元 (with 人民币 / 美元 / 港元), percent, and counts
// (户, 个, 人, 股, 次, 家 and their 万 multiples).

import { Range, Unit, UnitSource } from '../model/types';

const MONEY_SCALE: Record<string, number> = { '': 1, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };
const COUNT_WORDS = '户|个|人|股|次|家|笔|台|份|张|项|名|套|件|元\\/股';
export const CURRENCY = '人民币|美元|港元|港币|欧元|日元';

/** Matches a unit word at the start of a string: 万元, 人民币万元, 亿美元, 万户, 个, % … */
const UNIT_WORD = new RegExp(
  `^(?:(${CURRENCY}))?(十万|百万|千万|千|万|亿)?(?:(${CURRENCY})?(元)|(${COUNT_WORDS}))|^(%|％)`,
);

export function unitFromWord(word: string, source: UnitSource, range?: Range): Unit | undefined {
  const m = UNIT_WORD.exec(word.trim());
  if (!m) return undefined;
  const name = m[0];
  if (m[6]) return { name: '%', factor: 1, kind: 'percent', source, range };
  const scale = MONEY_SCALE[m[2] ?? ''];
  if (m[4]) {
    const currency = m[1] ?? m[3];
    return { name, factor: scale, kind: 'money', currency: currency === '港币' ? '港元' : currency, source, range };
  }
  if (m[5] === '元/股') return { name, factor: scale, kind: 'money', source, range };
  return { name, factor: scale, kind: 'count', source, range };
}

export const DEFAULT_UNIT: Unit = { name: '元', factor: 1, kind: 'money', source: 'default' };

// 单位：元 / 单位:万元 / 金额单位：人民币万元 / 单位：万户、万元 / 单位:元、% / 单位：人民币元
const TABLE_UNIT_LINE = /(?:金额|货币)?单位\s*[:：]\s*([^\s，,。;；)）]+(?:\s*[、,，/]\s*[^\s，,。;；)）]+)*)/;

/** Units named by a table's unit line, in order; undefined if the line names none. */
export function tableUnitsIn(lineText: string, lineStart: number): Unit[] | undefined {
  const m = TABLE_UNIT_LINE.exec(lineText);
  if (!m) return undefined;
  const listStart = m.index + m[0].length - m[1].length;
  const units: Unit[] = [];
  let offset = 0;
  for (const part of m[1].split(/([、,，/])/)) {
    if (!/^[、,，/]$/.test(part)) {
      const start = lineStart + listStart + offset;
      const u = unitFromWord(part, 'table', { start, end: start + part.length });
      if (u) units.push(u);
    }
    offset += part.length;
  }
  return units.length ? units : undefined;
}

// 本说明中涉及货币金额的单位,如无特别指明,均为人民币万元 / 除特殊注明外，金额单位均为人民币元 / 财务附注中报表的单位为:人民币元
const DOC_UNIT = new RegExp(
  `(?:货币)?(?:金额)?单位(?:[,，]?\\s*(?:如无特别(?:指明|说明|注明)|除特别(?:注明|说明)外)[,，]?)?\\s*(?:均为|为|均是|是)\\s*[:：]?\\s*((?:${CURRENCY})?(?:十万|百万|千万|千|万|亿)?(?:${CURRENCY})?元)`,
);

/** A document-wide unit statement in this line, if any. */
export function documentUnitIn(lineText: string, lineStart: number): Unit | undefined {
  const m = DOC_UNIT.exec(lineText);
  if (!m) return undefined;
  const start = lineStart + m.index + m[0].length - m[1].length;
  return unitFromWord(m[1], 'document', { start, end: start + m[1].length });
}

/** A unit in a column header: 当期收入(万元), 金额（元）, 比例(%), 数量(个). */
export function columnUnitIn(header: string): Unit | undefined {
  const re = /[(（]\s*([^()（）]{1,8}?)\s*[)）]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header))) {
    const u = unitFromWord(m[1], 'column');
    if (u && u.name.length === m[1].length) return u;
  }
  if (/(?:比例|占比|比重|率)\s*[(（]?\s*[%％]/.test(header)) return { name: '%', factor: 1, kind: 'percent', source: 'column' };
  // Counts named by the header: 员工人数, 商户数量, 户数, 家数, 次数.
  const count = /(人数|户数|家数|次数|个数|笔数|份数|项数)$|^(?:员工|人员)/.exec(header.trim());
  if (count) return { name: count[1] ? count[1][0] : '人', factor: 1, kind: 'count', source: 'column' };
  return undefined;
}

/** Formats a value in 元 (or a count) with thousands separators and the given decimals. */
export function formatAmount(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(Math.max(0, Math.min(decimals, 8)));
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (value < 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

/** The decimals a value needs once multiplied by a factor: 39,150.00 万元 → 0 decimals in 元, shown with 2. */
export function decimalsAfterScaling(decimals: number, factor: number): number {
  const shift = Math.round(Math.log10(factor));
  return Math.max(2, decimals - shift);
}
