// Reading a whole body: every byte, the limit, the stream's own error, and a stream that
// closes before its end, with no listener left behind.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/fc/body.js';

function listeners(stream: Readable): number {
  return ['data', 'end', 'error', 'close'].reduce((n, name) => n + stream.listenerCount(name), 0);
}

describe('readBody', () => {
  it('reads every chunk into one buffer and leaves no listener behind', async () => {
    const stream = Readable.from([Buffer.from('hello '), Buffer.from('world')], { objectMode: false });
    const before = listeners(stream);
    expect((await readBody(stream)).toString()).toBe('hello world');
    expect(listeners(stream)).toBe(before);
  });

  it('keeps at most the limit and drains the rest', async () => {
    const stream = Readable.from([Buffer.from('abc'), Buffer.from('def'), Buffer.from('ghi')], { objectMode: false });
    expect((await readBody(stream, 6)).toString()).toBe('abcdef');
    expect(stream.readableEnded).toBe(true);
  });

  it('rejects with the stream’s own error', async () => {
    const stream = new PassThrough();
    const read = readBody(stream);
    stream.write('part');
    stream.destroy(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' }));
    await expect(read).rejects.toMatchObject({ message: 'socket hang up', code: 'UND_ERR_SOCKET' });
  });

  it('rejects a stream that closes before its end as stream.finished() does', async () => {
    const stream = new PassThrough();
    const read = readBody(stream);
    stream.write('part');
    stream.destroy();
    await expect(read).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    await expect(readBody(stream)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('reads an empty body as an empty buffer', async () => {
    const stream = new PassThrough();
    stream.end();
    expect((await readBody(stream)).length).toBe(0);
  });
});
