// FC 3.0 request IDs: `1-<8 hex>-<8 hex>-<12 hex>`, as in `1-64e70cf1-5cbef92ea8fc8c42899cf5d1`
// and `1-65bf56b2-1368aa6d-c7da7fa6a4d4` (fc3-protocol §3). The first group of every observed
// ID is the request's Unix time in seconds, in hex (inference from their dates); the rest is random.
import { randomBytes } from 'node:crypto';

/** A fresh FC 3.0-shaped request ID for a request received at `now`. */
export function generateFc3RequestId(now: Date, random: (size: number) => Buffer = randomBytes): string {
  const seconds = (Math.floor(now.getTime() / 1000) >>> 0).toString(16).padStart(8, '0');
  const hex = random(10).toString('hex');
  return `1-${seconds}-${hex.slice(0, 8)}-${hex.slice(8, 20)}`;
}
