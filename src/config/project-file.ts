// The project config file: searched from the working directory upward, stopping at the
// repository root or the home directory, data formats only; validated, and refused when
// it holds credentials.
//
// Why not cosmiconfig's search: every `cosmiconfig()` call first looks for a "meta config"
// in process.cwd() with its default loaders, so a `.config/config.js` there is executed
// whatever searchPlaces and loaders we pass (cosmiconfig 9.0.2 dist/index.js
// getUserDefinedOptionsFromMetaConfig; cosmiconfig/cosmiconfig#288, #296). Its search also
// skips unreadable files silently (dist/Explorer.js: EACCES/EISDIR → continue) and reads
// past our injected file reader. The places and their order below are cosmiconfig's
// defaults restricted to data formats, and a search stops at the first file found.
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { displayPath, readConfigText } from './files.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import { SETTING_ROWS, type ProjectSettingName, type SettingValue } from './schema.js';
import type { ConfigFileSystem } from './settings.js';
import { quote } from './text.js';
import { isMapping, own } from './values.js';

/** Where a project config may be, in the order looked at within each directory. */
export const PROJECT_SEARCH_PLACES = [
  'package.json',
  '.fcinvokerc',
  '.fcinvokerc.json',
  '.fcinvokerc.yaml',
  '.fcinvokerc.yml',
  'fcinvoke.config.json',
] as const;

/** The `fcinvoke` key in package.json. */
export const PACKAGE_PROPERTY = 'fcinvoke';

/** The settings a project config held, checked, by setting name (config/schema.ts). */
export type ProjectConfig = { [K in ProjectSettingName]?: SettingValue<K> };

/** The table's rows that a project file may give, with their key there. */
const PROJECT_ROWS = SETTING_ROWS.flatMap(([name, row]) => (row.projectKey === undefined ? [] : [{ name, key: row.projectKey, row }]));
const KNOWN_KEYS = PROJECT_ROWS.map(({ key }) => key);

/** Key names (lower case, without `_`, `-`, `.`, spaces) that mean credentials, in any nesting. */
const CREDENTIAL_KEYS = new Set(['accesskeysecret', 'secretaccesskey', 'securitytoken', 'ststoken', 'accesskeyid']);

export interface ProjectSearch {
  /** Directories looked in, nearest first. */
  directories: string[];
  /** Why the search ended without a file: `repository root`, `home directory`, `filesystem root`. */
  stoppedAt?: string;
  /** The file found, `~`-abbreviated, with ` ("fcinvoke" key)` for package.json. */
  source?: string;
  config?: ProjectConfig;
  warnings: string[];
}

/** One line that says where the search went, for "looked in" messages. */
export function describeSearch(search: ProjectSearch, home: string): string {
  if (search.source) return search.source;
  const first = search.directories[0] ?? '';
  const last = search.directories[search.directories.length - 1] ?? first;
  const range = first === last ? displayPath(first, home) : `${displayPath(first, home)} up to ${displayPath(last, home)}`;
  return `project config (none in ${range}; stopped at the ${search.stoppedAt ?? 'top'})`;
}

/** Finds, parses and validates the project config. Throws ConfigError for unreadable, malformed or unsafe files. */
export async function findProjectConfig(files: ConfigFileSystem, cwd: string, home: string): Promise<ProjectSearch> {
  const directories: string[] = [];
  const homeDir = resolve(home);
  let dir = resolve(cwd);
  for (;;) {
    directories.push(dir);
    const found = await searchDirectory(files, dir, home);
    if (found) return { directories, ...found };
    let stoppedAt: string | undefined;
    if (dir === homeDir) stoppedAt = 'home directory';
    else if (await files.exists(join(dir, '.git'))) stoppedAt = 'repository root';
    else if (dirname(dir) === dir) stoppedAt = 'filesystem root';
    if (stoppedAt) return { directories, stoppedAt, warnings: [] };
    dir = dirname(dir);
  }
}

type Found = Required<Pick<ProjectSearch, 'source' | 'config' | 'warnings'>>;

