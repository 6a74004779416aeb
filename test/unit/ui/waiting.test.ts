// Life while waiting: the spinner's text, the still line, and how rarely it comes.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { plainTerminal } from '../../../src/ui/terminal.js';
import { renderStillLine, spinnerText, startWaiting, stillLineAt } from '../../../src/ui/waiting.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the texts', () => {
  it('the spinner shows the time so far from the first second', () => {
    expect(spinnerText('invoking demo/sleep', 400)).toBe('invoking demo/sleep');
    expect(spinnerText('invoking demo/sleep', 6_200)).toBe('invoking demo/sleep (6 s)');
    expect(spinnerText('job-1: Running', 65_000)).toBe('job-1: Running (1 min 05 s)');
  });

  it('the still line says what, how long and since when', () => {
    const since = new Date(2026, 11, 1, 21, 42, 5);
    expect(renderStillLine('invoking demo/sleep', 30_000, since)).toBe('invoking demo/sleep … 30 s so far (since 21:42:05)\n');
  });

  it('comes after a few seconds, then rarely: 3 s, 30 s, 2 min, 10 min, then every 10 min', () => {
    expect([0, 1, 2, 3, 4, 5].map(stillLineAt)).toEqual([3_000, 30_000, 120_000, 600_000, 1_200_000, 1_800_000]);
  });
});

describe('without a spinner', () => {
  it('writes still lines on its schedule, with the latest text, and none after stop()', async () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 1, 21, 42, 5) });
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const waiting = await startWaiting('invoking demo/sleep', { terminal: plainTerminal, stream, quiet: false });
    await vi.advanceTimersByTimeAsync(2_900);
    expect(text).toBe('');
    await vi.advanceTimersByTimeAsync(200);
    expect(text).toBe('invoking demo/sleep … 3 s so far (since 21:42:05)\n');
    waiting.update('job-1: Running');
    await vi.advanceTimersByTimeAsync(27_000);
    expect(text).toContain('job-1: Running … 30 s so far (since 21:42:05)\n');
    waiting.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('shows nothing with --quiet', async () => {
    vi.useFakeTimers();
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await startWaiting('invoking demo/sleep', { terminal: plainTerminal, stream, quiet: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(text).toBe('');
  });
});
