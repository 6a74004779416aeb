// A result is read whole only when it must be (--json, a function error) or when it says it is small.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { READ_WHOLE_BELOW, takeBody } from '../../../src/commands/result-body.js';

const bodyOf = (text: string) => Readable.from([Buffer.from(text)]);

async function streamedText(taken: Promise<Buffer> | Readable): Promise<string> {
  expect(taken).toBeInstanceOf(Readable);
  let text = '';
  for await (const chunk of taken as Readable) text += String(chunk);
  return text;
}

describe('takeBody', () => {
  it('reads a small result whole, by its Content-Length', async () => {
    const taken = takeBody(bodyOf('hello'), { 'content-length': '5' }, false);
    expect(taken).toBeInstanceOf(Promise);
    expect(String(await taken)).toBe('hello');
  });

  it('streams a result of READ_WHOLE_BELOW bytes or more, or of no declared length', async () => {
    expect(await streamedText(takeBody(bodyOf('big'), { 'content-length': String(READ_WHOLE_BELOW) }, false))).toBe('big');
    expect(await streamedText(takeBody(bodyOf('chunked'), { 'transfer-encoding': 'chunked' }, false))).toBe('chunked');
    expect(await streamedText(takeBody(bodyOf('odd'), { 'content-length': '1e3' }, false))).toBe('odd');
  });

  it('reads whole whatever the length when the caller must have it all', async () => {
    expect(String(await takeBody(bodyOf('{"a":1}'), {}, true))).toBe('{"a":1}');
  });
});
