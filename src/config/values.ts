// Checks shared by every source: the values that end up in a host name or a URL path
// must be safe there, and every complaint names the source and the key. The qualifier and
// endpoint rules are the client's own (fc/names.ts, fc/endpoint.ts), reported as settings.
import { ConfigError, UsageError } from '../errors.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import { validateQualifier } from '../fc/names.js';
import { preview } from './text.js';

/** Account IDs (UIDs) are digits; they become part of the endpoint's host name. */
const ACCOUNT_ID = /^[0-9]{1,32}$/;
/** Region IDs are lower-case words joined by dashes (`cn-hangzhou`, `ap-southeast-1`); they become part of the host name too. */
const REGION = /^[a-z]+(?:-[a-z0-9]+){1,4}$/;
/** `localhost:9000` parses as a URL with the scheme "localhost:", so a URL must spell out `scheme://`. */
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const FULL_URL = 'a full URL such as https://1234567890123456.cn-hangzhou.fc.aliyuncs.com';

/** The API versions fcinvoke speaks (cli-contract "Which API"). */
export const API_VERSIONS = ['2016-08-15', '2023-03-30'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

function invalid(where: string, key: string, what: string, value: unknown): ConfigError {
  return new ConfigError(`${where}: "${key}" must be ${what}, not ${preview(value)}`, { code: 'InvalidConfig' });
}

/** A non-empty string; a safe integer is accepted as its decimal text (YAML and JSON read `123` as a number). */
export function toText(value: unknown, where: string, key: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'number' && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    throw new ConfigError(`${where}: "${key}" must be a string; quote it, since a number this long loses digits`, {
      code: 'InvalidConfig',
    });
  }
  throw invalid(where, key, 'a non-empty string', value);
}

/** A region ID such as `cn-hangzhou`. */
export function checkRegion(value: string, where: string, key = 'region'): string {
  if (!REGION.test(value)) throw invalid(where, key, 'a region ID such as cn-hangzhou', value);
  return value;
}

/** An Alibaba Cloud account ID. */
export function checkAccountId(value: string, where: string, key = 'accountId'): string {
  if (!ACCOUNT_ID.test(value)) throw invalid(where, key, 'an account ID (digits) such as 1234567890123456', value);
  return value;
}

/** A store's region or account ID for `config --sources`: shown when valid, otherwise described without echoing it. */
export function showChecked(kind: 'region' | 'accountId', value: string): string {
  const valid = kind === 'region' ? REGION.test(value) : ACCOUNT_ID.test(value);
  return valid ? value : `(invalid: ${preview(value)})`;
}

/** An endpoint that fc/endpoint.ts buildBaseUrl accepts, spelled `scheme://...`. */
export function checkEndpoint(value: string, where: string, key = 'endpoint'): string {
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined || !URL.canParse(value)) throw invalid(where, key, FULL_URL, value);
  try {
    buildBaseUrl({ endpoint: value });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // What parses as a URL is refused by buildBaseUrl for its scheme alone.
    throw new ConfigError(`${where}: "${key}" is not usable: the scheme must be http or https, not ${preview(scheme.toLowerCase())}`, {
      code: 'InvalidConfig',
      cause: error,
    });
  }
  return value;
}

/**
 * A qualifier, by the rule the `-q` flag uses (fc/names.ts validateQualifier): its words,
 * with the value shown as `preview` shows it, after the source and the key.
 */
export function checkQualifier(value: string, where: string, key = 'qualifier'): string {
  try {
    validateQualifier(value);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const rule = error.message.replaceAll(JSON.stringify(value), preview(value));
    throw new ConfigError(`${where}: "${key}": ${rule}`, { code: 'InvalidConfig', cause: error });
  }
  return value;
}

/** `2016-08-15` or `2023-03-30`. YAML reads an unquoted date as a Date, which is taken as the day it names. */
export function toApiVersion(value: unknown, where: string, key = 'apiVersion'): ApiVersion {
  const isDay = value instanceof Date && value.getTime() % 86_400_000 === 0;
  const text = isDay ? value.toISOString().slice(0, 10) : value;
  const version = API_VERSIONS.find((known) => known === text);
  if (version === undefined) throw invalid(where, key, '2016-08-15 (FC 2.0) or 2023-03-30 (FC 3.0)', text);
  return version;
}

/** The longest `timeout` / `--timeout`: two days (timers in Node.js hold at most 24.8 days). */
export const MAX_TIMEOUT_SECONDS = 172_800;
/** The most `retries` / `--retries`. */
export const MAX_RETRIES = 20;

/** Seconds, a number greater than 0, at most two days. */
export function toTimeout(value: unknown, where: string, key = 'timeout'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_SECONDS) {
    throw invalid(where, key, `a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS} (two days)`, value);
  }
  return value;
}

/** A whole number from 0 to MAX_RETRIES. */
export function toRetries(value: unknown, where: string, key = 'retries'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_RETRIES) {
    throw invalid(where, key, `a whole number from 0 to ${MAX_RETRIES}`, value);
  }
  return value;
}

/** true or false. */
export function toBoolean(value: unknown, where: string, key: string): boolean {
  if (typeof value !== 'boolean') throw invalid(where, key, 'true or false', value);
  return value;
}

/** A plain mapping (not a list, not null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property, so that `__proto__` or `constructor` keys in a file mean nothing special. */
export function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
