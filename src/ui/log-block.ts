// The function's log tail as a person reads it: FC's own `FC Invoke Start/End` records frame
// every tail, so a tail with nothing else is no log at all; on a terminal the records and
// the request ID that FC repeats on every line (the summary names it) are left out.

const FC_RECORD = /^FC Invoke (?:Start|End) RequestId: \S+\s*$/;

/** True when the function itself logged something: a line other than FC's records and blanks. */
export function functionLogged(log: string): boolean {
  return log.split(/\r?\n/).some((line) => line.trim() !== '' && !FC_RECORD.test(line));
}

/**
 * The lines a terminal shows: without FC's Start/End records, and with `<time> <requestId> `
 * at the start of a line (FC's runtimes write it so) shortened to `<time> `.
 */
export function compactLog(log: string, requestId: string | null): string {
  const lines = log.replace(/\r\n/g, '\n').split('\n');
  const kept = lines.filter((line) => !FC_RECORD.test(line));
  if (requestId === null || requestId === '') return kept.join('\n');
  const column = ` ${requestId} `;
  return kept
    .map((line) => {
      const at = line.indexOf(column);
      // Only where it follows the first word (the timestamp), never inside what the function wrote.
      return at > 0 && !line.slice(0, at).includes(' ') ? `${line.slice(0, at)} ${line.slice(at + column.length)}` : line;
    })
    .join('\n');
}
