import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputWriteError, UsageError } from '../../../src/errors.js';
import { openFileSink, stdoutSink } from '../../../src/io/output-sink.js';
import { classifyOutputTarget } from '../../../src/io/output-target.js';
import { mountTinyTmpfs } from '../../helpers/full-disk.js';

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-sink-'));

/** A stream whose every write fails with `code`, as process.stdout does on /dev/full. */
function failingStream(code: string): Writable {
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`${code}: write failed`), { code }));
    },
  });
  stream.on('error', () => {});
  return stream;
}

function collectingStream(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) });
}

describe('stdoutSink', () => {
  it('writes buffers and streams byte-exact and remembers the last byte', async () => {
    const out = collectingStream();
    const sink = stdoutSink(out);
    await sink.write(Buffer.from('ab'));
    await sink.write(Readable.from([Buffer.from('c'), Buffer.from([0, 255])]));
    expect(out.bytes()).toEqual(Buffer.from([0x61, 0x62, 0x63, 0, 255]));
    expect(sink.lastByte()).toBe(255);
  });

  it.each([
    ['buffer', () => Buffer.from('result')],
    ['stream', () => Readable.from([Buffer.from('res'), Buffer.from('ult')])],
  ])('rejects a failed write (%s) with an OutputWriteError carrying the errno', async (_kind, body) => {
    const error = await stdoutSink(failingStream('ENOSPC')).write(body()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputWriteError);
    expect(error).toMatchObject({ errno: 'ENOSPC', path: null, exitCode: 6, message: 'cannot write to standard output: no space left on device (ENOSPC)' });
  });

  it('ends quietly when the reader went away (EPIPE)', async () => {
    await expect(stdoutSink(failingStream('EPIPE')).write(Readable.from([Buffer.from('x'), Buffer.from('y')]))).resolves.toBeUndefined();
  });

  it("passes the source's own failure through unchanged", async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' });
    const body = new Readable({
      read() {
        this.destroy(reset);
      },
    });
    await expect(stdoutSink(collectingStream()).write(body)).rejects.toBe(reset);
  });
});

describe('openFileSink: regular files, atomically', () => {
  it('renames the complete temp file into place and leaves nothing else', async () => {
    const target = join(dir, 'result.bin');
    writeFileSync(target, 'old');
    const sink = await openFileSink(target);
    await sink.write(Readable.from([Buffer.from('new '), Buffer.from('result')]));
    expect(readFileSync(target, 'utf8')).toBe('old');
    await sink.commit();
    await sink.abort();
    expect(readFileSync(target, 'utf8')).toBe('new result');
    expect(readdirSync(dir).filter((n) => n.includes('result.bin'))).toEqual(['result.bin']);
  });

  it('never renames a short temp file into place', async () => {
    const sub = mkdtempSync(join(dir, 'short-'));
    const target = join(sub, 'out.json');
    const sink = await openFileSink(target);
    await sink.write(Buffer.alloc(5000, 1));
    const [temp] = readdirSync(sub);
    truncateSync(join(sub, temp as string), 100);
    const error = await sink.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputWriteError);
    expect((error as Error).message).toMatch(/only 100 of 5000 bytes reached the file/);
    await sink.abort();
    expect(readdirSync(sub)).toEqual([]);
  });

  it("names the temp file after the caller's process ID, or a random tag without one", async () => {
    const sub = mkdtempSync(join(dir, 'owner-'));
    const named = await openFileSink(join(sub, 'a.bin'), { pid: 424242 });
    const anonymous = await openFileSink(join(sub, 'b.bin'));
    const temps = readdirSync(sub).sort();
    expect(temps).toHaveLength(2);
    expect(temps[0]).toMatch(/^\.a\.bin\.fcinvoke-424242-[0-9a-z]+\.tmp$/);
    expect(temps[1]).toMatch(/^\.b\.bin\.fcinvoke-[0-9a-f]{8}-[0-9a-z]+\.tmp$/);
    expect(temps[1]).not.toContain(`-${process.pid}-`);
    await named.abort();
    await anonymous.abort();
    expect(readdirSync(sub)).toEqual([]);
  });

  it('refuses a directory, a missing folder and a folder that takes no files, before anything is sent', async () => {
    await expect(openFileSink(dir)).rejects.toThrow(/output path is a directory/);
    await expect(openFileSink(join(dir, 'no', 'such', 'x'))).rejects.toThrow(/its folder does not exist/);
    if (existsSync('/proc/version')) await expect(openFileSink('/proc/version')).rejects.toThrow(/its folder takes no new files/);
    await expect(openFileSink(dir)).rejects.toBeInstanceOf(UsageError);
  });

  const disk = mountTinyTmpfs(256);
  afterAll(() => disk?.remove());
  it.runIf(disk !== null).each([
    ['buffer', () => Buffer.alloc(1024 * 1024, 1)],
    ['stream', () => Readable.from([Buffer.alloc(512 * 1024, 1), Buffer.alloc(512 * 1024, 2)])],
  ])('on a full disk (%s): the write rejects with ENOSPC, commit refuses, nothing is left', async (_kind, body) => {
    const target = join(disk?.dir ?? '', 'r.bin');
    const sink = await openFileSink(target);
    const error = await sink.write(body()).catch((e: unknown) => e);
    expect(error).toMatchObject({ errno: 'ENOSPC', path: target, exitCode: 6 });
    await expect(sink.commit()).rejects.toBe(error);
    await sink.abort();
    expect(readdirSync(disk?.dir ?? '')).toEqual([]);
  });
});

