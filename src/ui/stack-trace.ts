// A function error's stack trace as lines for stderr, from FC's error body
// (`{"errorMessage", "errorType", "stackTrace"}`): Node.js runtimes send a list of lines,
// Python ones a list of frames (each a list), some a single string.
import { oneLine } from './text.js';

/** Lines shown at most; the rest is counted. */
const MAX_LINES = 30;

function frameText(frame: unknown): string | null {
  if (typeof frame === 'string') return frame;
  if (Array.isArray(frame)) return frame.map((part) => String(part)).join(', ');
  return null;
}

/**
 * The stack trace's lines, each made safe for a terminal and indented by four spaces; the
 * first is left out when it only repeats `errorType: errorMessage`. Empty when the body
 * has none or is not such JSON.
 */
export function stackTraceLines(body: Buffer): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  const { stackTrace, errorType, errorMessage } = parsed as Record<string, unknown>;
  const raw = typeof stackTrace === 'string' ? stackTrace.split(/\r?\n/) : Array.isArray(stackTrace) ? stackTrace.map(frameText) : [];
  const lines = raw.filter((line): line is string => line !== null && line.trim() !== '');
  const headline = [errorType, errorMessage].filter((part) => typeof part === 'string').join(': ');
  if (lines[0] !== undefined && (lines[0].trim() === headline || lines[0].trim() === errorMessage)) lines.shift();
  const shown = lines.slice(0, MAX_LINES).map((line) => `    ${oneLine(line)}`);
  if (lines.length > MAX_LINES) shown.push(`    … ${lines.length - MAX_LINES} more`);
  return shown;
}
