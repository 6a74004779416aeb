// Reading the fields of an async invocation object as a service sends it, for every API
// version's reader: text, numbers (also as numeric strings) and the events timeline.
import type { AsyncInvocationEvent } from './async-invocation.js';

/** The value when it is a string, else null. */
export function readText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A finite number, also when sent as a numeric string (int64 fields of other SDKs); else null. */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function readEvent(value: unknown): AsyncInvocationEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  return { eventId: readNumber(e.eventId), status: readText(e.status) ?? '', timestamp: readNumber(e.timestamp), eventDetail: readText(e.eventDetail) ?? '' };
}

/** `events[]` of `{eventId, status, timestamp, eventDetail}` (the same in FC 2.0 and 3.0); anything else is skipped. */
export function readEvents(value: unknown): AsyncInvocationEvent[] {
  return Array.isArray(value) ? value.map(readEvent).filter((e): e is AsyncInvocationEvent => e !== null) : [];
}

/** The object itself when the JSON is a plain object, else null. */
export function asObject(json: unknown): Record<string, unknown> | null {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
}
