import { describe, expect, it } from 'vitest';
import { readInvocation } from '../../../src/fc/v2016/async.js';
import { v2016 } from '../../../src/fc/v2016/index.js';
import { readTask } from '../../../src/fc/v2023/async.js';
import { v2023 } from '../../../src/fc/v2023/index.js';
import {
  formatDuration,
  formatTime,
  invocationErrorText,
  renderInvocationDetails,
  renderStatusChange,
  renderWaitOutcome,
  waitingText,
} from '../../../src/ui/async-render.js';
import { renderInvocationTable } from '../../../src/ui/async-table.js';
import { plainStyle, type Style } from '../../../src/ui/style.js';

const T0 = Date.parse('2024-05-01T12:00:00Z');

const succeeded = readInvocation({
  invocationId: 'job-1',
  status: 'Succeeded',
  serviceName: 'svc',
  functionName: 'fn',
  qualifier: 'LATEST',
  requestId: 'req-1',
  instanceId: 'inst-1',
  startedTime: T0,
  endTime: T0 + 1500,
  durationMs: 1400,
  alreadyRetriedTimes: 0,
  destinationStatus: '',
  returnPayload: 'done\n',
  events: [
    { eventId: 1, status: 'Enqueued', timestamp: T0, eventDetail: '' },
    { eventId: 2, status: 'Running', timestamp: T0 + 100, eventDetail: '' },
    { eventId: 3, status: 'Succeeded', timestamp: T0 + 1500, eventDetail: '' },
  ],
});

const failed = readInvocation({
  invocationId: 'job-2',
  status: 'Failed',
  startedTime: T0,
  endTime: T0 + 61_000,
  alreadyRetriedTimes: 3,
  invocationErrorMessage: JSON.stringify({ errorMessage: 'boom', errorType: 'TypeError', stackTrace: ['a'] }),
  events: [{ status: 'Failed', timestamp: T0 + 61_000, eventDetail: 'Handled\u001b[2J' }],
});

const running = readInvocation({ invocationId: 'job-3', status: 'Running', startedTime: T0 });

describe('formatDuration and formatTime', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [1499, '1.4 s'],
    [59_999, '59.9 s'],
    [61_000, '1 min 01 s'],
    [3_599_000, '59 min 59 s'],
    [3_600_000 * 2 + 5 * 60_000, '2 h 05 min'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('prints times as ISO 8601 UTC', () => {
    expect(formatTime(T0)).toBe('2024-05-01T12:00:00.000Z');
    expect(formatTime(null)).toBe('-');
  });
});

describe('renderInvocationDetails', () => {
  it('shows the fields and the events timeline, leaving out what is unknown or empty', () => {
    expect(renderInvocationDetails(succeeded, plainStyle)).toBe(
      [
        'invocation ID job-1',
        'status        Succeeded',
        'function      svc/fn (LATEST)',
        'request ID    req-1',
        'instance      inst-1',
        'started       2024-05-01T12:00:00.000Z',
        'ended         2024-05-01T12:00:01.500Z',
        'duration      1.4 s',
        'retries       0',
        'result        done',
        'events',
        '  2024-05-01T12:00:00.000Z    +0 ms  Enqueued',
        '  2024-05-01T12:00:00.100Z  +100 ms  Running',
        '  2024-05-01T12:00:01.500Z   +1.5 s  Succeeded',
        '',
      ].join('\n'),
    );
  });

  it('shows the error of a failure, from the function error body, and escapes control characters', () => {
    const text = renderInvocationDetails(failed, plainStyle);
    expect(text).toContain('error         TypeError: boom\n');
    expect(text).toContain('duration      1 min 01 s\n');
    expect(text).toContain('retries       3\n');
    expect(text).toContain('Failed  Handled\\x1b[2J');
    expect(text).not.toContain('\u001b');
  });

  it('shows a running invocation without end or duration', () => {
    const text = renderInvocationDetails(running, plainStyle);
    expect(text).toBe('invocation ID job-3\nstatus        Running\nstarted       2024-05-01T12:00:00.000Z\n');
  });

  it('colours the status by outcome', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const style: Style = { dim: (s) => s, bold: tag('b'), red: tag('red'), yellow: tag('yellow'), green: tag('green'), cyan: tag('cyan') };
    expect(renderInvocationDetails(succeeded, style)).toContain('status        <green>Succeeded</green>');
    expect(renderInvocationDetails(failed, style)).toContain('<red>TypeError: boom</red>');
    expect(renderStatusChange(running, style)).toBe('job-3: <cyan>Running</cyan>\n');
  });
});

