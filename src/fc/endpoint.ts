// The base URL of the data-plane endpoint: the same host for FC 2.0 and FC 3.0
// (fc2-protocol §1, fc3-protocol §1).
import { ConfigError } from '../errors.js';

export interface EndpointInput {
  endpoint?: string | undefined;
  accountId?: string | undefined;
  region?: string | undefined;
  internal?: boolean | undefined;
}

/**
 * The base URL without a trailing slash: the explicit endpoint when given, otherwise
 * `https://{accountId}.{region}[-internal].fc.aliyuncs.com`.
 */
export function buildBaseUrl(input: EndpointInput): string {
  if (input.endpoint) {
    let url: URL;
    try {
      url = new URL(input.endpoint);
    } catch {
      throw new ConfigError(
        `invalid endpoint ${JSON.stringify(input.endpoint)}: give a full URL such as https://123456.cn-hangzhou.fc.aliyuncs.com`,
        { code: 'InvalidEndpoint' },
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(`invalid endpoint ${JSON.stringify(input.endpoint)}: the scheme must be http or https`, {
        code: 'InvalidEndpoint',
      });
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  const missing = [!input.accountId && 'account ID', !input.region && 'region'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `no ${missing.join(' and no ')} to build the endpoint: set --account-id/ALIBABA_CLOUD_ACCOUNT_ID and --region/ALIBABA_CLOUD_REGION_ID, or give --endpoint`,
      { code: 'MissingEndpoint' },
    );
  }
  const suffix = input.internal ? '-internal' : '';
  return `https://${input.accountId}.${input.region}${suffix}.fc.aliyuncs.com`;
}
