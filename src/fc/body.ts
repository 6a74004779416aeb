// Reading a whole body (a result, an error answer, a repeated event) into one buffer.
import type { Readable } from 'node:stream';

/**
 * Reads a body, keeping at most `limit` bytes (the rest is drained); rejects with the
 * stream's error, or ERR_STREAM_PREMATURE_CLOSE when it closes before its end. Plain
 * listeners, not `for await` or stream.finished(): a batch reads thousands of bodies a
 * second, and either costs measurably more (finished() alone adds a dozen closures each).
 */
export function readBody(body: Readable, limit = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    };
    const settle = (error: Error | null): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onEnd = (): void => settle(null);
    const onError = (error: Error): void => settle(error);
    const onClose = (): void => settle(prematureClose());
    if (body.readableEnded) return settle(null);
    if (body.destroyed) return settle(body.errored ?? prematureClose());
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
  });
}

/** The error stream.finished() gives a stream that closed before its end. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}
