/** One measured figure of `npm run bench`. */
export interface BenchRow {
  /** What is measured, e.g. "capture" or "server". */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, e.g. "< 400 ms". */
  target?: string;
  note?: string;
}
