// A JSON document (run --json, http --json, batch lines, --summary-json) is a report, not the
// result itself: every string in it is scrubbed of the run's secrets, the text `body`
// included, before it is serialised. Only `bodyBase64` stays exact: it is data in an
// encoding, never secret text in clear. Raw bytes on stdout or -o are left alone
// (docs/reliability.md, "Secrets and text from outside").
import { toJsonText } from '../escape.js';
import { scrubJson, type Scrub } from '../fc/answer-scrub.js';

/** `document` with every string scrubbed but its top-level `bodyBase64`. */
export function scrubReport<T extends object>(document: T, scrub: Scrub): T {
  const scrubbed = scrubJson(document, scrub) as T;
  return 'bodyBase64' in document ? { ...scrubbed, bodyBase64: (document as { bodyBase64: unknown }).bodyBase64 } : scrubbed;
}

/** The document as JSON text, scrubbed and with every control character escaped (toJsonText). */
export function renderReport(document: object, scrub: Scrub, indent?: number): string {
  return toJsonText(scrubReport(document, scrub), indent);
}
