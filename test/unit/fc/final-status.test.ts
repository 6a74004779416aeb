// Which statuses are Function Compute's answers, and the refusal for the rest.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { isServiceAnswer, unexpectedStatusError } from '../../../src/fc/final-status.js';

describe('isServiceAnswer', () => {
  it.each([
    [200, true],
    [202, true],
    [299, true],
    [400, true],
    [503, true],
    [100, false],
    [199, false],
    [301, false],
    [302, false],
    [304, false],
    [307, false],
    [399, false],
  ])('%i → %s', (status, answer) => {
    expect(isServiceAnswer(status)).toBe(answer);
  });
});

describe('unexpectedStatusError', () => {
  it('names the Location of a redirect and what to check; exit 4', () => {
    const error = unexpectedStatusError(302, { location: 'https://portal.example/login', 'x-fc-request-id': 'r-1' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ exitCode: 4, code: 'UnexpectedRedirect', status: 302, requestId: 'r-1' });
    expect(error.message).toBe(
      'UnexpectedRedirect (HTTP 302, request ID r-1): a redirect to https://portal.example/login, not followed: Function Compute never redirects, so a proxy, a captive portal or a wrong endpoint answered; check --endpoint (http:// where https:// is wanted?) and any proxy',
    );
  });

  it('says so when a redirect has no Location, and names a final 1xx', () => {
    expect(unexpectedStatusError(307, {}).message).toContain('a redirect without a Location, not followed');
    expect(unexpectedStatusError(101, {})).toMatchObject({ code: 'UnexpectedStatus', status: 101 });
  });
});
