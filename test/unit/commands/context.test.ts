import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeText } from '../../../src/commands/context.js';
import { OutputWriteError } from '../../../src/errors.js';

function stream(code: string | null, fd?: number): Writable {
  const s = new Writable({
    write(_chunk, _encoding, callback) {
      callback(code ? Object.assign(new Error(code), { code }) : null);
    },
  });
  s.on('error', () => {});
  return fd === undefined ? s : Object.assign(s, { fd });
}

describe('writeText', () => {
  it('resolves once the text was taken', async () => {
    await expect(writeText(stream(null), 'x')).resolves.toBeUndefined();
  });

  it.each(['ENOSPC', 'EIO'])('rejects with an OutputWriteError on %s', async (code) => {
    const error = await writeText(stream(code), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputWriteError);
    expect(error).toMatchObject({ errno: code, exitCode: 6 });
  });

  it('resolves when the reader went away, also on a stream that EPIPE already destroyed', async () => {
    await expect(writeText(stream('EPIPE'), 'x')).resolves.toBeUndefined();
    const s = stream('EPIPE');
    await writeText(s, 'first');
    await expect(writeText(s, 'second')).resolves.toBeUndefined();
  });

  it("ignores stderr's failures (fd 2): notes for people have nowhere else to go", async () => {
    await expect(writeText(stream('EIO', 2), 'note')).resolves.toBeUndefined();
  });
});
