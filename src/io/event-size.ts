// The event size limit and how sizes read in messages: "11 bytes", "1.5 KiB (1,536 bytes)",
// "32 MiB (33,554,432 bytes)".
import { UsageError } from '../errors.js';

/** The limit in force, and what set it when that was not the default (for the advice). */
export interface SizeLimit {
  bytes: number;
  /** What set the limit, e.g. `--max-event-size`; absent for the default limit. */
  setBy?: string | undefined;
}

/** A bare number is the default limit. */
export function toSizeLimit(limit: number | SizeLimit): SizeLimit {
  return typeof limit === 'number' ? { bytes: limit } : limit;
}

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** Groups digits by thousands: 33554432 → `33,554,432` (the same in every locale). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A byte count for people: exact below 1 KiB, else in the largest unit with the exact count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  // Choose the unit by the rounded value, so 1,048,575 bytes reads 1 MiB and not 1024 KiB.
  while (unit < UNITS.length - 1 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${UNITS[unit]} (${groupDigits(bytes)} bytes)`;
}

/** The event is over the limit: names both, and advises what helps. */
export function tooLargeError(label: string, size: number | null, limit: number | SizeLimit): UsageError {
  const { bytes, setBy } = toSizeLimit(limit);
  const how = setBy
    ? `over the ${formatBytes(bytes)} limit set by ${setBy}: shrink it`
    : `over the ${formatBytes(bytes)} limit: shrink it, or raise --max-event-size if your account's quota was raised`;
  const is = size === null ? `is more than ${formatBytes(bytes)},` : `is ${formatBytes(size)},`;
  return new UsageError(`${label} ${is} ${how}`, { code: 'EventTooLarge' });
}
