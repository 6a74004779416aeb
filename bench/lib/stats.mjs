// Small statistics and formatting helpers for the benchmark report.

/** The median (mean of the two middle values for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{median, min, max, n}` of a sample. */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

export const ms = (value) => `${value.toFixed(1)} ms`;
export const ratio = (value) => `${value.toFixed(2)}×`;
export const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

/** `81.2 ms (74.0–95.3)` */
export function msRange(s) {
  return `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
}

/** `45.1 MiB (44.9–45.3)` from KiB */
export function mibRange(s) {
  return `${(s.median / 1024).toFixed(1)} MiB (${(s.min / 1024).toFixed(1)}–${(s.max / 1024).toFixed(1)})`;
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
