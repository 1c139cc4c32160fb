import type { UserRepresentation } from '../model/user.js';

/**
 * Whether a user is a client's service account (Keycloak's UserModel.getServiceAccountClientLink:
 * the representation's `serviceAccountClientId`). Such a user's token inputs (record, role mappings,
 * group memberships) are cached with its client per realm configVersion (RealmDirectory.serviceAccount),
 * so every admin write that changes them bumps the realm's configVersion — this predicate decides both.
 */
export function isServiceAccountUser(rep: UserRepresentation): boolean {
  return typeof rep['serviceAccountClientId'] === 'string';
}
