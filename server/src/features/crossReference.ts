// Cross-references: "详见附注七、1", "详见本附注五、（一）", "参见本报告第四节" →
// the section they name. Used as textDocument/definition on the reference text.

import { lineAt } from '../parse/lines';
import { Analysis } from '../analysis/analyze';
import { Range, Section } from '../model/types';

const CN = '[一二三四五六七八九十百零〇]+';
const STEP = `(?:${CN}\\s*[、.．]?|[（(]\\s*${CN}\\s*[)）]\\s*[、.．]?|\\d{1,2}\\s*(?:[、．]|\\.(?!\\d))?|[（(]\\s*\\d{1,2}\\s*[)）]\\s*[、.．]?|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])`;
const REFERENCE = new RegExp(
  `(?:详见|参见|参阅|请见|请参见|请参阅|见)\\s*(?:本报告|本节|本)?\\s*(?:合并)?(?:财务报表)?(附注|第\\s*(?:${CN}|\\d{1,2})\\s*[节章])\\s*((?:${STEP}\\s*)*)`,
  'g',
);
const STEP_G = new RegExp(STEP.replace(/^\(\?:/, '(').replace(/\)$/, ')'), 'g');

export interface CrossReference {
  /** The reference as written: "附注七、1". */
  range: Range;
  /** Marker keys of the path: ["七", "1"] or ["第四节"]. */
  path: string[];
  notes: boolean;
}

export interface Target {
  origin: Range;
  section: Section;
  /** How many steps of the path were found (the target may be an ancestor of the one named). */
  matched: number;
}

/** A marker reduced to what a reference writes: "七、" → "七", "（一）" → "(一)", "1." → "1", "第 四 节" → "第四节". */
export function markerKey(marker: string): string {
  return marker.replace(/\s+/g, '').replace(/[、.．]$/, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** The cross-reference written at an offset (on that line), if any. */
export function referenceAt(analysis: Analysis, offset: number): CrossReference | undefined {
  const line = lineAt(analysis.model.lines, offset);
  if (!line || !/[见阅]/.test(line.text)) return undefined;
  REFERENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REFERENCE.exec(line.text))) {
    const at = m.index + m[0].indexOf(m[1]);
    const end = m.index + m[0].trimEnd().length;
    const range = { start: line.start + at, end: line.start + end };
    if (offset < range.start || offset > range.end) continue;
    const notes = m[1] === '附注';
    const path = notes ? [] : [markerKey(m[1])];
    for (const s of m[2].matchAll(STEP_G)) path.push(markerKey(s[0]));
    if (!path.length) return undefined;
    return { range, path, notes };
  }
  return undefined;
}

export function crossReferenceAt(analysis: Analysis, offset: number): Target | undefined {
  const ref = referenceAt(analysis, offset);
  if (!ref) return undefined;
  // Where the reference is: the chain of sections around it.
  const here = new Set<Section>();
  const mark = (list: Section[]) => {
    const s = list.find((x) => x.range.start <= offset && offset <= x.range.end);
    if (s) here.add(s), mark(s.children);
  };
  mark(analysis.model.sections);
  let best: { section: Section; matched: number; score: number } | undefined;
  const visit = (s: Section, ancestors: Section[]) => {
    if (markerKey(s.heading.marker) === ref.path[0]) {
      const [section, matched] = follow(s, ref.path, 1);
      const chain = [...ancestors, s];
      const inNotes = chain.some((a) => /附注|注释|财务报告|财务报表/.test(a.heading.title + a.heading.marker));
      const shared = ancestors.filter((a) => here.has(a)).length;
      // Full path first, then (for 附注) a section of the notes, then nearness to the reference.
      const score = matched * 1000 + (ref.notes && inNotes ? 100 : 0) + shared * 10 + (here.has(s) ? -1 : 0);
      if (!best || score > best.score) best = { section, matched, score };
    }
    for (const c of s.children) visit(c, [...ancestors, s]);
  };
  analysis.model.sections.forEach((s) => visit(s, []));
  return best ? { origin: ref.range, section: best.section, matched: best.matched } : undefined;
}

/** Walks down the path from a section: the nearest descendant with the next marker. */
function follow(s: Section, path: string[], i: number): [Section, number] {
  if (i >= path.length) return [s, i];
  const queue = [...s.children];
  while (queue.length) {
    const c = queue.shift()!;
    if (markerKey(c.heading.marker) === path[i]) return follow(c, path, i + 1);
    queue.push(...c.children);
  }
  return [s, i];
}