describe('wait lines', () => {
  it('says what is being waited for and how it ended', () => {
    expect(waitingText(null, 'job-1')).toBe('waiting for job-1');
    expect(waitingText(running, 'job-3')).toBe('job-3: Running');
    expect(renderWaitOutcome(succeeded, plainStyle)).toBe('job-1 Succeeded in 1.4 s\n');
    expect(renderWaitOutcome(failed, plainStyle)).toBe('job-2 Failed after 1 min 01 s: TypeError: boom\n');
  });

  it('takes an error message that is not a function error body as it is', () => {
    const expired = readInvocation({ invocationId: 'x', status: 'Expired', invocationErrorMessage: 'message expired\nin queue' });
    expect(invocationErrorText(expired)).toBe('message expired in queue');
    expect(renderWaitOutcome(expired, plainStyle)).toBe('x Expired: message expired in queue\n');
  });
});

describe('renderInvocationTable', () => {
  it('pads columns to the widest cell and trims line ends', () => {
    expect(renderInvocationTable([succeeded, failed, running])).toBe(
      [
        'INVOCATION ID  STATUS     STARTED                   DURATION    ERROR',
        'job-1          Succeeded  2024-05-01T12:00:00.000Z  1.4 s',
        'job-2          Failed     2024-05-01T12:00:00.000Z  1 min 01 s  TypeError: boom',
        'job-3          Running    2024-05-01T12:00:00.000Z  -',
        '',
      ].join('\n'),
    );
  });

  it('on a terminal: ages for the start, and columns cut from the right to fit, the IDs never', () => {
    const view = (width: number) => ({ style: plainStyle, width, now: T0 + 5 * 60_000 });
    expect(renderInvocationTable([succeeded, failed, running], view(120))).toBe(
      [
        'INVOCATION ID  STATUS     STARTED    DURATION    ERROR',
        'job-1          Succeeded  5 min ago  1.4 s',
        'job-2          Failed     5 min ago  1 min 01 s  TypeError: boom',
        'job-3          Running    5 min ago  -',
        '',
      ].join('\n'),
    );
    expect(renderInvocationTable([failed], view(58)).split('\n')[1]).toBe('job-2          Failed  5 min ago  1 min 01 s  TypeError:…');
    for (const width of [40, 50, 60, 80]) {
      const lines = renderInvocationTable([succeeded, failed, running], view(width)).trimEnd().split('\n');
      for (const line of lines) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines.slice(1).map((line) => line.split(/ +/)[0])).toEqual(['job-1', 'job-2', 'job-3']);
    }
    const longId = readInvocation({ invocationId: `async-${'f'.repeat(36)}`, status: 'Running', startedTime: T0 });
    expect(renderInvocationTable([longId], view(40)).split('\n')[1]).toBe(`async-${'f'.repeat(36)}  Running`);
  });

  it('colours statuses like status does, and the header dim', async () => {
    const { Chalk } = await import('chalk');
    const style = new Chalk({ level: 1 });
    const [header, row] = renderInvocationTable([failed], { style, width: 120, now: T0 }).split('\n');
    expect(header?.startsWith('\u001b[2mINVOCATION ID')).toBe(true);
    expect(row).toContain('\u001b[31mFailed\u001b[39m');
  });

  it('shortens long errors and escapes what the service sent', () => {
    const long = readInvocation({ invocationId: 'a\u0007b', status: 'Failed', invocationErrorMessage: 'x'.repeat(100) });
    const [, row] = renderInvocationTable([long]).split('\n');
    expect(row).toContain('a\\x07b');
    expect(row).toContain(`${'x'.repeat(59)}…`);
  });
});

describe('FC 3.0 async tasks, in its words', () => {
  const task = readTask({
    taskId: '7f0c2d4e-0000-4000-8000-000000000001',
    status: 'Failed',
    functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/report',
    qualifier: 'prod',
    startedTime: T0,
    endTime: T0 + 20,
    taskErrorMessage: '{"errorType":"TypeError","errorMessage":"boom"}',
  });

  it('status says task ID and the function of the ARN', () => {
    const text = renderInvocationDetails(task, plainStyle, v2023.nouns);
    expect(text).toMatch(/^task ID +7f0c2d4e-0000-4000-8000-000000000001$/m);
    expect(text).toMatch(/^function +report \(prod\)$/m);
    expect(text).toMatch(/^error +TypeError: boom$/m);
    expect(renderInvocationDetails(succeeded, plainStyle, v2016.nouns)).toMatch(/^invocation ID +job-1$/m);
  });

  it('the list table heads its first column TASK ID', () => {
    expect(renderInvocationTable([task], { style: plainStyle, width: null, now: Date.now() }, v2023.nouns).split('\n')[0]).toMatch(/^TASK ID {31}STATUS +STARTED +DURATION +ERROR$/);
  });
});
