// The x-acs-date format: ISO 8601 in UTC to the second, `2024-01-15T08:00:00Z` (fc3-protocol §5.2).
import { perSecond } from '../per-second.js';

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, without milliseconds, as openapi-core `getTimestamp` writes it. */
export const formatAcsDate: (date: Date) => string = perSecond((date) => `${date.toISOString().slice(0, 19)}Z`);

const ACS_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Milliseconds since the epoch for an x-acs-date, or undefined when it is not a real UTC
 * instant in that form. Fractions of a second are accepted: the HTTP-trigger examples sign
 * `new Date().toISOString()`, which has milliseconds (fc3-protocol §5.5).
 */
export function parseAcsDate(value: string): number | undefined {
  const match = ACS_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(time);
  // Date.UTC rolls 2024-02-30 over into March; a date that does not come back is not real.
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return real ? time : undefined;
}
