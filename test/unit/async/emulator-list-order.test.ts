// The emulator's ListStatefulAsyncInvocations order when several invocations start in the
// same millisecond: desc is exactly the reverse of asc, so pages never disagree.
import { describe, expect, it } from 'vitest';
import { AsyncInvocationStore, parseListQuery, type ListQuery } from '../../../src/emulator/async-store.js';

describe('emulator list order', () => {
  it('puts invocations of the same millisecond newest first in desc, oldest first in asc', () => {
    const store = new AsyncInvocationStore(() => new Date(1_000_000));
    for (const id of ['a', 'b', 'c', 'd']) {
      store.add({ invocationId: id, requestId: id, serviceName: 's', functionName: 'f', qualifier: 'LATEST', invocationPayload: '' });
    }
    const query = parseListQuery(new URLSearchParams('limit=2')) as ListQuery;
    const ids = (q: ListQuery) => store.list('s', 'f', q).invocations.map((i) => i.invocationId);
    const firstDesc = store.list('s', 'f', query);
    expect(ids(query)).toEqual(['d', 'c']);
    expect(ids({ ...query, nextToken: firstDesc.nextToken })).toEqual(['b', 'a']);
    expect(ids({ ...query, sortOrderByTime: 'asc' })).toEqual(['a', 'b']);
  });
});
