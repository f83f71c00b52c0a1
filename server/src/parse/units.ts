// Units: 元, 千元, 万元, 百万元, 亿元 (with 人民币 / 美元 / 港元), percent, and counts
// (户, 个, 人, 股, 次, 家 and their 万 multiples).

import { Range, Unit, UnitSource } from '../model/types';

const MONEY_SCALE: Record<string, number> = { '': 1, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };
const COUNT_WORDS = '户|个|人|股|次|家|笔|台|份|张|项|名|套|件|倍|吨|平方米|m2|㎡|元\\/股';
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

// （人民币百万元，特别注明除外） / (人民币千元，另有注明者除外) / 除特别注明外，以人民币百万元列示 /
// 如不特殊注明，货币金额单位以人民币百万元计
const DOC_UNIT_ASIDE = new RegExp(
  `[（(]\\s*(?:金额单位[:：]?\\s*)?((?:${CURRENCY})?(?:十万|百万|千万|千|万|亿)?(?:${CURRENCY})?元)\\s*[,，]\\s*(?:除)?(?:特别|另有|特殊)(?:注明|说明|指明)(?:者|的)?(?:除外|外)\\s*[)）]` +
    `|(?:除|如无|如不|若无)(?:特别|另有|特殊)(?:注明|说明|指明)(?:者)?外?\\s*[,，]?\\s*(?:货币)?(?:金额)?(?:单位)?(?:均)?以\\s*((?:${CURRENCY})?(?:十万|百万|千万|千|万|亿)?(?:${CURRENCY})?元)\\s*(?:列示|为单位|计)`,
);

/** A document-wide unit statement in this line, if any. */
export function documentUnitIn(lineText: string, lineStart: number): Unit | undefined {
  const m = DOC_UNIT.exec(lineText);
  if (m) {
    const start = lineStart + m.index + m[0].length - m[1].length;
    return unitFromWord(m[1], 'document', { start, end: start + m[1].length });
  }
  const a = DOC_UNIT_ASIDE.exec(lineText);
  if (!a) return undefined;
  const word = a[1] ?? a[2];
  const start = lineStart + a.index + a[0].indexOf(word);
  return unitFromWord(word, 'document', { start, end: start + word.length });
}

const HEADER_PAREN = /[(（]\s*([^()（）]{1,16}?)\s*[)）]/g;
const UNIT_PREFIX = /^(?:金额|货币)?单位\s*[:：]\s*/;
const TRAILING_CURRENCY = new RegExp(`(?:${CURRENCY})$`);
const PERCENT_HEADER = /(?:比例|占比|比重|率)\s*[(（]?\s*[%％]/;
/** Ratios named by the header alone: 占比, 比例, 毛利率, 增长率, 变动幅度. */
const RATIO_HEADER = /(?:占比|比例|比重|增长率|毛利率|增减率|变动率|变动幅度|增减幅度|增幅|降幅)$/;
/** Counts named by the header: 员工人数, 其中:参与线下商户管理的人员, 覆盖商户数量, 家数. */
const PEOPLE_HEADER = /(?:人数|人员|员工|职工)$|^(?:员工|人员)/;
const HOUSEHOLD_HEADER = /(?:户数|(?:商户|客户|用户|会员|账户)(?:数量|数))$/;
const COUNT_HEADER = /(家数|次数|个数|笔数|份数|项数)$/;

/**
 * A unit in a column header: 当期收入(万元), 金额（元）, 比例(%), 数量(个),
 * 工具面值（单位：百万元人民币）, 金额单位：人民币万元; counts and ratios named by the
 * header's words (员工人数, 覆盖商户数量, 占比) are never money.
 */
export function columnUnitIn(header: string): Unit | undefined {
  let m: RegExpExecArray | null;
  HEADER_PAREN.lastIndex = 0;
  while ((m = HEADER_PAREN.exec(header))) {
    const inner = m[1].replace(UNIT_PREFIX, '');
    const u = unitFromWord(inner, 'column');
    if (u && (u.name.length === inner.length || (u.kind === 'money' && TRAILING_CURRENCY.test(inner.slice(u.name.length))))) {
      const currency = u.currency ?? (u.kind === 'money' ? TRAILING_CURRENCY.exec(inner)?.[0] : undefined);
      return currency ? { ...u, currency: currency === '港币' ? '港元' : currency } : u;
    }
  }
  const stated = tableUnitsIn(header, 0);
  if (stated && stated.length === 1) return { ...stated[0], source: 'column', range: undefined };
  // A header row of units alone under the column words (销售量 / 百万吨, 金额 / 万元): the title's last part.
  const last = header.trim().split(SPACE_RUN).pop()!;
  if (last.length < header.trim().length) {
    const u = unitFromWord(last, 'column');
    if (u && u.name.length === last.length && (u.kind !== 'count' || u.factor !== 1 || last.length >= 2)) return u;
  }
  if (PERCENT_HEADER.test(header)) return { name: '%', factor: 1, kind: 'percent', source: 'column' };
  const words = header.replace(HEADER_PAREN, '').trim();
  if (RATIO_HEADER.test(words)) return { name: '%', factor: 1, kind: 'percent', source: 'column' };
  if (PEOPLE_HEADER.test(words)) return { name: '人', factor: 1, kind: 'count', source: 'column' };
  if (HOUSEHOLD_HEADER.test(words)) return { name: '户', factor: 1, kind: 'count', source: 'column' };
  const count = COUNT_HEADER.exec(words);
  if (count) return { name: count[1][0], factor: 1, kind: 'count', source: 'column' };
  return undefined;
}

/**
 * A unit in a row's label: 总资产（亿元）, 速动比率（倍）, 销售收入（万元）, 收入 占比%, 基本每股收益(元/股) — the
 * unit in parentheses at the end of the label, or a % after a ratio's name.
 */
export function rowUnitIn(label: string): Unit | undefined {
  const t = label.trim();
  if (!t || t.length > 60) return undefined;
  const m = ROW_UNIT_END.exec(t);
  if (m) {
    if (m[1] === '元/股') return { name: '元/股', factor: 1, kind: 'money', source: 'row' };
    const u = unitFromWord(m[1], 'row');
    if (u && u.name.length === m[1].length) return u;
  }
  if (PERCENT_HEADER.test(t) && /[%％]\s*[)）]?$/.test(t)) return { name: '%', factor: 1, kind: 'percent', source: 'row' };
  return undefined;
}
const SPACE_RUN = /\s+/;
const ROW_UNIT_END = /[(（]\s*([^()（）]{1,8}?)\s*[)）]\s*$/;

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
