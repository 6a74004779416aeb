import { describe, expect, it } from 'vitest';
import { renderReport, scrubReport } from '../../../src/ui/report-json.js';

const scrub = (text: string) => text.split('sig+/=').join('<redacted>');

describe('a JSON document is scrubbed whole', () => {
  it('every string, nested ones and keys too, the text body included', () => {
    const document = { ok: true, body: 'auth=FC id:sig+/=', logs: null, error: { code: 'X', message: 'sent sig+/=' }, list: ['sig+/='], 'sig+/=': 1, attempts: 2 };
    expect(scrubReport(document, scrub)).toEqual({
      ok: true,
      body: 'auth=FC id:<redacted>',
      logs: null,
      error: { code: 'X', message: 'sent <redacted>' },
      list: ['<redacted>'],
      '<redacted>': 1,
      attempts: 2,
    });
  });

  it('but bodyBase64, which stays exact and in its place', () => {
    const document = { body: null, bodyBase64: 'c2lnKy89sig+/=', error: null };
    const scrubbed = scrubReport(document, scrub);
    expect(scrubbed).toEqual(document);
    expect(Object.keys(scrubbed)).toEqual(['body', 'bodyBase64', 'error']);
  });

  it('is rendered with control characters escaped', () => {
    expect(renderReport({ body: 'sig+/=\u009b' }, scrub)).toBe('{"body":"<redacted>\\u009b"}');
  });
});
