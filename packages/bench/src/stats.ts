/** Small statistics and formatting helpers for the benchmark report. */

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The median of `values[i] / baselines[i]`: two subjects measured side by side, round by round. */
export const pairedRatio = (values: readonly number[], baselines: readonly number[]): number =>
  median(values.map((value, i) => value / baselines[i]!));

/** A plain-text table: the first row is the header; numbers are right-aligned. */
export function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: ReadonlyArray<string>) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  return [
    line(rows[0]!),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
}

export const ratio = (value: number, baseline: number): string => times(value / baseline);
export const times = (value: number): string => `${value.toFixed(2)}×`;
export const thousands = (value: number): string => Math.round(value).toLocaleString("en-US");
