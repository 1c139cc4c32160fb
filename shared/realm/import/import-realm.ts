import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { describeIssue } from '../../admin/body.js';
import { parsePasswordPolicy, PasswordPolicyConfigError } from '../../crypto/password/index.js';
import { keyProviderType } from '../../model/component.js';
import type { RealmRepresentation } from '../../model/realm.js';
import { realmNameProblem } from '../../model/realm-defaults.js';
import type { RealmRecord } from '../../store/realms.js';
import type { Item } from '../../store/store.js';
import { createRealm, type RealmCreation } from '../create-realm.js';
import { realmContentItems, type RealmContentIndex } from '../realm-content.js';
import { InvalidRealmError } from '../realm-errors.js';
import { DuplicateInRealmError, planContent, type ContentPlan } from './content-plan.js';
import { defaultGroupItems, planGroups } from './group-items.js';
import { importedKeyComponents, plainComponents } from './key-components.js';
import { withoutLegacyFields } from './legacy.js';
import { contentFields, realmSchema, type RealmInput } from './realm-schema.js';
import { serviceAccountItems, userItems } from './user-items.js';

/** Realm fields Keycloak 26 reads nowhere any more; an import drops them. */
const IGNORED_FIELDS = ['passwordCredentialGrantAllowed', 'userCacheEnabled', 'realmCacheEnabled', 'federatedUsers'] as const;
const SSL_REQUIRED = ['all', 'external', 'none'];

/** Checks a parsed JSON document against RealmRepresentation; a 400-worthy InvalidRealmError otherwise. */
export function parseRealm(value: unknown): RealmInput {
  const result = v.safeParse(realmSchema, value);
  if (!result.success) throw new InvalidRealmError(describeIssue(result.issues[0]));
  return result.output;
}

/**
 * Creates a realm from a full RealmRepresentation, as Keycloak's RealmManager.importRealm does for
 * POST /admin/realms and --import-realm: legacy fields converted, the content planned and checked
 * (every name resolves, nothing claimed twice) before anything is written, then the realm is created
 * staged (RealmsRepository.create: invisible until its last item is written) with its client scopes,
 * roles, clients, groups, users with their credentials as exported, components and keys.
 */
export async function importRealm(deps: RealmCreation, input: RealmInput): Promise<RealmRecord> {
  const rep = withoutLegacyFields(input);
  const name = rep.realm ?? undefined;
  const nameProblem = realmNameProblem(name ?? undefined);
  if (nameProblem) throw new InvalidRealmError(nameProblem);
  const policy = passwordPolicyOf(rep.passwordPolicy);
  if (rep.sslRequired != null && !SSL_REQUIRED.includes(rep.sslRequired.toLowerCase())) throw new InvalidRealmError(`Invalid value for sslRequired: ${rep.sslRequired}`);
  const id = rep.id ?? randomUUID();
  let plan: ContentPlan | undefined;
  const planFor = (realmId: string): ContentPlan => (plan ??= planContent(realmId, name!, withUserIds(rep)));
  const components = rep.components ?? {};
  return createRealm(
    deps,
    realmSettings(rep, id),
    (realmId, index) => extraItems(realmId, index, planFor(realmId), rep, policy),
    {
      content: (realmId) => linkServiceAccounts(planFor(realmId), rep).content,
      defaultRoleName: rep.defaultRole?.name ?? undefined,
      keys: (realmId) => importedKeyComponents(deps.keys, realmId, components[keyProviderType] ?? []),
    },
  );
}

/** The realm item's representation: the file without its content, nulls and fields Keycloak ignores. */
export function realmSettings(rep: RealmInput, id: string): RealmRepresentation {
  const settings: Record<string, unknown> = {};
  const skip = new Set<string>([...contentFields, ...IGNORED_FIELDS]);
  for (const [field, value] of Object.entries(rep)) {
    if (value !== null && value !== undefined && !skip.has(field)) settings[field] = value;
  }
  if (typeof settings['sslRequired'] === 'string') settings['sslRequired'] = (settings['sslRequired'] as string).toLowerCase();
  return { ...settings, id, realm: rep.realm! };
}

/** PasswordPolicy.parse: an unknown policy or a bad config is a 400 with Keycloak's message. */
export function passwordPolicyOf(text: string | null | undefined) {
  if (!text) return undefined;
  try {
    return parsePasswordPolicy(text);
  } catch (error) {
    if (error instanceof PasswordPolicyConfigError) throw new InvalidRealmError(error.message);
    throw error;
  }
}

/** Every user gets its id now, so clients can name their service-account users before users are written. */
function withUserIds(rep: RealmInput): RealmInput {
  for (const user of rep.users ?? []) user.id ??= randomUUID();
  return rep;
}

/**
 * Links each client to its service-account user (the file's user naming it in serviceAccountClientId),
 * and gives a service-account client the file has no user for a new one (created in extraItems).
 */
function linkServiceAccounts(plan: ContentPlan, rep: RealmInput): ContentPlan {
  for (const user of rep.users ?? []) {
    if (!user.serviceAccountClientId) continue;
    const entry = plan.roles.client(user.serviceAccountClientId);
    if (!entry) throw new InvalidRealmError(`Unable to find client specified for service account link. Client: ${user.serviceAccountClientId}`);
    entry.serviceAccountUserId = user.id!;
  }
  for (const entry of plan.roles.clientEntries()) {
    if (entry.client.serviceAccountsEnabled && !entry.serviceAccountUserId) entry.serviceAccountUserId = randomUUID();
  }
  return plan;
}

async function extraItems(realmId: string, index: RealmContentIndex, plan: ContentPlan, rep: RealmInput, policy: ReturnType<typeof passwordPolicyOf>): Promise<Item[]> {
  try {
    const groups = planGroups(realmId, rep.groups ?? [], index);
    const context = {
      realmId,
      index,
      groups,
      uniqueEmail: rep.duplicateEmailsAllowed !== true,
      policy,
      defaultRole: index.realmRole(plan.defaultRoleName),
    };
    const items: Item[] = [...groups.items, ...defaultGroupItems(realmId, rep.defaultGroups ?? [], groups), ...(await userItems(context, rep.users ?? []))];
    for (const entry of plan.roles.clientEntries()) {
      const userId = entry.serviceAccountUserId;
      if (!entry.client.serviceAccountsEnabled || !userId || (rep.users ?? []).some((user) => user.id === userId)) continue;
      items.push(...serviceAccountItems(context, entry.client, userId));
    }
    items.push(...plainComponents(realmId, rep.components ?? {}));
    checkDistinctKeys([...realmContentItems(realmId, plan.content), ...items]);
    return items;
  } catch (error) {
    // RealmContentIndex reports a name nothing defines; the plan should have caught it, but a file is input.
    if (error instanceof Error && error.message.startsWith('Unknown ')) throw new InvalidRealmError(error.message);
    throw error;
  }
}

/**
 * The realm's items are written without conditions (its partitions are new), so two of them claiming
 * one key (two users of one id, a username used twice) would silently keep one: refused here (409).
 */
function checkDistinctKeys(items: readonly Item[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.pk}\u0000${item.sk}`;
    if (seen.has(key)) throw new DuplicateInRealmError('Conflict detected. See logs for details');
    seen.add(key);
  }
}
