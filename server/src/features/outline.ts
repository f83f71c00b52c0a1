// The outline: sections nested by level, each table a child of its section,
// named by its caption with its unit and size.

import { FilingModel, Range, Section, Table } from '../model/types';

export interface OutlineItem {
  name: string;
  detail: string;
  kind: 'section' | 'table';
  range: Range;
  selectionRange: Range;
  children: OutlineItem[];
}

export function outline(model: FilingModel): OutlineItem[] {
  return [...model.topTables.map(tableItem), ...model.sections.map(sectionItem)].sort((a, b) => a.range.start - b.range.start);
}

function sectionItem(s: Section): OutlineItem {
  const h = s.heading;
  const children = [...s.tables.map(tableItem), ...s.children.map(sectionItem)].sort((a, b) => a.range.start - b.range.start);
  const name = `${h.marker}${needsSpace(h.marker) ? ' ' : ''}${h.title}`.trim() || h.marker;
  const end = Math.max(s.range.end, h.end, ...children.map((c) => c.range.end));
  return { name, detail: '', kind: 'section', range: { start: h.start, end }, selectionRange: { start: h.start, end: h.end }, children };
}

function needsSpace(marker: string): boolean {
  return /[\dA-Za-z一二三四五六七八九十]$/.test(marker) || /^(?:第.+[节章篇]|第.+部分)$/.test(marker);
}

export function tableName(t: Table): string {
  const caption = t.caption.replace(/\s+/g, ' ').trim();
  return caption ? `表: ${caption.length > 60 ? caption.slice(0, 59) + '…' : caption}` : `表 ${t.id + 1}`;
}

function tableItem(t: Table): OutlineItem {
  const data = t.rows.filter((r) => r.kind !== 'header').length;
  const unit = t.unit.source === 'default' ? '' : `单位：${t.unit.name} · `;
  const sel = t.captionRange ?? { start: t.rows[0].start, end: t.rows[0].end };
  return {
    name: tableName(t),
    detail: `${unit}${data} rows × ${t.columns.length} columns`,
    kind: 'table',
    range: { start: Math.min(t.start, sel.start), end: t.end },
    selectionRange: sel,
    children: [],
  };
}
