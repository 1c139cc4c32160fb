import type { GroupIndexEntry } from '../../store/groups.js';

const ROOT = '';
const byName = (a: GroupIndexEntry, b: GroupIndexEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * A realm's group hierarchy from the group index (one Query): children, subgroup counts, subtrees,
 * paths and name or attribute searches at any depth, without reading the groups themselves.
 */
export class GroupTree {
  private readonly byId = new Map<string, GroupIndexEntry>();
  private readonly children = new Map<string, GroupIndexEntry[]>();

  constructor(entries: readonly GroupIndexEntry[]) {
    for (const entry of entries) {
      this.byId.set(entry.groupId, entry);
      const siblings = this.children.get(entry.parentId ?? ROOT) ?? [];
      siblings.push(entry);
      this.children.set(entry.parentId ?? ROOT, siblings);
    }
    for (const siblings of this.children.values()) siblings.sort(byName);
  }

  get size(): number {
    return this.byId.size;
  }

  get(groupId: string): GroupIndexEntry | undefined {
    return this.byId.get(groupId);
  }

  /** Direct subgroups by name (top-level groups when `parentId` is undefined). */
  childrenOf(parentId: string | undefined): readonly GroupIndexEntry[] {
    return this.children.get(parentId ?? ROOT) ?? [];
  }

  subGroupCount(groupId: string): number {
    return this.childrenOf(groupId).length;
  }

  /** Every group below `groupId`, parents before their children. */
  descendants(groupId: string): GroupIndexEntry[] {
    const found: GroupIndexEntry[] = [];
    const seen = new Set([groupId]);
    for (let frontier = [...this.childrenOf(groupId)]; frontier.length > 0; ) {
      const next: GroupIndexEntry[] = [];
      for (const entry of frontier) {
        if (seen.has(entry.groupId)) continue;
        seen.add(entry.groupId);
        found.push(entry);
        next.push(...this.childrenOf(entry.groupId));
      }
      frontier = next;
    }
    return found;
  }

  /** Whether `candidate` is `groupId` or lies below it. */
  isWithin(candidate: string, groupId: string): boolean {
    const seen = new Set<string>();
    for (let at: string | undefined = candidate; at && !seen.has(at); at = this.byId.get(at)?.parentId) {
      if (at === groupId) return true;
      seen.add(at);
    }
    return false;
  }

  /** The group at a path ("/a/b", or "a/b"): KeycloakModelUtils.findGroupByPath, segment by segment. */
  atPath(path: string): GroupIndexEntry | undefined {
    const names = path.split('/').filter((segment, index) => !(index === 0 && segment === ''));
    let found: GroupIndexEntry | undefined;
    for (const name of names) {
      found = this.childrenOf(found?.groupId).find((entry) => entry.name === name);
      if (!found) return undefined;
    }
    return found;
  }

  /** Groups at any depth whose name contains `search` (case-insensitive) or, `exact`, equals it; by name. */
  named(search: string, exact: boolean): GroupIndexEntry[] {
    const wanted = search.toLowerCase();
    const matches = [...this.byId.values()].filter((entry) => (exact ? entry.name === search : entry.name.toLowerCase().includes(wanted)));
    return matches.sort(byName);
  }

  /** Groups having every attribute value asked for (GroupProvider.searchGroupsByAttributes); by name. */
  withAttributes(wanted: Readonly<Record<string, string>>): GroupIndexEntry[] {
    const matches = [...this.byId.values()].filter((entry) =>
      Object.entries(wanted).every(([name, value]) => (entry.attributes?.[name] ?? []).includes(value)),
    );
    return matches.sort(byName);
  }
}
