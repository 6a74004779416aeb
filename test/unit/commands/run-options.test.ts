import { describe, expect, it } from 'vitest';
import { chooseApi } from '../../../src/fc/api-choice.js';
import { planRun } from '../../../src/commands/run-options.js';
import { v2016 } from '../../../src/fc/v2016/index.js';

const { sync: SYNC_EVENT_LIMIT, async: ASYNC_EVENT_LIMIT } = v2016.limits;

describe('planRun', () => {
  it('normalises a plain run', () => {
    const plan = planRun(chooseApi(['svc.prod', 'fn']), { header: ['X-Fc-Trace-Id: t'], logs: true });
    expect(plan).toMatchObject({
      target: { service: 'svc', functionName: 'fn', qualifier: 'prod' },
      async: false,
      logs: undefined,
      extraHeaders: { 'x-fc-trace-id': 't' },
      eventLimit: SYNC_EVENT_LIMIT,
      timeout: undefined,
      retries: undefined,
    });
  });

  it.each([
    [{ async: true }, { async: true, eventLimit: ASYNC_EVENT_LIMIT }],
    [{ asyncId: 'job-1' }, { async: true, asyncId: 'job-1', eventLimit: ASYNC_EVENT_LIMIT }],
    [{ logs: false }, { logs: false }],
    [{ timeout: '2.5', retries: '0' }, { timeout: 2.5, retries: 0 }],
    [{ maxEventSize: '1000', async: true }, { eventLimit: 1000 }],
    [{ region: 'cn-shanghai', internal: true }, { settingsFlags: expect.objectContaining({ region: 'cn-shanghai', internal: true }) }],
  ])('%j', (options, expected) => {
    expect(planRun(chooseApi(['svc', 'fn']), options)).toMatchObject(expected);
  });

  it.each([
    [{ quiet: true, verbose: true }, /--quiet and --verbose/],
    [{ timeout: '0' }, /invalid --timeout "0"/],
    [{ timeout: 'soon' }, /invalid --timeout/],
    [{ retries: '-1' }, /invalid --retries "-1": expected a whole number from 0 to 20/],
    [{ retries: '1.5' }, /invalid --retries/],
    [{ maxEventSize: '0' }, /invalid --max-event-size/],
    [{ maxEventSize: '12kb' }, /invalid --max-event-size/],
    [{ asyncId: '9lives' }, /invalid async invocation ID/],
    [{ output: ' ' }, /-o\/--output needs a file path/],
    [{ header: ['Content-Type: x'] }, /only x-fc-\*/],
    [{ event: ['first', 'second'] }, /^give the event once: -e\/--event was given 2 times$/],
    [{ data: ['a', 'b', 'c'] }, /^give the event once: -d\/--data was given 3 times$/],
    [{ timeout: '172801' }, /at most 172800 \(two days\)/],
  ])('rejects %j', (options, message) => {
    expect(() => planRun(chooseApi(['svc', 'fn']), options)).toThrow(message);
  });
});

describe('planRun for FC 3.0: the target, limits and -H rules are the chosen API\'s', () => {
  const fc3 = chooseApi(['fn:prod']);
  it('plans a lone function with its qualifier, and the API in the plan', () => {
    const plan = planRun(fc3, { header: ['X-Fc-Trace-Id: t'] });
    expect(plan.api.version).toBe('2023-03-30');
    expect(plan).toMatchObject({ target: { service: undefined, functionName: 'fn', qualifier: 'prod' }, extraHeaders: { 'x-fc-trace-id': 't' } });
    expect(planRun(chooseApi(['fn']), { async: true }).eventLimit).toBe(128 * 1024);
  });
  it.each([
    [['fn'], { asyncId: '1abc' }, /^invalid async task ID "1abc"/],
    [['fn'], { header: ['x-fc-async-task-id: x'] }, /use --async-id/],
    [['fn'], { header: ['x-fc-stateful-async-invocation-id: x'] }, /use --async-id/],
    [['9fn'], {}, /invalid function name "9fn"/],
    [['fn:a'], { qualifier: 'b' }, /disagree/],
  ])('%j %j is refused', (names, options, message) => {
    expect(() => planRun(chooseApi(names), options)).toThrow(message);
  });
  it('FC 2.0 keeps its words', () => {
    expect(() => planRun(chooseApi(['svc', 'fn']), { asyncId: '1abc' })).toThrow(/^invalid async invocation ID "1abc"/);
  });
});
