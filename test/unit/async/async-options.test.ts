import { describe, expect, it } from 'vitest';
import { chooseApi } from '../../../src/fc/api-choice.js';
import { DEFAULT_LIST_LIMIT, parseStatusFilter, parseTimeArg, planList, planStatus, planStop } from '../../../src/commands/async-options.js';
import { planRun } from '../../../src/commands/run-options.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('parseTimeArg', () => {
  it.each([
    ['90s', NOW - 90_000],
    ['15m', NOW - 15 * 60_000],
    ['1h', NOW - 3_600_000],
    ['1.5h', NOW - 5_400_000],
    ['2d', NOW - 2 * 86_400_000],
    ['1w', NOW - 7 * 86_400_000],
    ['500ms', NOW - 500],
    ['2024-04-30T08:00:00Z', Date.parse('2024-04-30T08:00:00Z')],
    ['2024-04-30T08:00Z', Date.parse('2024-04-30T08:00:00Z')],
    ['2024-04-30T08:00:00.250+02:00', Date.parse('2024-04-30T06:00:00.250Z')],
    ['2024-04-30T08:00', new Date(2024, 3, 30, 8, 0).getTime()],
    ['2024-04-30 08:00:00', new Date(2024, 3, 30, 8, 0).getTime()],
    ['2024-04-30', new Date(2024, 3, 30).getTime()],
    ['1714500000000', 1_714_500_000_000],
    [' 1h ', NOW - 3_600_000],
  ])('%s', (value, expected) => {
    expect(parseTimeArg('--since', value, NOW)).toBe(expected);
  });

  it.each(['yesterday', '1', '10', '1y', '-1h', 'h', '2024-13-45', '30/04/2024', ''])('refuses %j naming the flag and the forms', (value) => {
    expect(() => parseTimeArg('--until', value, NOW)).toThrow(/^invalid --until .*: give a duration back from now/);
  });
});

describe('parseStatusFilter', () => {
  it('matches the documented statuses whatever the case', () => {
    expect(parseStatusFilter('running')).toBe('Running');
    expect(parseStatusFilter('FAILED')).toBe('Failed');
    expect(parseStatusFilter('Expired')).toBe('Expired');
  });
  it('lists them when the value is unknown', () => {
    expect(() => parseStatusFilter('Done')).toThrow(/expected one of Enqueued, Dequeued, Running, .*Invalid/);
  });
});

describe('planList', () => {
  it('builds the filter and the limit', () => {
    const plan = planList(chooseApi(['svc.prod', 'fn']), { status: 'failed', prefix: 'job-', since: '1h', until: '2024-05-01T11:30Z', sort: 'ASC', limit: '250', json: true }, new Date(NOW));
    expect(plan).toMatchObject({
      target: { service: 'svc', functionName: 'fn', qualifier: 'prod' },
      json: true,
      limit: 250,
      filter: {
        status: 'Failed',
        invocationIdPrefix: 'job-',
        startedTimeBegin: NOW - 3_600_000,
        startedTimeEnd: Date.parse('2024-05-01T11:30Z'),
        sortOrderByTime: 'asc',
      },
    });
  });

  it('leaves out what was not asked for', () => {
    const plan = planList(chooseApi(['svc', 'fn']), {}, new Date(NOW));
    expect(plan.limit).toBe(DEFAULT_LIST_LIMIT);
    expect(plan.filter).toEqual({ status: undefined, invocationIdPrefix: undefined, startedTimeBegin: undefined, startedTimeEnd: undefined, sortOrderByTime: undefined });
  });

  it.each([
    [{ sort: 'up' }, /invalid --sort "up": expected asc or desc/],
    [{ limit: '0' }, /invalid --limit "0"/],
    [{ limit: '2.5' }, /invalid --limit/],
    [{ prefix: 'a b' }, /invalid --prefix/],
    [{ since: '1h', until: '2h' }, /--since .* must be before --until/],
    [{ timeout: '-1' }, /invalid --timeout/],
    [{ qualifier: '1' }, /qualifier given twice/],
  ])('refuses %j', (options, message) => {
    expect(() => planList(chooseApi(['svc.prod', 'fn']), options, new Date(NOW))).toThrow(message);
  });
});

describe('planStatus and planStop', () => {
  it('validate the invocation ID and the target', () => {
    expect(planStatus(chooseApi(['svc', 'fn']), 'job_1', { wait: true, timeout: '30', quiet: true })).toMatchObject({
      invocationId: 'job_1',
      wait: true,
      timeout: 30,
      quiet: true,
      target: { service: 'svc', functionName: 'fn', qualifier: undefined },
    });
    expect(planStop(chooseApi(['svc', 'fn']), 'job_1', { qualifier: 'prod', region: 'cn-shanghai' })).toMatchObject({
      target: { qualifier: 'prod' },
      settingsFlags: { region: 'cn-shanghai' },
    });
    // The service generates UUIDs, often digit-first: status and stop take any ID that is safe in a path.
    expect(planStatus(chooseApi(['svc', 'fn']), '5a2df57f-bfd8-4b0e-9d1c-1c2f0a6b7e33', {}).invocationId).toBe('5a2df57f-bfd8-4b0e-9d1c-1c2f0a6b7e33');
    expect(planStop(chooseApi(['svc', 'fn']), '1job', {}).invocationId).toBe('1job');
    expect(planStatus(chooseApi(['svc', 'fn']), 'a'.repeat(256), {}).invocationId).toHaveLength(256);
    for (const unsafe of ['../admin', 'a/b', '..', '.', 'a b', 'a?b', 'a%2F', 'a#b', '', 'a'.repeat(257), 'x\u001b']) {
      expect(() => planStatus(chooseApi(['svc', 'fn']), unsafe, {}), unsafe).toThrow(/invalid invocation ID .*goes into the request path/);
      expect(() => planStop(chooseApi(['svc', 'fn']), unsafe, {}), unsafe).toThrow(/invalid invocation ID/);
    }
    expect(() => planStatus(chooseApi(['9svc', 'fn']), 'job', {})).toThrow(/invalid service name/);
  });
});

describe('run --wait', () => {
  it('goes with --async or --async-id only', () => {
    expect(planRun(chooseApi(['svc', 'fn']), { async: true, wait: true }).wait).toBe(true);
    expect(planRun(chooseApi(['svc', 'fn']), { asyncId: 'job', wait: true }).wait).toBe(true);
    expect(planRun(chooseApi(['svc', 'fn']), {}).wait).toBe(false);
    expect(() => planRun(chooseApi(['svc', 'fn']), { wait: true })).toThrow(/--wait goes with --async/);
  });
});
