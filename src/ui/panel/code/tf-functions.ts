import type { RuntimeClient } from '../../../store/runtime-client';

const cache = new WeakMap<RuntimeClient, Promise<readonly string[]>>();

/** tfjs's function names as the runtime reports them, asked for once per page (they never change). */
export function tfFunctionsOf(client: RuntimeClient): () => Promise<readonly string[]> {
  return () => {
    let names = cache.get(client);
    if (!names) {
      names = Promise.resolve().then(() => client.host.tfFunctions());
      cache.set(client, names);
      // A host that was not up yet is asked again next time.
      names.catch(() => cache.delete(client));
    }
    return names;
  };
}
