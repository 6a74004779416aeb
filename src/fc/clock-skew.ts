// Turning a rejected request date into a hint that says how far the local clock is off.

/** `; the local clock is 17 min ahead of the service's: sync it (e.g. with NTP)`, from the answer's Date header. */
export function clockSkewHint(serverDate: string | null, now: Date): string {
  const server = serverDate ? Date.parse(serverDate) : Number.NaN;
  if (Number.isNaN(server)) return '; check that the local clock is right (e.g. sync it with NTP)';
  const diffSeconds = Math.round((now.getTime() - server) / 1000);
  const amount = Math.abs(diffSeconds) >= 120 ? `${Math.round(Math.abs(diffSeconds) / 60)} min` : `${Math.abs(diffSeconds)} s`;
  const direction = diffSeconds >= 0 ? 'ahead of' : 'behind';
  return `; the local clock is ${amount} ${direction} the service's: sync it (e.g. with NTP)`;
}
