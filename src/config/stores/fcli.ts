// fcli's (and Funcraft's) ~/.fcli/config.yaml: one set of keys and an endpoint
// `https://{accountId}.{region}[-internal].fc.aliyuncs.com` that gives the account ID and
// region (fc2-protocol §9.5; alibaba-archive/fcli util/util.go, alibaba/funcraft src/lib/profile.js).
import { ConfigError } from '../../errors.js';
import { maskId, maskSecret } from '../../credentials.js';
import { parseYaml } from '../parse-yaml.js';
import { preview } from '../text.js';
import { fieldReader, pairFrom, requireMapping } from './fields.js';
import type { LoadedStore, StoreEntry } from './types.js';

const FC_HOST = /^([^.]+)\.([^.]+?)(-internal)?\.fc\.aliyuncs\.com$/;

function applyEndpoint(entry: StoreEntry, endpoint: string, source: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(`${source}: "endpoint" must be a URL such as https://1234567890123456.cn-hangzhou.fc.aliyuncs.com, not ${preview(endpoint)}`, {
      code: 'InvalidConfig',
    });
  }
  const match = FC_HOST.exec(url.hostname);
  if (match?.[1] && match[2]) {
    entry.accountId = match[1];
    entry.region = match[2];
    if (match[3]) entry.internal = true;
  } else {
    // Funcraft's enable_custom_endpoint: a host that is not the service's standard one.
    entry.endpoint = endpoint;
  }
}

/** Parses ~/.fcli/config.yaml into one entry (the store has no profiles). */
export async function parseFcliConfig(text: string, place: string): Promise<LoadedStore> {
  const data = await parseYaml(text, place);
  const entries = new Map<string, StoreEntry>();
  if (data === undefined || data === null) return { entries, defaultName: '' };
  const field = fieldReader(requireMapping(data, place, 'a mapping'), place);
  const entry: StoreEntry = { source: place, held: [] };
  const endpoint = field('endpoint');
  const id = field('access_key_id');
  const secret = field('access_key_secret');
  const token = field('security_token');
  if (endpoint) {
    entry.held.push({ name: 'endpoint', value: endpoint });
    applyEndpoint(entry, endpoint, place);
  }
  if (id) entry.held.push({ name: 'access_key_id', value: maskId(id) });
  if (secret) entry.held.push({ name: 'access_key_secret', value: maskSecret(secret) });
  if (token) entry.held.push({ name: 'security_token', value: maskSecret(token) });
  Object.assign(entry, pairFrom(place, id, secret, token, { id: 'access_key_id', secret: 'access_key_secret', token: 'security_token' }));
  entries.set('', entry);
  return { entries, defaultName: '' };
}
