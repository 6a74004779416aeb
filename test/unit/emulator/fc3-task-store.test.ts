import { describe, expect, it } from 'vitest';
import { selectPage } from '../../../src/emulator/async-tracking.js';
import { AsyncTaskStore, parseTaskListQuery, renderTask, type TaskListQuery } from '../../../src/emulator/fc3-task-store.js';

function storeAt(start: number): { store: AsyncTaskStore; tick: () => void } {
  let now = start;
  return { store: new AsyncTaskStore(() => new Date(now)), tick: () => (now += 1000) };
}

const fields = (taskId: string, functionName = 'f', qualifier = 'LATEST') => ({
  taskId,
  requestId: `req-${taskId}`,
  functionName,
  functionArn: `acs:fc:cn-hangzhou:1234567890:functions/${functionName}`,
  qualifier,
  taskPayload: `payload of ${taskId}`,
});

function query(text: string): TaskListQuery {
  const parsed = parseTaskListQuery(Object.fromEntries(new URLSearchParams(text)));
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('AsyncTaskStore', () => {
  it('moves a task Enqueued → Running → Succeeded with events, and no further', () => {
    const { store, tick } = storeAt(1_000_000);
    const task = store.add(fields('t'));
    expect(task.status).toBe('Enqueued');
    tick();
    store.record(task, 'Dequeued', '');
    store.transition(task, 'Running');
    tick();
    store.transition(task, 'Succeeded');
    store.transition(task, 'Stopped');
    expect(task).toMatchObject({ status: 'Succeeded', startedTime: 1_000_000, endTime: 1_002_000 });
    expect(task.events.map((e) => [e.eventId, e.status, e.timestamp])).toEqual([
      [1, 'Enqueued', 1_000_000],
      [2, 'Dequeued', 1_001_000],
      [3, 'Running', 1_001_000],
      [4, 'Succeeded', 1_002_000],
    ]);
  });

  it('renders the AsyncTask object: taskPayload only when asked for, no function name or controller', () => {
    const { store } = storeAt(5);
    const task = store.add(fields('t', 'demo$echo'));
    expect(renderTask(task)).toEqual({
      taskId: 't',
      requestId: 'req-t',
      functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/demo$echo',
      qualifier: 'LATEST',
      taskPayload: 'payload of t',
      status: 'Enqueued',
      startedTime: 5,
      events: [{ eventId: 1, status: 'Enqueued', timestamp: 5, eventDetail: '' }],
      alreadyRetriedTimes: 0,
      destinationStatus: '',
    });
    expect(renderTask(task, false)).not.toHaveProperty('taskPayload');
  });

  it('lists one function newest first in pages of `limit`, with the next page token until the last', () => {
    const { store, tick } = storeAt(0);
    for (const id of ['a1', 'a2', 'b1', 'a3', 'a4']) {
      store.add(fields(id));
      tick();
    }
    store.add(fields('other', 'g'));
    const first = store.list('f', query('limit=2'));
    expect(first.tasks.map((t) => t.taskId)).toEqual(['a4', 'a3']);
    expect(first.nextToken).toBe('2');
    const second = store.list('f', query(`limit=2&nextToken=${first.nextToken}`));
    expect(second.tasks.map((t) => t.taskId)).toEqual(['b1', 'a2']);
    const last = store.list('f', query(`limit=2&nextToken=${second.nextToken}`));
    expect(last.tasks.map((t) => t.taskId)).toEqual(['a1']);
    expect(last.nextToken).toBeUndefined();
    expect(store.list('f', query('limit=5')).nextToken).toBeUndefined();
  });

  it('filters by prefix, qualifier, status and start time, and sorts ascending on request', () => {
    const { store, tick } = storeAt(0);
    store.add(fields('job-1', 'f', 'prod'));
    tick();
    store.add(fields('job-2'));
    tick();
    store.add(fields('other-1', 'f', 'prod'));
    const ids = (text: string) => store.list('f', query(text)).tasks.map((t) => t.taskId);
    expect(ids('prefix=job-&sortOrderByTime=asc')).toEqual(['job-1', 'job-2']);
    expect(ids('qualifier=prod')).toEqual(['other-1', 'job-1']);
    expect(ids('qualifier=LATEST')).toEqual(['job-2']);
    expect(ids('status=Enqueued&startedTimeBegin=1000&startedTimeEnd=2000')).toEqual(['job-2']);
    expect(ids('status=Succeeded')).toEqual([]);
    expect(store.list('g', query('')).tasks).toEqual([]);
  });

  it('keeps the newest 1000 tasks once older ones have finished', () => {
    const { store } = storeAt(0);
    const first = store.add(fields('first'));
    store.transition(first, 'Succeeded');
    for (let i = 0; i < 1000; i++) store.add(fields(`t${i}`));
    expect(store.has('first')).toBe(false);
    expect(store.has('t0')).toBe(true);
  });
});

describe('parseTaskListQuery', () => {
  it('has FC 3.0 defaults: 20 a page, newest first, no payload', () => {
    expect(query('')).toEqual({
      limit: 20,
      nextToken: undefined,
      prefix: undefined,
      qualifier: undefined,
      status: undefined,
      startedTimeBegin: undefined,
      startedTimeEnd: undefined,
      sortOrderByTime: 'desc',
      includePayload: false,
    });
    expect(query('includePayload=true&limit=100&startedTimeEnd=1700000000000')).toMatchObject({
      includePayload: true,
      limit: 100,
      startedTimeEnd: 1_700_000_000_000,
    });
  });

  it.each([
    ['limit=0', 'limit must be between 1 and 100'],
    ['limit=101', 'limit must be between 1 and 100'],
    ['limit=ten', 'limit must be a non-negative integer'],
    ['startedTimeBegin=-1', 'startedTimeBegin must be a non-negative integer'],
    ['sortOrderByTime=up', "sortOrderByTime must be 'asc' or 'desc'"],
    ['includePayload=yes', "includePayload must be 'true' or 'false'"],
  ])('refuses %s', (text, message) => {
    expect(parseTaskListQuery(Object.fromEntries(new URLSearchParams(text)))).toBe(message);
  });
});

describe('selectPage', () => {
  it('puts runs of the same millisecond newest first in desc, oldest first in asc', () => {
    const runs = ['a', 'b', 'c'].map((id) => ({ id, startedTime: 7 }));
    expect(selectPage(runs, 'desc', undefined, 2)).toEqual({ page: [runs[2], runs[1]], nextToken: '2' });
    expect(selectPage(runs, 'desc', '2', 2)).toEqual({ page: [runs[0]] });
    expect(selectPage(runs, 'asc', undefined, 3)).toEqual({ page: runs });
    expect(selectPage(runs, 'asc', 'garbage', 1)).toEqual({ page: [runs[0]], nextToken: '1' });
  });
});
