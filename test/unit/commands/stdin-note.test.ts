// The note for standard input that is not read: a non-empty file always, a pipe only to a person at a terminal.
import { describe, expect, it } from 'vitest';
import { unreadStdinNote } from '../../../src/commands/stdin-note.js';
import { plainStyle } from '../../../src/ui/style.js';
import type { StreamFacts } from '../../../src/ui/terminal.js';

const pipe: StreamFacts = { kind: 'pipe', id: '1:2' };
const file = (nonEmpty: boolean): StreamFacts => ({ kind: 'file', id: '1:3', nonEmpty });

describe('unreadStdinNote', () => {
  it('names a pipe when stderr is a terminal', () => {
    expect(unreadStdinNote(pipe, true, false, plainStyle)).toBe(
      'note: standard input is a pipe but is not read: the event is empty; add -d - to send what it holds\n',
    );
  });

  it('says nothing of a pipe in a script or a CI job (stderr not a terminal)', () => {
    expect(unreadStdinNote(pipe, false, false, plainStyle)).toBeNull();
  });

  it('names a non-empty file wherever stderr goes, and says what is sent', () => {
    expect(unreadStdinNote(file(true), false, false, plainStyle, 'the request has no body')).toBe(
      'note: standard input is a file but is not read: the request has no body; add -d - to send what it holds\n',
    );
    expect(unreadStdinNote(file(false), true, false, plainStyle)).toBeNull();
  });

  it('says nothing when an event was given, or stdin is a terminal', () => {
    expect(unreadStdinNote(pipe, true, true, plainStyle)).toBeNull();
    expect(unreadStdinNote(file(true), true, true, plainStyle)).toBeNull();
    expect(unreadStdinNote({ kind: 'terminal', id: null }, true, false, plainStyle)).toBeNull();
  });
});
