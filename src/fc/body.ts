// Reading a whole body (a result, an error answer, a repeated event) into one buffer.
import { finished, type Readable } from 'node:stream';

/**
 * Reads a body, keeping at most `limit` bytes (the rest is drained); rejects with the
 * stream's error, or ERR_STREAM_PREMATURE_CLOSE. Events, not `for await`: a batch reads
 * thousands of bodies, and an async iterator per body costs measurably more.
 */
export function readBody(body: Readable, limit = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    finished(body, { writable: false }, (error) => (error ? reject(error) : resolve(Buffer.concat(chunks))));
  });
}