describe('openFileSink: anything else is written straight into', () => {
  it('/dev/null stays the device it was', async () => {
    const sink = await openFileSink('/dev/null');
    await sink.write(Buffer.from('discarded'));
    await sink.commit();
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('/dev/full fails with ENOSPC after the fact (exit 6), not at opening', async () => {
    const sink = await openFileSink('/dev/full');
    await expect(sink.write(Buffer.from('x'))).rejects.toMatchObject({ errno: 'ENOSPC', path: '/dev/full' });
    await sink.abort();
  });

  it('a FIFO is fed once its reader is there, and stays a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const sink = await openFileSink(fifo);
    const read = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on('data', (c) => chunks.push(c as Buffer))
        .on('end', () => resolve(Buffer.concat(chunks)))
        .on('error', reject);
    });
    const bytes = Buffer.from([0, 1, 2, 250, 10]);
    await sink.write(Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]));
    await sink.commit();
    expect(await read).toEqual(bytes);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('stops waiting for a FIFO reader when the signal is aborted', async () => {
    const fifo = join(dir, 'lonely-fifo');
    execFileSync('mkfifo', [fifo]);
    const controller = new AbortController();
    const sink = await openFileSink(fifo, { signal: controller.signal });
    const writing = sink.write(Buffer.from('x'));
    const reason = new Error('interrupted by SIGINT');
    setTimeout(() => controller.abort(reason), 120);
    await expect(writing).rejects.toBe(reason);
  });

  it.runIf(existsSync('/proc/self/fd'))('a regular file reached through an open descriptor is appended to, not replaced', async () => {
    const file = join(dir, 'through-fd.txt');
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, 'header\n');
      const before = statSync(file).ino;
      expect(await classifyOutputTarget(`/proc/self/fd/${fd}`)).toBe('descriptor');
      const sink = await openFileSink(`/proc/self/fd/${fd}`);
      await sink.write(Buffer.from('body\n'));
      await sink.commit();
      expect(readFileSync(file, 'utf8')).toBe('header\nbody\n');
      expect(statSync(file).ino).toBe(before);
    } finally {
      closeSync(fd);
    }
  });

  it('classifies targets', async () => {
    expect(await classifyOutputTarget(join(dir, 'missing'))).toBe('atomic');
    writeFileSync(join(dir, 'plain'), '');
    expect(await classifyOutputTarget(join(dir, 'plain'))).toBe('atomic');
    expect(await classifyOutputTarget('/dev/null')).toBe('device');
    if (existsSync('/dev/stdout')) expect(await classifyOutputTarget('/dev/stdout')).not.toBe('atomic');
  });
});
