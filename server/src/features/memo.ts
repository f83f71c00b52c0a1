// What a feature works out once per analysis (an index of the defined terms, the ties by figure) is kept
// in the analysis's own memo, so that it goes with the analysis it indexes: no feature keeps module state.

import type { Analysis } from '../analysis/analyze';

/** The value under `key` for this analysis, made by `make` on first use. */
export function memoOf<T>(analysis: Pick<Analysis, 'memo'>, key: string, make: () => T): T {
  // An analysis made elsewhere without a memo (a test's plain object) gets one.
  const memo = (analysis.memo ??= new Map());
  if (memo.has(key)) return memo.get(key) as T;
  const value = make();
  memo.set(key, value);
  return value;
}
