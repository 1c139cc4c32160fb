import { realmConfigChanged } from '../../../realm/config-changes.js';
import { realmKey } from '../../../store/keys.js';
import type { TransactWrite } from '../../../store/store.js';
import type { AdminRequest } from '../../admin-request.js';

/**
 * The request for the removals a partial import's OVERWRITE does through the resources' own cascades:
 * their writes commit as usual, without the DELETE events those would record — Keycloak's partial
 * import reports an overwritten resource with one UPDATE event, fired when it is created again.
 */
export function withoutEvents(request: AdminRequest): AdminRequest {
  return {
    ...request,
    async commit(writes, _event, options = {}) {
      const target = options.realm ?? (await request.realm());
      const all: TransactWrite[] = [...writes];
      if (options.config) all.push({ kind: 'bumpConfigVersion', key: realmKey(target.realm.id) });
      await request.store.transact(all);
      if (options.config) realmConfigChanged(target.realm.id);
    },
  };
}
