import { describe, expect, it } from 'vitest';
import { AsyncInvocationStore, parseListQuery, renderInvocation } from '../../../src/emulator/async-store.js';

function storeAt(start: number): { store: AsyncInvocationStore; tick: () => void } {
  let now = start;
  return { store: new AsyncInvocationStore(() => new Date(now)), tick: () => (now += 1000) };
}

const fields = (id: string, fn = 'f') => ({
  invocationId: id,
  requestId: `req-${id}`,
  serviceName: 's',
  functionName: fn,
  qualifier: 'LATEST',
  invocationPayload: 'payload',
});

describe('AsyncInvocationStore', () => {
  it('records status changes as events and ends terminal states', () => {
    const { store, tick } = storeAt(1_000_000);
    const invocation = store.add(fields('a'));
    expect(invocation.status).toBe('Enqueued');
    tick();
    store.transition(invocation, 'Running');
    tick();
    store.transition(invocation, 'Succeeded');
    store.transition(invocation, 'Failed');
    expect(invocation.status).toBe('Succeeded');
    expect(invocation.endTime).toBe(1_002_000);
    expect(invocation.events.map((e) => [e.eventId, e.status])).toEqual([
      [1, 'Enqueued'],
      [2, 'Running'],
      [3, 'Succeeded'],
    ]);
  });

  it('renders the FC invocation object, payload on request', () => {
    const { store } = storeAt(0);
    const view = renderInvocation(store.add(fields('a')), false);
    expect(view).toMatchObject({ invocationId: 'a', status: 'Enqueued', serviceName: 's', functionName: 'f', alreadyRetriedTimes: 0 });
    expect(view).not.toHaveProperty('invocationPayload');
    expect(view).not.toHaveProperty('controller');
    expect(renderInvocation(store.get('a')!)).toHaveProperty('invocationPayload', 'payload');
  });

  it('lists one function, filtered, newest first, in pages', () => {
    const { store, tick } = storeAt(0);
    for (const id of ['a1', 'a2', 'b1', 'a3']) {
      store.add(fields(id));
      tick();
    }
    store.add(fields('other', 'g'));
    const query = parseListQuery(new URLSearchParams('limit=2'));
    if (typeof query === 'string') throw new Error(query);
    const first = store.list('s', 'f', query);
    expect(first.invocations.map((i) => i.invocationId)).toEqual(['a3', 'b1']);
    expect(first.nextToken).toBe('2');
    const second = store.list('s', 'f', { ...query, nextToken: first.nextToken });
    expect(second.invocations.map((i) => i.invocationId)).toEqual(['a2', 'a1']);
    expect(second.nextToken).toBeUndefined();
    const prefixed = store.list('s', 'f', { ...query, limit: 10, invocationIdPrefix: 'a', sortOrderByTime: 'asc' });
    expect(prefixed.invocations.map((i) => i.invocationId)).toEqual(['a1', 'a2', 'a3']);
    expect(store.list('s', 'f', { ...query, status: 'Succeeded' }).invocations).toEqual([]);
  });
});

describe('parseListQuery', () => {
  it('has defaults and validates', () => {
    expect(parseListQuery(new URLSearchParams(''))).toMatchObject({ limit: 50, sortOrderByTime: 'desc', includePayload: false });
    expect(parseListQuery(new URLSearchParams('limit=0'))).toMatch(/limit/);
    expect(parseListQuery(new URLSearchParams('limit=abc'))).toMatch(/limit/);
    expect(parseListQuery(new URLSearchParams('sortOrderByTime=up'))).toMatch(/sortOrderByTime/);
    expect(parseListQuery(new URLSearchParams('includePayload=true&startedTimeBegin=5'))).toMatchObject({
      includePayload: true,
      startedTimeBegin: 5,
    });
  });
});
