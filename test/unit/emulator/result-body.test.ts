import { describe, expect, it } from 'vitest';
import { bufferBody, ChunkedBody } from '../../../src/emulator/result-body.js';

async function collect(iterable: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of iterable) parts.push(part);
  return Buffer.concat(parts);
}

describe('result bodies', () => {
  it('bufferBody yields its bytes once', async () => {
    expect((await collect(bufferBody(Buffer.from('abc')).chunks())).toString()).toBe('abc');
    expect((await collect(bufferBody(Buffer.alloc(0)).chunks())).length).toBe(0);
  });

  it('ChunkedBody acknowledges each chunk as the consumer takes the next', async () => {
    let acks = 0;
    const body = new ChunkedBody(6, () => acks++);
    const reading = collect(body.chunks());
    body.push(Buffer.from('ab'));
    body.push(Buffer.from('cd'));
    await new Promise((r) => setTimeout(r, 0));
    body.push(Buffer.from('ef'));
    expect((await reading).toString()).toBe('abcdef');
    expect(acks).toBe(3);
    await body.done;
  });

  it('ChunkedBody fails the reader when the runner dies mid-body', async () => {
    const body = new ChunkedBody(10, () => {});
    const reading = collect(body.chunks());
    body.push(Buffer.from('abc'));
    body.fail(new Error('gone'));
    await expect(reading).rejects.toThrow('gone');
  });

  it('ChunkedBody acknowledges and drops everything after discard', async () => {
    let acks = 0;
    const body = new ChunkedBody(4, () => acks++);
    body.push(Buffer.from('ab'));
    body.discard();
    body.push(Buffer.from('cd'));
    expect(acks).toBe(2);
    await body.done;
  });
});
