// Property-based checks of the pure parts most exposed to odd input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/fc/v2016/target.js';
import { decodeLogResult } from '../../../src/fc/response.js';
import { buildStringToSign, canonicalizeFcHeaders } from '../../../src/fc/v2016/sign.js';
import { escapeControl } from '../../../src/ui/text.js';

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const headerValue = fc.stringMatching(/^[ -~]{0,20}$/);

describe('signer canonicalisation', () => {
  it('does not depend on header order or name case', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(headerName, headerValue), { selector: ([n]) => n, maxLength: 8 }), fc.boolean(), (pairs, upper) => {
        const entries = pairs.map(([n, v]) => [`x-fc-${n}`, v] as const);
        const forward = Object.fromEntries(entries);
        const shuffled = Object.fromEntries(
          [...entries].reverse().map(([n, v]) => [upper ? n.toUpperCase() : n, v]),
        );
        expect(canonicalizeFcHeaders(shuffled)).toBe(canonicalizeFcHeaders(forward));
      }),
    );
  });

  it('equals the plain definition: lower-cased x-fc- names sorted stably, values verbatim', () => {
    const reference = (headers: Record<string, string>) =>
      Object.entries(headers)
        .map(([name, value]) => [name.trim().toLowerCase(), value] as const)
        .filter(([name]) => name.startsWith('x-fc-'))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, value]) => `${name}:${value}\n`)
        .join('');
    // Mixed case and surrounding blanks make names that collide once lower-cased.
    const name = fc.tuple(fc.constantFrom('x-fc-', 'X-Fc-', ' x-fc-', 'x-', 'content-'), fc.stringMatching(/^[a-cA-C]{0,2}$/)).map(([p, n]) => p + n);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, headerValue), { maxLength: 12 }), (pairs) => {
        const headers = Object.fromEntries(pairs);
        expect(canonicalizeFcHeaders(headers)).toBe(reference(headers));
      }),
    );
  });

  it('ignores headers outside x-fc-, except the four signed lines', () => {
    fc.assert(
      fc.property(headerName, headerValue, (name, value) => {
        fc.pre(!['date', 'content-md5', 'content-type'].includes(name) && !name.startsWith('x-fc-'));
        const base = { date: 'Mon, 15 Jan 2024 08:00:00 GMT', 'x-fc-a': '1' };
        const input = { method: 'POST', path: '/2016-08-15/services/s/functions/f/invocations' };
        expect(buildStringToSign({ ...input, headers: { ...base, [name]: value } })).toBe(buildStringToSign({ ...input, headers: base }));
      }),
    );
  });

  it('always has exactly one line per x-fc header and ends with the path', () => {
    fc.assert(
      fc.property(fc.uniqueArray(headerName, { maxLength: 6 }), (names) => {
        const headers = Object.fromEntries(names.map((n) => [`x-fc-${n}`, 'v']));
        const text = buildStringToSign({ method: 'get', path: '/p', headers });
        expect(text.startsWith('GET\n\n\n\n')).toBe(true);
        expect(text.split('\n')).toHaveLength(5 + names.length);
        expect(text.endsWith('/p')).toBe(true);
      }),
    );
  });
});

describe('log header decoding', () => {
  it('round-trips any UTF-8 text through base64 without a problem', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decodeLogResult(Buffer.from(text, 'utf8').toString('base64'))).toEqual({ text, problem: null });
      }),
    );
  });
  it('never throws on any header value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        const result = decodeLogResult(value);
        expect(typeof result.text).toBe('string');
      }),
    );
  });
});

describe('name validation', () => {
  const reference = (name: string, max: number) => name.length >= 1 && name.length <= max && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
  it('agrees with the service rules for services and functions', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), (name) => {
        fc.pre(!name.includes('.'));
        let serviceOk = true;
        try {
          resolveTarget(name, 'f');
        } catch {
          serviceOk = false;
        }
        let functionOk = true;
        try {
          resolveTarget('s', name);
        } catch {
          functionOk = false;
        }
        expect(serviceOk).toBe(reference(name, 128));
        expect(functionOk).toBe(reference(name, 64));
      }),
    );
  });
  it('accepts every name built from the allowed alphabet', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/), (name) => {
        expect(resolveTarget(name, name).functionName).toBe(name);
      }),
    );
  });
});

describe('escapeControl', () => {
  it('leaves no control character but tab and newline', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        // eslint-disable-next-line no-control-regex -- the property is about control characters
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(escapeControl(text))).toBe(false);
      }),
    );
  });
});
