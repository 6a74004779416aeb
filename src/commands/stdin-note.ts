// Standard input that holds something but is not read: without `-d -` fcinvoke sends an empty
// event (reading it unasked would take what a surrounding `while read` loop is reading, or
// wait forever on a pipe that stays open), so it says so instead of dropping it silently.
// A pipe is named only to a person at a terminal: scripts and CI runners often leave stdin a
// pipe that holds nothing for fcinvoke (GitLab's shell runner feeds the job's script through
// it), and a note on every call there would be noise.
import { renderNote } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import type { StreamFacts } from '../ui/terminal.js';

/**
 * The note when no event was given and stdin is a non-empty file, or a pipe while stderr is a
 * terminal; null otherwise.
 */
export function unreadStdinNote(
  stdin: StreamFacts,
  stderrTty: boolean,
  eventGiven: boolean,
  style: Style,
  sent = 'the event is empty',
): string | null {
  if (eventGiven) return null;
  const what = stdin.kind === 'pipe' && stderrTty ? 'a pipe' : stdin.kind === 'file' && stdin.nonEmpty ? 'a file' : null;
  if (what === null) return null;
  return renderNote(`standard input is ${what} but is not read: ${sent}; add -d - to send what it holds`, style);
}