async function searchDirectory(files: ConfigFileSystem, dir: string, home: string): Promise<Found | undefined> {
  const paths = PROJECT_SEARCH_PLACES.map((place) => join(dir, place));
  // Read every place: an unreadable one is reported even when another would have been used.
  const texts = await Promise.all(paths.map((path) => readConfigText(files, path, displayPath(path, home))));
  for (const [index, path] of paths.entries()) {
    const text = texts[index];
    if (text === undefined || text.trim() === '') continue;
    const display = displayPath(path, home);
    let data = await parseByName(text, display);
    let source = display;
    if (index === 0) {
      if (!isMapping(data) || !Object.hasOwn(data, PACKAGE_PROPERTY)) continue;
      data = data[PACKAGE_PROPERTY];
      source = `${display} ("${PACKAGE_PROPERTY}" key)`;
    }
    // An empty document (only comments) counts as no file, as in cosmiconfig.
    if (data === undefined || data === null) continue;
    const checked = validateProjectConfig(data, source);
    const others = paths
      .slice(index + 1)
      .filter((_, i) => (texts[index + 1 + i] ?? '').trim() !== '')
      .map((other) => displayPath(other, home));
    if (others.length > 0) checked.warnings.push(`${source} is used; also found and ignored: ${others.join(', ')}`);
    return { source, ...checked };
  }
  return undefined;
}

async function parseByName(text: string, display: string): Promise<unknown> {
  return display.endsWith('.json') ? parseJson(text, display) : await parseYaml(text, display);
}

/** Hosts an endpoint may name without a warning: the service's own, and this machine (the emulator). */
function isExpectedHost(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host.endsWith('.aliyuncs.com') || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** The path of the first credential key anywhere in the data (iterative: safe on hostile nesting and YAML aliases). */
export function findCredentialKey(data: unknown): string | undefined {
  const seen = new Set<object>();
  const stack: Array<[unknown, string]> = [[data, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (CREDENTIAL_KEYS.has(key.toLowerCase().replace(/[-_.\s]/g, ''))) return childPath;
      stack.push([child, childPath]);
    }
  }
  return undefined;
}

/** Checks a project config's data. Unknown keys are warnings; credentials and wrong types are ConfigErrors. */
export function validateProjectConfig(
  data: unknown,
  source: string,
): { config: ProjectConfig; warnings: string[] } {
  if (!isMapping(data)) {
    throw new ConfigError(`${source}: must be a mapping of settings (region, accountId, ...)`, { code: 'InvalidConfig' });
  }
  const credentialKey = findCredentialKey(data);
  if (credentialKey !== undefined) {
    throw new ConfigError(
      `${source} has ${quote(credentialKey)}: credentials do not belong in a project config, which is usually committed with the repository. ` +
        'Remove it (and rotate the key if it was ever committed), then keep the AccessKey pair in the environment ' +
        '(ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET) or in a credential store such as ~/.aliyun/config.json (`aliyun configure`)',
      { code: 'SecretInProjectConfig' },
    );
  }
  const warnings: string[] = [];
  const unknown = Object.keys(data).filter((key) => !KNOWN_KEYS.includes(key) && key !== '$schema');
  if (unknown.length > 0) {
    warnings.push(`${source}: ignored unknown ${unknown.map(quote).join(', ')} (known: ${KNOWN_KEYS.join(', ')})`);
  }
  const checked: Record<string, unknown> = {};
  for (const { name, key, row } of PROJECT_ROWS) {
    const value = own(data, key);
    if (value !== undefined) checked[name] = row.validate(value, source, key);
  }
  const config = checked as ProjectConfig;
  // A cloned repository must not quietly send signed requests (and STS tokens) elsewhere.
  if (config.endpoint !== undefined && !isExpectedHost(config.endpoint)) {
    warnings.push(`${source} sets the endpoint to ${quote(config.endpoint)}, outside aliyuncs.com: requests signed with your keys go there`);
  }
  return { config, warnings };
}
