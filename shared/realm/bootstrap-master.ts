import { randomUUID } from 'node:crypto';
import { hashPasswordArgon2 } from '../crypto/password-hash.js';
import { masterRealmOverrides } from '../model/realm-defaults.js';
import type { StoredCredential, UserRepresentation } from '../model/user.js';
import { ConflictError } from '../store/errors.js';
import { userCreationWrites } from '../store/users.js';
import { ADMIN_ROLE, defaultRolesName } from '../model/builtin/index.js';
import { userRoleMappingItem } from '../store/users.js';
import { createRealm, type RealmCreation } from './create-realm.js';
import { itemOf } from './realm-content.js';
import { masterRealmId } from './master.js';

export { masterRealmId } from './master.js';

export interface BootstrapAdmin {
  readonly username: string;
  readonly password: string;
}

/**
 * First start (Keycloak's bootstrap admin): creates the master realm with its keys and the admin
 * user with a password credential, all in one transaction. Idempotent and race-safe: if master
 * exists already — or another process creates it first — nothing changes and 'exists' is returned.
 */
export async function bootstrapMaster(deps: RealmCreation, admin: BootstrapAdmin): Promise<'created' | 'exists'> {
  if (await deps.realms.getById(masterRealmId, { consistent: true })) return 'exists';
  const now = Date.now();
  const user: UserRepresentation = {
    id: randomUUID(),
    username: admin.username,
    enabled: true,
    emailVerified: false,
    createdTimestamp: now,
    requiredActions: [],
    notBefore: 0,
  };
  const password: StoredCredential = {
    id: randomUUID(),
    type: 'password',
    createdDate: now,
    priority: 10,
    ...(await hashPasswordArgon2(admin.password)),
  };
  try {
    // The admin gets master's `admin` role and, like every new user, the realm's default role.
    await createRealm(deps, { id: masterRealmId, realm: masterRealmId, ...masterRealmOverrides }, (realmId, index) => [
      ...userCreationWrites(realmId, user, [password], { uniqueEmail: true }).map(itemOf),
      userRoleMappingItem(realmId, user.id, index.realmRole(ADMIN_ROLE)),
      userRoleMappingItem(realmId, user.id, index.realmRole(defaultRolesName(realmId))),
    ]);
    return 'created';
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Another bootstrap won, or one died half-way (master stays `creating` until it is replaced).
    if (await deps.realms.getById(masterRealmId, { consistent: true })) return 'exists';
    throw new Error('The master realm is being created by another process or a creation was interrupted; start again in two minutes');
  }
}
