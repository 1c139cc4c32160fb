import { ACCOUNT_CLIENT_ID, ACCOUNT_CONSOLE_CLIENT_ID, ADMIN_CONSOLE_CLIENT_ID, encodePathAsIs, masterAdminClientId } from '../../model/builtin/index.js';
import { masterRealmId } from '../../realm/master.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { ClientsRepository, clientUpdateWrites } from '../../store/clients.js';
import { ConflictError } from '../../store/errors.js';
import { realmKey } from '../../store/keys.js';
import { renameConflictMessage } from '../../store/realms.js';
import type { Store, TransactWrite } from '../../store/store.js';

/** The clients whose URLs carry the realm name (RealmManager's account and admin console setup). */
const URL_CLIENTS: readonly { clientId: string; segment: (name: string) => string }[] = [
  { clientId: ACCOUNT_CLIENT_ID, segment: (name) => `/realms/${encodePathAsIs(name)}/` },
  { clientId: ACCOUNT_CONSOLE_CLIENT_ID, segment: (name) => `/realms/${encodePathAsIs(name)}/` },
  { clientId: ADMIN_CONSOLE_CLIENT_ID, segment: (name) => `/admin/${encodePathAsIs(name)}/` },
];

export interface RenameWrites {
  readonly writes: TransactWrite[];
  /** Master's configuration changed too (its `{realm}-realm` client was renamed). */
  readonly masterChanged: boolean;
}

/**
 * DefaultExportImportManager.renameRealm's side effects, for the rename's transaction: master's
 * `{old}-realm` client becomes `{new}-realm` (its clientId sentinel moves, master's configVersion is
 * bumped), and the account, account console and admin console clients' base and redirect URLs follow
 * the new name. Each client update is version-checked.
 */
export async function renameWrites(store: Store, config: RealmConfig, newName: string): Promise<RenameWrites> {
  const oldName = config.realm.name;
  const clients = new ClientsRepository(store);
  const conflict = () => new ConflictError(renameConflictMessage);
  const writes: TransactWrite[] = [];
  for (const { clientId, segment } of URL_CLIENTS) {
    const found = await clients.loadByClientId(config.realm.id, clientId);
    if (!found) continue;
    const replace = (url: string | undefined) => url?.replace(segment(oldName), segment(newName));
    const rep = found.client.rep;
    const next = { ...rep, ...(rep.baseUrl ? { baseUrl: replace(rep.baseUrl) } : {}), redirectUris: (rep.redirectUris ?? []).map((uri) => replace(uri)!) };
    writes.push(...clientUpdateWrites(found.client, next, { onConflict: conflict }));
  }
  const masterClient = config.realm.id === masterRealmId ? undefined : await clients.loadByClientId(masterRealmId, masterAdminClientId(oldName));
  if (masterClient) {
    // Keycloak renames the client only (MasterAdminClient keeps its "{old} Realm" display name too).
    const rep = { ...masterClient.client.rep, clientId: masterAdminClientId(newName) };
    writes.push(...clientUpdateWrites(masterClient.client, rep, { onConflict: conflict }), { kind: 'bumpConfigVersion', key: realmKey(masterRealmId) });
  }
  return { writes, masterChanged: masterClient !== undefined };
}
