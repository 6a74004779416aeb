// Which HTTP statuses are answers of Function Compute. FC (2.0 and 3.0) answers a call
// with 2xx or an error of 400 and above, and never redirects: a final 1xx or 3xx came from
// something in between (a proxy, a captive portal, an http:// endpoint that wants https://).
import { ApiError } from '../errors.js';
import { firstHeader, type ResponseHeaders } from './response.js';

/** True for a status that FC itself may have given: 2xx, or 400 and above. */
export function isServiceAnswer(status: number): boolean {
  return (status >= 200 && status < 300) || status >= 400;
}

/**
 * The API error (exit 4) for a final 1xx or 3xx: it names the `Location` and says where to
 * look; the redirect is not followed, so nothing is sent anywhere else.
 */
export function unexpectedStatusError(status: number, headers: ResponseHeaders): ApiError {
  const requestId = firstHeader(headers, 'x-fc-request-id');
  const fix = 'check --endpoint (http:// where https:// is wanted?) and any proxy';
  if (status >= 300 && status < 400) {
    const location = firstHeader(headers, 'location');
    const where = location ? `a redirect to ${location}` : 'a redirect without a Location';
    return new ApiError(
      'UnexpectedRedirect',
      `${where}, not followed: Function Compute never redirects, so a proxy, a captive portal or a wrong endpoint answered; ${fix}`,
      status,
      requestId,
    );
  }
  return new ApiError('UnexpectedStatus', `HTTP ${status} is not a final answer Function Compute gives; ${fix}`, status, requestId);
}
