import { randomUUID } from 'node:crypto';
import { passwordPolicyOf } from '../../../realm/import/import-realm.js';
import { creationWrites, storedRealmIndex } from '../../../realm/import/stored-index.js';
import { userItems } from '../../../realm/import/user-items.js';
import type { ImportedUser } from '../../../realm/import/user-schema.js';
import { loadRealmConfig } from '../../../realm/realm-config.js';
import { GroupsRepository } from '../../../store/groups.js';
import { emailKey, usernameKey, userKey, type ItemKey } from '../../../store/keys.js';
import type { Item } from '../../../store/store.js';
import { UsersRepository } from '../../../store/users.js';
import type { AdminRequest } from '../../admin-request.js';
import { GroupTree } from '../../groups/group-tree.js';
import { groupPath } from '../realm-representation.js';
import { importEvent, type PartialImportInput, type PartialImportResult, type Policy, type ResourceImport } from './partial-import-types.js';

/**
 * UsersPartialImport: users by username, or by email where emails are unique. A user is created as a
 * realm import creates one (its id, credentials as given, role mappings and groups by name and path,
 * no default role); an overwritten one is deleted first with everything in its partition.
 */
export class UsersImport implements ResourceImport {
  private readonly users: ImportedUser[];
  private readonly existing = new Map<ImportedUser, string>();
  private uniqueEmail = true;

  constructor(input: PartialImportInput) {
    this.users = input.users ?? [];
  }

  async prepare(request: AdminRequest): Promise<void> {
    const realm = await request.realm();
    this.uniqueEmail = realm.realm.rep.duplicateEmailsAllowed !== true;
    const repository = new UsersRepository(request.store);
    for (const user of this.users) {
      const byName = user.username ? await repository.idForUsername(realm.realm.id, user.username) : undefined;
      const byEmail = !byName && user.email && this.uniqueEmail ? await repository.idForEmail(realm.realm.id, user.email) : undefined;
      const found = byName ?? byEmail;
      if (found) this.existing.set(user, found);
    }
  }

  existsMessage(): string | undefined {
    const first = this.users.find((user) => this.existing.has(user));
    if (!first) return undefined;
    const name = first.username ?? first.email;
    return first.email == null || this.uniqueEmail ? `User with user name ${name} already exists.` : `User with user name ${name} or with email ${first.email} already exists.`;
  }

  async run(request: AdminRequest, policy: Policy): Promise<PartialImportResult[]> {
    const config = (await loadRealmConfig(request.store, (await request.realm()).realm.id))!;
    const realmId = config.realm.id;
    const results: PartialImportResult[] = [];
    const toCreate = this.users.filter((user) => !(this.existing.has(user) && policy === 'SKIP'));
    for (const user of this.users) {
      if (this.existing.has(user) && policy === 'SKIP') results.push({ action: 'SKIPPED', resourceType: 'USER', resourceName: user.username ?? user.email ?? '', id: this.existing.get(user)! });
    }
    // Every user's items are built (names resolved, passwords hashed and checked) before any is written.
    const index = await storedRealmIndex(request.store, config);
    const tree = new GroupTree(await new GroupsRepository(request.store).index(realmId));
    const idsByPath = new Map<string, string>();
    for (const entry of tree.childrenOf(undefined).flatMap((top) => [top, ...tree.descendants(top.groupId)])) idsByPath.set(groupPath(tree, entry.groupId)!, entry.groupId);
    const context = {
      realmId,
      index,
      groups: { items: [], idsByPath },
      uniqueEmail: this.uniqueEmail,
      policy: passwordPolicyOf(config.realm.rep.passwordPolicy as string | undefined),
      defaultRole: { roleId: (config.realm.rep.defaultRole as { id: string }).id },
    };
    const planned: { user: ImportedUser; id: string; items: Item[] }[] = [];
    for (const user of toCreate) {
      const id = user.id ?? randomUUID();
      planned.push({ user, id, items: await userItems(context, [{ ...user, id }]) });
    }
    for (const { user, id, items } of planned) {
      const existing = this.existing.get(user);
      if (existing) await request.store.deleteMany(await userKeys(request, realmId, existing));
      const result: PartialImportResult = { action: existing ? 'OVERWRITTEN' : 'ADDED', resourceType: 'USER', resourceName: user.username ?? user.email ?? '', id };
      const { credentials: _credentials, ...representation } = user;
      // Overwriting may replace a service-account user, cached with its client per configVersion (RealmDirectory.serviceAccount).
      await request.commit(creationWrites(items), importEvent(result, Boolean(existing), { ...representation, id }), { config: Boolean(existing) });
      results.push(result);
    }
    return results;
  }
}

/** Everything that makes up a user: its partition (credentials, mappings, memberships) and its username and email claims. */
async function userKeys(request: AdminRequest, realmId: string, userId: string): Promise<ItemKey[]> {
  const data = await new UsersRepository(request.store).load(realmId, userId);
  const keys: ItemKey[] = [];
  for await (const item of request.store.queryAll({ partition: userKey(realmId, userId).pk, consistent: true })) keys.push({ pk: item.pk, sk: item.sk });
  if (data) {
    keys.push(usernameKey(realmId, data.user.rep.username));
    if (data.user.rep.email) keys.push(emailKey(realmId, data.user.rep.email));
  }
  return keys;
}
