// Standard input that holds something but is not read: without `-d -` fcinvoke sends an empty
// event (reading it unasked would take what a surrounding `while read` loop is reading, or
// wait forever on a pipe that stays open), so it says so instead of dropping it silently.
import { renderNote } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import type { StreamFacts } from '../ui/terminal.js';

/** The note when stdin is a pipe or a non-empty file and no event was given; null otherwise. */
export function unreadStdinNote(stdin: StreamFacts, eventGiven: boolean, style: Style, sent = 'the event is empty'): string | null {
  if (eventGiven) return null;
  const what = stdin.kind === 'pipe' ? 'a pipe' : stdin.kind === 'file' && stdin.nonEmpty ? 'a file' : null;
  if (what === null) return null;
  return renderNote(`standard input is ${what} but is not read: ${sent}; add -d - to send what it holds`, style);
}
