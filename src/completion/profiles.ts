// Profile and alias names for `--profile <TAB>`: read from the credential stores the same
// way settings resolution finds them, but tolerantly, since a TAB must never print an error.
import { nodeFileSystem } from '../config/files.js';
import type { ConfigFileSystem } from '../config/settings.js';
import { loadStore, STORES, type StoreContext } from '../config/stores/index.js';

/**
 * Names from `~/.aliyun/config.json` profiles, `~/.alibabacloud/credentials` sections
 * (or ALIBABA_CLOUD_CREDENTIALS_FILE) and `~/.s/access.yaml` aliases, in store precedence
 * and file order, each once. A store that is missing or unreadable gives no names.
 */
export async function listProfileNames(ctx: StoreContext, files: ConfigFileSystem = nodeFileSystem): Promise<string[]> {
  const names = new Set<string>();
  for (const definition of STORES) {
    if (!definition.hasProfiles) continue;
    try {
      const { store } = await loadStore(definition, ctx, files);
      for (const name of store?.entries.keys() ?? []) if (name !== '') names.add(name);
    } catch {
      // A broken store is reported by `fcinvoke config`, not by a completion.
    }
  }
  return [...names];
}
