// Folding ranges: every section (heading to the end of its content) and every
// table (caption to last row). Offsets; the LSP shell turns them into lines.

import { FilingModel, Range, Section } from '../model/types';

export interface Fold extends Range {
  kind: 'section' | 'table';
}

export function foldingRanges(model: FilingModel): Fold[] {
  const out: Fold[] = [];
  const text = model.text;
  const push = (start: number, end: number, kind: Fold['kind']) => {
    // Trailing blank lines belong to nothing: the fold ends on the last line with text.
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) out.push({ start, end, kind });
  };
  const walk = (s: Section) => {
    push(s.heading.start, s.range.end, 'section');
    s.children.forEach(walk);
  };
  model.sections.forEach(walk);
  for (const t of model.tables) push(Math.min(t.start, t.captionRange?.start ?? t.start), t.end, 'table');
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
