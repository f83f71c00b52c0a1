// The hand-labelled hover sample (test/hover-sample.tsv) and how a hover is compared with it.
import { HoverFacts } from '../../server/src/features/hover';

export interface Sample {
  file: string;
  line: number;
  /** The figure as written; figure@n: its n-th occurrence on the line. */
  figure: string;
  value: number;
  unit: string;
  source: string;
  row: string;
  column: string;
  /** "ok", or "wrong: …" for a hover known to be wrong (the test insists it still is, so that the file is kept up to date). */
  hover: string;
}

export function readSamples(tsv: string): Sample[] {
  return tsv
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [file, line, figure, value, unit, source, row, column, hover] = l.split('\t');
      return { file, line: Number(line), figure, value: Number(value), unit, source, row, column, hover: hover ?? 'ok' };
    });
}

/** The offset of the sample's figure in the text (its first character), or -1. */
export function sampleOffset(text: string, s: Sample): number {
  let start = 0;
  for (let n = 1; n < s.line; n++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return -1;
  }
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end);
  const [raw, nth] = s.figure.split('@');
  let at = -1;
  for (let k = 0; k < (nth ? Number(nth) : 1); k++) {
    at = line.indexOf(raw, at + 1);
    if (at < 0) return -1;
  }
  return start + at;
}

const SOURCE: Record<string, HoverFacts['source'] | 'row'> = { figure: 'cell', column: 'column', table: 'table', document: 'document', none: 'default', row: 'row' };

/** Text compared without spaces, with full-width brackets and colons as half-width ones. */
export function squash(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/％/g, '%');
}

/** What differs between a hover and the sample, or [] when the hover is right. */
export function differences(s: Sample, h: HoverFacts | undefined): string[] {
  if (!h) return ['no hover'];
  const out: string[] = [];
  if (h.noteReference !== undefined) return ['a note reference'];
  const v = h.value ?? NaN;
  if (!(Math.abs(v - s.value) <= 1e-9 * Math.max(1, Math.abs(s.value)))) out.push(`value ${h.text}`);
  const unit = (h.unit ?? '').replace(/^人民币/, '');
  if (s.unit === 'count') {
    if (h.unitKind !== 'count') out.push(`unit ${h.unit} (a count)`);
  } else if (unit !== s.unit.replace(/^人民币/, '')) out.push(`unit ${h.unit}`);
  if (SOURCE[s.source] !== h.source) out.push(`source ${h.source}`);
  if (s.row === '-') {
    if (h.row !== undefined) out.push(`row ${h.row} (not in a table)`);
  } else if (s.row !== '*' && !squash(h.row).includes(squash(s.row))) out.push(`row ${h.row ?? '(none)'}`);
  if (s.column === '-') {
    if (h.column !== undefined) out.push(`column ${h.column} (not in a table)`);
  } else if (s.column !== '*' && !squash(h.column).includes(squash(s.column))) out.push(`column ${h.column ?? '(none)'}`);
  return out;
}
