import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildAuthorization,
  buildStringToSign,
  canonicalizeFcHeaders,
  canonicalizeResource,
  computeSignature,
} from '../../../src/fc/v2016/sign.js';

interface Vector {
  name: string;
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    queriesToSign: Record<string, string | string[]> | null;
  };
  stringToSign: string;
  authorization: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/fc2-signatures.json', import.meta.url), 'utf8'),
) as { fixedInputs: { accessKeyID: string; accessKeySecret: string }; vectors: Vector[] };
const { accessKeyID, accessKeySecret } = fixture.fixedInputs;

describe('signer against the official SDK vectors', () => {
  it('has all twelve vectors', () => {
    expect(fixture.vectors).toHaveLength(12);
  });

  it.each(fixture.vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const input = {
      method: vector.request.method,
      path: vector.request.path,
      headers: vector.request.headers,
      queries: vector.request.queriesToSign ?? undefined,
    };
    expect(buildStringToSign(input)).toBe(vector.stringToSign);
    expect(buildAuthorization(input, accessKeyID, accessKeySecret)).toBe(vector.authorization);
  });
});

describe('computeSignature', () => {
  it('gives every vector its own signature when the same inputs repeat, interleaved, with another secret', () => {
    const calls = fixture.vectors.flatMap((v) => [v, v]).concat(fixture.vectors);
    for (const vector of calls) {
      const [, signature] = vector.authorization.split(':');
      expect(computeSignature(vector.stringToSign, accessKeySecret)).toBe(signature);
      expect(computeSignature(vector.stringToSign, `${accessKeySecret}-other`)).not.toBe(signature);
    }
  });
});

describe('canonicalizeFcHeaders', () => {
  it('keeps x-fc- headers only, lower-cased, sorted, values verbatim', () => {
    expect(
      canonicalizeFcHeaders({ 'X-Fc-Foo': ' a ', 'x-fc-bar': 'b', 'x-fcdummy': 'no', date: 'd', 'x-fc-': '' }),
    ).toBe('x-fc-:\nx-fc-bar:b\nx-fc-foo: a \n');
  });
});

describe('canonicalizeResource', () => {
  it('ignores the query for API paths', () => {
    expect(canonicalizeResource('/2016-08-15/services/s/functions/f/invocations', { a: '1' })).toBe(
      '/2016-08-15/services/s/functions/f/invocations',
    );
  });
  it('signs sorted raw queries for proxy paths, with a trailing newline when there are none', () => {
    expect(canonicalizeResource('/2016-08-15/proxy/s/f/', { b: ['2', '1'], a: 'x y' })).toBe(
      '/2016-08-15/proxy/s/f/\na=x y\nb=1\nb=2',
    );
    expect(canonicalizeResource('/2016-08-15/proxy/s/f/')).toBe('/2016-08-15/proxy/s/f/\n');
  });
});
