// Checking `emulator` options.
import { UsageError } from '../errors.js';

/** A TCP port, 0 meaning any free one. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(`invalid --port ${JSON.stringify(value)}: expected a whole number from 0 to 65535 (0 = any free port)`, {
      code: 'InvalidOption',
    });
  }
  return port;
}
