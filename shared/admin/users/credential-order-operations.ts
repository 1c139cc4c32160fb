import { credentialKey } from '../../store/keys.js';
import type { TransactWrite } from '../../store/store.js';
import type { AdminOperation } from '../admin-handler.js';
import type { AdminRequest } from '../admin-request.js';
import { noContent } from '../responses.js';
import { credentialAt } from './credential-operations.js';
import { storedCredentialOf } from './password-change.js';
import { userEventPath, userPath } from './user-access.js';
import { visibleCredentials } from './user-representation.js';

const credential = `${userPath}/credentials/{credentialId}`;

/** JpaUserCredentialStore.PRIORITY_DIFFERENCE: priorities are rewritten as 10, 20, 30, ... */
const PRIORITY_STEP = 10;

/**
 * Keycloak's UserResource.moveCredentialToFirst and moveCredentialAfter (manage-users; an unknown
 * credential is 404 "Credential not found"). The user's credentials are put in the new order and their
 * priorities rewritten, as JpaUserCredentialStore.moveCredentialTo does; an unknown new previous
 * credential leaves the order as it was and still answers 204, as Keycloak ignores the store's refusal.
 */
export const credentialOrderOperations: readonly AdminOperation[] = [
  { method: 'POST', path: `${credential}/moveToFirst`, run: (request) => move(request, undefined) },
  { method: 'POST', path: `${credential}/moveAfter/{newPreviousCredentialId}`, run: (request) => move(request, request.params['newPreviousCredentialId'] ?? '') },
];

async function move(request: AdminRequest, previousId: string | undefined) {
  const found = await credentialAt(request);
  const userId = found.user.user.rep.id;
  const order = visibleCredentials(found.user);
  const moved = order.find((candidate) => candidate.id === found.credentialId)!;
  const rest = order.filter((candidate) => candidate.id !== found.credentialId);
  const at = previousId === undefined ? 0 : rest.findIndex((candidate) => candidate.id === previousId) + 1;
  if (at === 0 && previousId !== undefined) return noContent();
  const next = [...rest.slice(0, at), moved, ...rest.slice(at)];
  const realmId = found.realm.realm.id;
  const writes: TransactWrite[] = next.flatMap((record, index) => {
    const priority = (index + 1) * PRIORITY_STEP;
    if (record.priority === priority) return [];
    const stored = { ...storedCredentialOf(record), priority };
    return [{ kind: 'put' as const, item: { ...credentialKey(realmId, userId, stored.id), entity: 'Credential', ...stored } }];
  });
  if (writes.length === 0) return noContent();
  // Keycloak records no admin event for a new order; Gatehouse records every admin write (DESIGN.md §9).
  const tail = previousId === undefined ? ['moveToFirst'] : ['moveAfter', previousId];
  await request.commit(writes, { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(userId, 'credentials', found.credentialId, ...tail) }, { realm: found.realm });
  return noContent();
}
