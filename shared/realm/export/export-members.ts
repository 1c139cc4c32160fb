import { GroupTree } from '../../admin/groups/group-tree.js';
import type { GroupRepresentation } from '../../model/group.js';
import { GroupsRepository, type GroupRecord } from '../../store/groups.js';
import { userListing } from '../../store/keys.js';
import type { Store } from '../../store/store.js';
import { UsersRepository, type UserPartition, type UserRecord } from '../../store/users.js';
import type { RealmNames } from './realm-names.js';

/** The realm's groups, read once: the tree from the group index, each group with its role mappings. */
export interface GroupSnapshot {
  readonly tree: GroupTree;
  readonly groups: ReadonlyMap<string, GroupRecord>;
  readonly defaultGroupIds: readonly string[];
}

export async function readGroups(store: Store, realmId: string): Promise<GroupSnapshot> {
  const repository = new GroupsRepository(store);
  const tree = new GroupTree(await repository.index(realmId));
  const groups = new Map<string, GroupRecord>();
  for (const entry of [...tree.childrenOf(undefined).flatMap((top) => [top, ...tree.descendants(top.groupId)])]) {
    const group = await repository.get(realmId, entry.groupId);
    if (group) groups.set(group.rep.id, group);
  }
  return { tree, groups, defaultGroupIds: await repository.defaultGroupIds(realmId) };
}

/** ModelToRepresentation.toGroupHierarchy(full): each group with its path, attributes, role mappings and subgroups, by name. */
export function exportedGroups(names: RealmNames, snapshot: GroupSnapshot, parentId?: string): GroupRepresentation[] {
  return snapshot.tree.childrenOf(parentId).flatMap((entry) => {
    const group = snapshot.groups.get(entry.groupId);
    if (!group) return [];
    const roles = names.namesOf(group.roleMappings);
    return [
      {
        id: group.rep.id,
        name: group.rep.name,
        ...(group.rep.description !== undefined ? { description: group.rep.description } : {}),
        path: group.rep.path,
        subGroups: exportedGroups(names, snapshot, group.rep.id),
        attributes: group.rep.attributes ?? {},
        realmRoles: roles.realm,
        clientRoles: roles.client,
      },
    ];
  });
}

/** The realm's users, by username (gsi1 listing), each loaded with its credentials and mappings. */
export async function readUsers(store: Store, realmId: string, wanted: (user: UserRecord) => boolean = () => true): Promise<UserPartition[]> {
  const repository = new UsersRepository(store);
  const users: UserPartition[] = [];
  for await (const item of store.queryAll<UserRecord>({ partition: userListing(realmId, '').gsi1pk, index: 'gsi1' })) {
    if (!wanted(item)) continue;
    const user = await repository.loadPartition(realmId, item.rep.id);
    if (user) users.push(user);
  }
  return users;
}

/** The users with these ids (missing ones skipped), in the order given. */
export async function readUsersById(store: Store, realmId: string, userIds: readonly string[]): Promise<UserPartition[]> {
  const repository = new UsersRepository(store);
  const users = await Promise.all(userIds.map((userId) => repository.loadPartition(realmId, userId)));
  return users.filter((user): user is UserPartition => user !== undefined);
}

/**
 * ExportUtils.exportUser: the user's representation (its service-account link by clientId), its
 * credentials with Keycloak's secretData / credentialData strings (so its password moves with it),
 * identity provider links, realm and client role mappings by name, group paths. `withRoles` false leaves mappings and groups
 * out (partial exports without groups and roles).
 */
export function exportedUser(names: RealmNames, snapshot: GroupSnapshot, data: UserPartition, withRoles = true): Record<string, unknown> {
  const rep = data.user.rep;
  const { id, username, firstName, lastName, email, emailVerified, createdTimestamp, enabled, federationLink, serviceAccountClientId, attributes, requiredActions, notBefore } = rep;
  const roles = names.namesOf(data.roleMappings);
  const saClient = typeof serviceAccountClientId === 'string' ? names.clientId(serviceAccountClientId) : undefined;
  return {
    id,
    username,
    ...(firstName !== undefined ? { firstName } : {}),
    ...(lastName !== undefined ? { lastName } : {}),
    ...(email !== undefined ? { email } : {}),
    emailVerified,
    createdTimestamp,
    enabled,
    totp: data.credentials.some((credential) => credential.type === 'otp'),
    ...(federationLink !== undefined ? { federationLink } : {}),
    ...(saClient ? { serviceAccountClientId: saClient } : {}),
    ...(attributes && Object.keys(attributes).length > 0 ? { attributes } : {}),
    credentials: [...data.credentials]
      .sort((a, b) => a.priority - b.priority || a.createdDate - b.createdDate)
      .map((credential) => ({
        id: credential.id,
        type: credential.type,
        ...(credential.userLabel !== undefined ? { userLabel: credential.userLabel } : {}),
        createdDate: credential.createdDate,
        secretData: credential.secretData,
        credentialData: credential.credentialData,
        priority: credential.priority,
      })),
    disableableCredentialTypes: [],
    requiredActions: requiredActions ?? [],
    ...(data.federatedIdentities.length > 0
      ? { federatedIdentities: data.federatedIdentities.map(({ identityProvider, userId, userName }) => ({ identityProvider, userId, userName })) }
      : {}),
    ...(withRoles ? { realmRoles: roles.realm, ...(Object.keys(roles.client).length > 0 ? { clientRoles: roles.client } : {}) } : {}),
    notBefore: notBefore ?? 0,
    ...(withRoles ? { groups: groupPaths(snapshot, data.groupIds) } : {}),
  };
}

function groupPaths(snapshot: GroupSnapshot, groupIds: readonly string[]): string[] {
  return groupIds
    .map((id) => snapshot.groups.get(id)?.rep.path)
    .filter((path): path is string => path !== undefined)
    .sort();
}


