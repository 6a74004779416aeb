// Turning a rejected Date into a hint that says how far the local clock is off.

const SKEW_CODES = new Set(['RequestTimeTooSkewed', 'InvalidDate', 'RequestTimeExpired']);

/** ` (the local clock is 17 min ahead of the service; sync it, e.g. with NTP)`, or '' when unknown or not a clock error. */
export function clockSkewHint(code: string, serverDate: string | string[] | undefined, now: Date): string {
  if (!SKEW_CODES.has(code)) return '';
  const value = Array.isArray(serverDate) ? serverDate[0] : serverDate;
  const server = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(server)) return '; check that the local clock is right (e.g. sync it with NTP)';
  const diffSeconds = Math.round((now.getTime() - server) / 1000);
  const amount = Math.abs(diffSeconds) >= 120 ? `${Math.round(Math.abs(diffSeconds) / 60)} min` : `${Math.abs(diffSeconds)} s`;
  const direction = diffSeconds >= 0 ? 'ahead of' : 'behind';
  return `; the local clock is ${amount} ${direction} the service's: sync it (e.g. with NTP)`;
}
