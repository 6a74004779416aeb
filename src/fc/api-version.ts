// The API versions fcinvoke speaks, by version string; the connection picks one.
import { UsageError } from '../errors.js';
import type { FcApi } from './fc-api.js';
import { v2016 } from './v2016/index.js';
import { v2023 } from './v2023/index.js';

/** Every supported version. */
export const API_VERSIONS: Readonly<Record<string, FcApi>> = { [v2016.version]: v2016, [v2023.version]: v2023 };

/** The version used when nothing says otherwise: FC 2.0. */
export const DEFAULT_API_VERSION = v2016.version;

/** The FcApi of a version; a UsageError naming the supported ones for anything else. */
export function findApi(version: string = DEFAULT_API_VERSION): FcApi {
  const api = API_VERSIONS[version];
  if (!api) {
    throw new UsageError(`unknown API version ${JSON.stringify(version)}: use one of ${Object.keys(API_VERSIONS).join(', ')}`, { code: 'UnknownApiVersion' });
  }
  return api;
}
