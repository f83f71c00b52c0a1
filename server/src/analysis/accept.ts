// Accepted differences: a line `filing-lens: accept <row label> <total as written>`
// anywhere in the document silences the diagnostic on that total. The quick fix
// "Accept this difference" writes such a line under the total's row.

import { Check } from './reconcile';

export const ACCEPT_MARKER = /^\s*(?:\/\/|#|<!--)?\s*filing-lens:\s*accept\s+(.+?)\s+(\S+?)\s*(?:-->)?\s*$/gm;

export function acceptLine(check: Check): string {
  return `filing-lens: accept ${check.row.label.replace(/\s+/g, '')} ${check.total.figure?.raw ?? check.total.text}`;
}

export function acceptedDifferences(text: string, checks: Check[]): Set<Check> {
  const accepted = new Set<Check>();
  if (!text.includes('filing-lens:')) return accepted;
  const keys = new Set<string>();
  ACCEPT_MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ACCEPT_MARKER.exec(text))) keys.add(`${m[1].replace(/\s+/g, '')}|${m[2]}`);
  for (const c of checks) {
    if (keys.has(`${c.row.label.replace(/\s+/g, '')}|${c.total.figure?.raw ?? c.total.text}`)) accepted.add(c);
  }
  return accepted;
}
