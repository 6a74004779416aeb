import { describe, expect, it } from 'vitest';
import { fitLines, layoutExample, layoutItem, shellWords, wrapWords } from '../../../src/ui/help-layout.js';

const widest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

describe('wrapWords', () => {
  it('breaks between words only, keeping a word longer than the width whole', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapWords('a https://1234567890.cn-hangzhou.fc.aliyuncs.com b', 10)).toEqual(['a', 'https://1234567890.cn-hangzhou.fc.aliyuncs.com', 'b']);
    expect(wrapWords('kept\nline breaks', 40)).toEqual(['kept', 'line breaks']);
  });
});

describe('layoutItem', () => {
  const description = 'extra attempts for failures that provably did not run the function (default 2, at most 20)';

  it('puts the description beside the term when its column is wide enough', () => {
    const text = layoutItem('--retries <n>', 27, description, 80);
    expect(text.split('\n')[0]).toMatch(/^ {2}--retries <n> {16}extra attempts/);
    expect(text.split('\n')[1]).toMatch(/^ {31}\S/);
    expect(widest(text)).toBeLessThanOrEqual(80);
  });

  it('puts it under the term when the column would be too narrow', () => {
    const text = layoutItem('--connect-timeout <seconds>', 27, description, 40);
    const [term, ...rest] = text.split('\n');
    expect(term).toBe('  --connect-timeout <seconds>');
    for (const line of rest) expect(line).toMatch(/^ {6}\S/);
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(rest.join(' ').replace(/\s+/g, ' ').trim()).toBe(description);
  });
});

describe('layoutExample', () => {
  const command = `fcinvoke run my-service my-function -e '{"id": 42, "name": "a b"}' --json | jq -r .body`;

  it('is one line when it fits, its comment above it', () => {
    expect(layoutExample('fcinvoke run demo hello', 'say hello', 80)).toBe('  # say hello\n  $ fcinvoke run demo hello');
  });

  it('goes on over lines joined by " \\", between words, never inside quotes', () => {
    for (const width of [40, 50, 60]) {
      const text = layoutExample(command, undefined, width);
      expect(widest(text), String(width)).toBeLessThanOrEqual(width);
      const lines = text.split('\n');
      for (const line of lines.slice(0, -1)) expect(line).toMatch(/ \\$/);
      // What a shell reads: the continuations joined back into the one command.
      expect(text.replace(/ \\\n +/g, ' ').replace(/^ {2}\$ /, '')).toBe(command);
    }
  });

  it('splits shell words with their quotes', () => {
    expect(shellWords(`eval "$(fcinvoke emulator --background)" && echo 'a b'`)).toEqual(['eval', '"$(fcinvoke emulator --background)"', '&&', 'echo', "'a b'"]);
  });
});

describe('fitLines', () => {
  it('wraps long lines under their indentation, and a usage line under its first word', () => {
    const text = fitLines('Usage: fcinvoke run|invoke [options] <service> <function>\n  short\nInvoke Alibaba Cloud Function Compute functions from a terminal', 40);
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(text.split('\n').slice(0, 2)).toEqual(['Usage: fcinvoke run|invoke [options]', '       <service> <function>']);
    expect(text).toContain('\n  short\n');
  });
});
