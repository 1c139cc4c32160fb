import { createPublicKey } from 'node:crypto';
import type { RealmKey } from '../../keys/realm-keys.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { ok } from '../responses.js';

const realm = mountOf('admin.realm');

/** Keycloak's KeyMetadataRepresentation. */
interface KeyMetadata {
  providerId: string;
  providerPriority: number;
  kid: string;
  status: string;
  type: string;
  algorithm: string;
  publicKey?: string;
  certificate?: string;
  use: 'SIG';
}

/** KeyResource (view-realm): the realm's keys, and the active key's kid per algorithm. */
export const realmKeyOperations: readonly AdminOperation[] = [
  {
    method: 'GET',
    path: `${realm}/keys`,
    async run(request) {
      await request.require('view-realm');
      return ok(keysMetadata(await request.realm()));
    },
  },
];

/**
 * KeyResource.getKeyMetadata: every key of the realm's key components, highest priority first (the
 * order KeyManager gives), each with its provider, priority, kid, status (ACTIVE, PASSIVE, DISABLED),
 * type (RSA, EC, OCT), algorithm, public key (base64 DER SubjectPublicKeyInfo, as PemUtils.encodeKey
 * writes it), certificate when the component has one, and use; `active` maps each algorithm to the kid
 * of its first active key.
 */
export function keysMetadata(config: RealmConfig): { active: Record<string, string>; keys: KeyMetadata[] } {
  const active: Record<string, string> = {};
  const keys = config.keys.map((key) => {
    if (key.status === 'ACTIVE' && active[key.algorithm] === undefined) active[key.algorithm] = key.kid;
    return metadataOf(config, key);
  });
  return { active, keys };
}

function metadataOf(config: RealmConfig, key: RealmKey): KeyMetadata {
  const certificate = config.components.find((component) => component.rep.id === key.componentId)?.rep.config['certificate']?.[0];
  return {
    providerId: key.providerId,
    providerPriority: key.priority,
    kid: key.kid,
    status: key.status,
    type: key.type,
    algorithm: key.algorithm,
    ...(key.publicJwk ? { publicKey: createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' }).export({ format: 'der', type: 'spki' }).toString('base64') } : {}),
    ...(certificate ? { certificate } : {}),
    use: 'SIG',
  };
}
