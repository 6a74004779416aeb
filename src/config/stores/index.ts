// The credential stores in precedence order, where each lives, and loading one lazily:
// its parser (and js-yaml, node:crypto) is imported only when its file exists.
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';
import { displayPath, expandPath, readConfigText } from '../files.js';
import type { ConfigFileSystem } from '../settings.js';
import type { LoadedStore, StoreContext, StoreParser, StoreSetting } from './types.js';

export type { LoadedStore, StoreContext, StoreEntry, StoreSetting } from './types.js';

/** The variable that moves the credentials file (as in the official SDKs' default chain). */
export const CREDENTIALS_FILE_VARIABLE = 'ALIBABA_CLOUD_CREDENTIALS_FILE';

export interface StoreDefinition {
  id: 'aliyun-cli' | 'credentials-file' | 'serverless-devs' | 'fcli';
  /** Whether entries are named profiles or aliases that --profile selects. */
  hasProfiles: boolean;
  provides: readonly StoreSetting[];
  /** Paths to try, first existing wins; `movedBy` names the variable that chose the path (then it must exist). */
  locate(ctx: StoreContext): { paths: [string, ...string[]]; movedBy?: string };
  parser(): Promise<StoreParser>;
}

/** Highest precedence first: the order of the official SDK's default chain, then Serverless Devs, then fcli. */
export const STORES: readonly StoreDefinition[] = [
  {
    id: 'aliyun-cli',
    hasProfiles: true,
    provides: ['credentials', 'region'],
    locate: (ctx) => ({ paths: [join(ctx.home, '.aliyun', 'config.json')] }),
    parser: async () => (await import('./aliyun-cli.js')).parseAliyunCliConfig,
  },
  {
    id: 'credentials-file',
    hasProfiles: true,
    provides: ['credentials'],
    locate: (ctx) => {
      const moved = ctx.env[CREDENTIALS_FILE_VARIABLE];
      if (moved) return { paths: [expandPath(moved, ctx.home, ctx.cwd)], movedBy: CREDENTIALS_FILE_VARIABLE };
      return { paths: [join(ctx.home, '.alibabacloud', 'credentials')] };
    },
    parser: async () => (await import('./credentials-file.js')).parseCredentialsFile,
  },
  {
    id: 'serverless-devs',
    hasProfiles: true,
    provides: ['credentials', 'accountId'],
    // Serverless Devs falls back to access.yml (toolkit packages/credential/src/utils.ts getYamlPath).
    locate: (ctx) => ({ paths: [join(ctx.home, '.s', 'access.yaml'), join(ctx.home, '.s', 'access.yml')] }),
    parser: async () => (await import('./serverless-devs.js')).parseServerlessDevsAccess,
  },
  {
    id: 'fcli',
    hasProfiles: false,
    provides: ['credentials', 'region', 'accountId'],
    locate: (ctx) => ({ paths: [join(ctx.home, '.fcli', 'config.yaml')] }),
    parser: async () => (await import('./fcli.js')).parseFcliConfig,
  },
];

/** The store's display path (its first candidate), for messages about a store not read. */
export function storePlace(store: StoreDefinition, ctx: StoreContext): string {
  return displayPath(store.locate(ctx).paths[0], ctx.home);
}

/** Reads and parses a store; `store` is undefined when its file does not exist. */
export async function loadStore(
  definition: StoreDefinition,
  ctx: StoreContext,
  files: ConfigFileSystem,
): Promise<{ place: string; store?: LoadedStore }> {
  const { paths, movedBy } = definition.locate(ctx);
  for (const path of paths) {
    const place = displayPath(path, ctx.home);
    const text = await readConfigText(files, path, place);
    if (text === undefined) continue;
    if (text.trim() === '') return { place, store: { entries: new Map() } };
    const parse = await definition.parser();
    return { place, store: await parse(text, place) };
  }
  const place = displayPath(paths[0], ctx.home);
  if (movedBy) {
    throw new ConfigError(`${movedBy} names ${place}, which does not exist; fix or unset it`, { code: 'MissingConfigFile' });
  }
  return { place };
}
