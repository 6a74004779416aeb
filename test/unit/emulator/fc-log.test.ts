import { describe, expect, it } from 'vitest';
import {
  encodeLogTail,
  formatLogRecord,
  invokeEndLine,
  invokeStartLine,
  LogLineSplitter,
  LOG_TAIL_BYTES,
  LogTail,
} from '../../../src/emulator/fc-log.js';

const ID = '55ff7ca1-0869-40a1-b0ec-298981bde5bf';
const TIME = new Date('2024-01-15T08:00:00.123Z');

describe('FC log lines', () => {
  it('frames an invocation like FC', () => {
    expect(invokeStartLine(ID)).toBe(`FC Invoke Start RequestId: ${ID}\n`);
    expect(invokeEndLine(ID)).toBe(`FC Invoke End RequestId: ${ID}\n`);
  });

  it('prefixes a record with ISO time, request ID and level', () => {
    expect(formatLogRecord(TIME, ID, 'INFO', 'hello')).toBe(`2024-01-15T08:00:00.123Z ${ID} [INFO] hello\n`);
    expect(formatLogRecord(TIME, ID, 'ERROR', 'boom\n')).toBe(`2024-01-15T08:00:00.123Z ${ID} [ERROR] boom\n`);
  });

  it('keeps a multi-line message as one record', () => {
    expect(formatLogRecord(TIME, ID, 'WARN', 'a\nb')).toBe(`2024-01-15T08:00:00.123Z ${ID} [WARN] a\nb\n`);
  });
});

describe('log tail', () => {
  it('is the base64 of the whole log when short', () => {
    const log = Buffer.from('FC Invoke Start RequestId: x\nFC Invoke End RequestId: x\n');
    expect(Buffer.from(encodeLogTail(log), 'base64')).toEqual(log);
  });

  it('is the base64 of the last 4096 bytes when long', () => {
    const log = Buffer.alloc(10_000);
    for (let i = 0; i < log.length; i++) log[i] = i % 251;
    const decoded = Buffer.from(encodeLogTail(log), 'base64');
    expect(decoded.length).toBe(LOG_TAIL_BYTES);
    expect(decoded).toEqual(log.subarray(10_000 - 4096));
  });

  it('honours a view into a larger buffer', () => {
    const backing = Buffer.from('xxxxHELLOyyyy');
    expect(Buffer.from(encodeLogTail(backing.subarray(4, 9), 3), 'base64').toString()).toBe('LLO');
  });

  it('LogTail keeps at least the last capacity bytes and stays bounded', () => {
    const tail = new LogTail(100);
    let all = '';
    for (let i = 0; i < 1000; i++) {
      const line = `line ${i}\n`;
      all += line;
      tail.append(line);
    }
    const kept = tail.bytes().toString();
    expect(kept.length).toBe(100);
    expect(all.endsWith(kept)).toBe(true);
    tail.append(Buffer.from('bytes too\n'));
    expect(tail.bytes().toString().endsWith('bytes too\n')).toBe(true);
  });

  it('LogTail returns everything when under capacity', () => {
    const tail = new LogTail();
    expect(tail.bytes().length).toBe(0);
    tail.append('a');
    tail.append('');
    tail.append('b');
    expect(tail.bytes().toString()).toBe('ab');
  });
});

describe('LogLineSplitter', () => {
  it('returns complete lines and keeps the rest', () => {
    const splitter = new LogLineSplitter();
    expect(splitter.push('a\nb')).toEqual(['a']);
    expect(splitter.push('c\n\nd')).toEqual(['bc', '']);
    expect(splitter.flush()).toEqual(['d']);
    expect(splitter.flush()).toEqual([]);
  });
});
