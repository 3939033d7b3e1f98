/**
 * The q-quantile (0 to 1) of values sorted in ascending order, interpolating between
 * neighbours as spreadsheets' PERCENTILE (PERCENTILE.INC) does, so that a figure in a
 * report can be checked by whoever opens its data in a spreadsheet. 0 for no values.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = sorted[Math.floor(position)] ?? 0;
  const above = sorted[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - Math.floor(position));
}
