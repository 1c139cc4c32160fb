import type { UserRepresentation } from '../../model/user.js';
import type { CredentialRecord, FederatedIdentityLink, UserPartition } from '../../store/users.js';
import type { UserAccess } from './user-access.js';

/** Keycloak's credential type of stored old passwords (PasswordCredentialModel.PASSWORD_HISTORY). */
export const PASSWORD_HISTORY = 'password-history';

/**
 * A user as UserResource.getUser returns it (UserProfile.toRepresentation), in Keycloak's JSON field
 * order: attributes only when there are some, `totp` from the user's OTP credentials, no
 * `disableableCredentialTypes` (for a local user only CredentialInputUpdater providers add any, and
 * PasswordCredentialProvider adds none; OTPCredentialProvider is no updater), the identity provider
 * links when there are any, and the caller's access.
 */
export function fullUser(data: UserPartition, access?: UserAccess): Record<string, unknown> {
  const user = data.user.rep;
  const otp = data.credentials.some((credential) => credential.type === 'otp');
  return {
    ...identity(user),
    ...(user.attributes && Object.keys(user.attributes).length > 0 ? { attributes: user.attributes } : {}),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    totp: otp,
    ...(typeof user['federationLink'] === 'string' ? { federationLink: user['federationLink'] } : {}),
    ...(typeof user['serviceAccountClientId'] === 'string' ? { serviceAccountClientId: user['serviceAccountClientId'] } : {}),
    disableableCredentialTypes: [],
    requiredActions: [...(user.requiredActions ?? [])],
    ...(data.federatedIdentities.length > 0 ? { federatedIdentities: data.federatedIdentities.map(federatedIdentity) } : {}),
    notBefore: user.notBefore ?? 0,
    ...(access ? { access } : {}),
  };
}

/** ModelToRepresentation.toBriefRepresentation, in Keycloak's field order. */
export function briefUser(user: UserRepresentation, access?: UserAccess): Record<string, unknown> {
  return {
    ...identity(user),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    ...(typeof user['federationLink'] === 'string' ? { federationLink: user['federationLink'] } : {}),
    ...(access ? { access } : {}),
  };
}

/** A user in a listing: the full form as far as the user item alone gives it (no credential read). */
export function listedUser(user: UserRepresentation, access: UserAccess): Record<string, unknown> {
  return {
    ...identity(user),
    ...(user.attributes && Object.keys(user.attributes).length > 0 ? { attributes: user.attributes } : {}),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    totp: false,
    ...(typeof user['federationLink'] === 'string' ? { federationLink: user['federationLink'] } : {}),
    ...(typeof user['serviceAccountClientId'] === 'string' ? { serviceAccountClientId: user['serviceAccountClientId'] } : {}),
    disableableCredentialTypes: [],
    requiredActions: [...(user.requiredActions ?? [])],
    notBefore: user.notBefore ?? 0,
    access,
  };
}

/** FederatedIdentityRepresentation. */
export function federatedIdentity(link: FederatedIdentityLink): Record<string, string> {
  return { identityProvider: link.identityProvider, userId: link.userId, userName: link.userName };
}

/** CredentialRepresentation as UserResource.credentials lists it: everything but secretData. */
export function credentialRepresentation(credential: CredentialRecord): Record<string, unknown> {
  return {
    id: credential.id,
    type: credential.type,
    ...(credential.userLabel ? { userLabel: credential.userLabel } : {}),
    createdDate: credential.createdDate,
    credentialData: credential.credentialData,
    priority: credential.priority,
  };
}

/** The credentials a user sees and manages, by priority (stored old passwords are internal). */
export function visibleCredentials(data: UserPartition): CredentialRecord[] {
  return data.credentials.filter((credential) => credential.type !== PASSWORD_HISTORY).sort((a, b) => a.priority - b.priority || a.createdDate - b.createdDate);
}

function identity(user: UserRepresentation): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
    ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
    ...(user.email !== undefined ? { email: user.email } : {}),
    emailVerified: user.emailVerified,
  };
}
