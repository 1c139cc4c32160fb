import type { RealmRepresentation } from '../../model/realm.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { GroupsRepository } from '../../store/groups.js';
import type { Store } from '../../store/store.js';
import { GroupTree } from '../groups/group-tree.js';

/** ComponentRepresentation.SECRET_VALUE: what Keycloak shows where a secret is. */
export const SECRET_MASK = '**********';

/**
 * Parts of a realm kept in the realm item as the realm's file gave them, which Keycloak returns only
 * in exports (ExportUtils), never from GET /admin/realms/{realm} (ModelToRepresentation with
 * export=false): flows, required actions, identity providers and the like.
 */
export const exportOnlyFields = [
  'authenticationFlows',
  'authenticatorConfig',
  'requiredActions',
  'identityProviders',
  'identityProviderMappers',
  'protocolMappers',
  'userFederationProviders',
  'userFederationMappers',
  'organizations',
  'localizationTexts',
] as const;

/**
 * ModelToRepresentation.toRepresentation(session, realm, internal=false): the realm's settings with
 * its id and name, its default groups by path, without the parts only exports carry, and with the SMTP
 * password masked (StripSecretsUtils).
 */
export async function realmRepresentation(store: Store, config: RealmConfig): Promise<RealmRepresentation> {
  const rep: Record<string, unknown> = { ...config.realm.rep, id: config.realm.id, realm: config.realm.name };
  for (const field of exportOnlyFields) delete rep[field];
  const defaultGroups = await defaultGroupPaths(store, config.realm.id);
  if (defaultGroups.length > 0) rep['defaultGroups'] = defaultGroups;
  return maskSmtpPassword(rep as RealmRepresentation);
}

/** The brief form GET /admin/realms?briefRepresentation=true lists (ModelToRepresentation.toBriefRepresentation). */
export function briefRealmRepresentation(config: RealmConfig): RealmRepresentation {
  const rep = config.realm.rep;
  return {
    id: config.realm.id,
    realm: config.realm.name,
    ...(rep.displayName !== undefined ? { displayName: rep.displayName } : {}),
    ...(rep.displayNameHtml !== undefined ? { displayNameHtml: rep.displayNameHtml } : {}),
    enabled: rep.enabled === true,
  };
}

/** The realm's default groups as paths ("/parent/child"), in path order. */
export async function defaultGroupPaths(store: Store, realmId: string): Promise<string[]> {
  const repository = new GroupsRepository(store);
  const ids = await repository.defaultGroupIds(realmId);
  if (ids.length === 0) return [];
  const tree = new GroupTree(await repository.index(realmId));
  return ids.map((id) => groupPath(tree, id)).filter((path): path is string => path !== undefined).sort();
}

export function groupPath(tree: GroupTree, groupId: string): string | undefined {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let at = tree.get(groupId); at; at = at.parentId ? tree.get(at.parentId) : undefined) {
    if (seen.has(at.groupId)) return undefined;
    seen.add(at.groupId);
    names.unshift(at.name);
  }
  return names.length > 0 ? `/${names.join('/')}` : undefined;
}

export function maskSmtpPassword<T extends RealmRepresentation>(rep: T): T {
  const smtp = rep['smtpServer'] as Record<string, string> | undefined;
  if (!smtp?.['password']) return rep;
  return { ...rep, smtpServer: { ...smtp, password: SECRET_MASK } };
}
