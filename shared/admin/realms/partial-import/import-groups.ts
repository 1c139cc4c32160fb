import { normalPath, planGroups } from '../../../realm/import/group-items.js';
import { creationWrites, storedRealmIndex } from '../../../realm/import/stored-index.js';
import { InvalidRealmError } from '../../../realm/realm-errors.js';
import { loadRealmConfig } from '../../../realm/realm-config.js';
import { GroupsRepository } from '../../../store/groups.js';
import type { AdminRequest } from '../../admin-request.js';
import { GroupTree } from '../../groups/group-tree.js';
import { groupRemoval } from '../../groups/group-delete.js';
import { commitCascade } from '../../roles/cascade.js';
import { importEvent, type PartialImportInput, type PartialImportResult, type Policy, type ResourceImport } from './partial-import-types.js';
import { withoutEvents } from './silent-request.js';

type GroupInput = NonNullable<PartialImportInput['groups']>[number];
/** Room in one transaction for a group subtree, its admin event and the configVersion bump. */
const ROOM = 98;

/**
 * GroupsPartialImport: top-level groups (with their subgroups) by path; a group is created with its
 * id, attributes, role mappings (roles named must exist) and subgroups; an overwritten one is deleted
 * first with its subtree and memberships.
 */
export class GroupsImport implements ResourceImport {
  private readonly groups: GroupInput[];
  private readonly existing = new Map<string, string>();

  constructor(input: PartialImportInput) {
    this.groups = input.groups ?? [];
  }

  async prepare(request: AdminRequest): Promise<void> {
    const realm = await request.realm();
    const tree = new GroupTree(await new GroupsRepository(request.store).index(realm.realm.id));
    for (const group of this.groups) {
      const found = tree.atPath(pathOf(group));
      if (found) this.existing.set(pathOf(group), found.groupId);
    }
  }

  existsMessage(): string | undefined {
    const first = this.groups.find((group) => this.existing.has(pathOf(group)));
    return first ? `Group '${pathOf(first)}' already exists` : undefined;
  }

  async run(request: AdminRequest, policy: Policy): Promise<PartialImportResult[]> {
    const realmId = (await request.realm()).realm.id;
    const repository = new GroupsRepository(request.store);
    const results: PartialImportResult[] = [];
    for (const group of this.groups) {
      const existingId = this.existing.get(pathOf(group));
      if (existingId && policy === 'SKIP') {
        results.push({ action: 'SKIPPED', resourceType: 'GROUP', resourceName: group.name!, id: existingId });
        continue;
      }
      let realm = (await loadRealmConfig(request.store, realmId))!;
      const plan = planGroups(realmId, [{ ...group, path: null }], await storedRealmIndex(request.store, realm));
      if (existingId) {
        const record = await repository.get(realmId, existingId);
        const tree = new GroupTree(await repository.index(realmId));
        if (record) await commitCascade(withoutEvents(request), realm, await groupRemoval(request.store, realm, tree, record), importEvent({ resourceType: 'GROUP', id: existingId }, true, null), true);
        realm = (await loadRealmConfig(request.store, realmId))!;
      }
      const id = plan.idsByPath.get(pathOf(group))!;
      const result: PartialImportResult = { action: existingId ? 'OVERWRITTEN' : 'ADDED', resourceType: 'GROUP', resourceName: group.name!, id };
      const writes = creationWrites(plan.items);
      // A subtree too large for one transaction is written in several; the last one carries the event.
      const rest = writes.length > ROOM ? writes.slice(0, writes.length - ROOM) : [];
      for (let start = 0; start < rest.length; start += 100) await request.store.transact(rest.slice(start, start + 100));
      await request.commit(writes.slice(rest.length), importEvent(result, Boolean(existingId), group), { config: true, realm });
      results.push(result);
    }
    return results;
  }
}

function pathOf(group: GroupInput): string {
  if (!group.name) throw new InvalidRealmError('A group to import has no name');
  return normalPath(group.path ?? group.name);
}
