import { randomUUID } from 'node:crypto';
import type { KeyMaterial, PublicJwk, SigningAlgorithm } from '../crypto/key-provider.js';
import { keyProviderType, type ComponentRepresentation } from '../model/component.js';
import { componentRecord, type ComponentRecord } from '../store/components.js';

/** Keycloak's key status: ACTIVE keys sign; PASSIVE keys only verify; DISABLED keys are unused. */
export type KeyStatus = 'ACTIVE' | 'PASSIVE' | 'DISABLED';

export interface RealmKey {
  readonly componentId: string;
  readonly providerId: string;
  readonly kid: string;
  readonly algorithm: SigningAlgorithm;
  readonly use: 'sig';
  readonly type: 'RSA' | 'EC' | 'OCT';
  readonly status: KeyStatus;
  readonly priority: number;
  readonly publicJwk?: PublicJwk;
  readonly material: KeyMaterial;
}

/** What a new key component is: Keycloak's provider id, its component name, algorithm and priority. */
export interface KeySpec {
  readonly name: string;
  readonly providerId: 'rsa-generated' | 'ecdsa-generated' | 'hmac-generated' | 'kms';
  readonly algorithm: SigningAlgorithm;
  readonly priority: number;
}

/** The keys Keycloak gives a new realm (DefaultKeyProviders): RS256 for tokens, HS512 for internal tokens. */
export function defaultKeySpecs(asymmetricProviderId: 'rsa-generated' | 'kms'): KeySpec[] {
  return [
    { name: 'rsa-generated', providerId: asymmetricProviderId, algorithm: 'RS256', priority: 100 },
    { name: 'hmac-generated-hs512', providerId: 'hmac-generated', algorithm: 'HS512', priority: 100 },
  ];
}

/** The component for a freshly made key, with Keycloak's config keys (priority, enabled, active, algorithm). */
export function keyComponent(realmId: string, componentId: string, spec: KeySpec, material: KeyMaterial): ComponentRecord {
  const config: Record<string, string[]> = {
    priority: [String(spec.priority)],
    enabled: ['true'],
    active: ['true'],
    algorithm: [spec.algorithm],
  };
  if (spec.providerId === 'rsa-generated') config.keySize = ['2048'];
  if (spec.providerId === 'hmac-generated') config.secretSize = ['64'];
  if (spec.providerId === 'ecdsa-generated') config.ecdsaEllipticCurveKey = [spec.algorithm === 'ES384' ? 'P-384' : 'P-256'];
  const rep: ComponentRepresentation = {
    id: componentId,
    name: spec.name,
    providerId: spec.providerId,
    providerType: keyProviderType,
    parentId: realmId,
    config,
  };
  return componentRecord(realmId, rep, material);
}

export const newComponentId = (): string => randomUUID();

/** The realm's keys as Keycloak's KeyManager sees them, highest priority first. */
export function realmKeysOf(components: readonly ComponentRecord[]): RealmKey[] {
  return components
    .filter((c) => c.rep.providerType === keyProviderType && c.keyMaterial)
    .map((c): RealmKey => {
      const material = c.keyMaterial!;
      return {
        componentId: c.rep.id,
        providerId: c.rep.providerId,
        kid: material.kid,
        algorithm: material.algorithm,
        use: 'sig',
        type: material.publicJwk?.kty ?? 'OCT',
        status: statusOf(c.rep.config),
        priority: Number(c.rep.config.priority?.[0] ?? 0),
        ...(material.publicJwk ? { publicJwk: material.publicJwk } : {}),
        material,
      };
    })
    .sort((a, b) => b.priority - a.priority);
}

/** The key that signs for an algorithm: the active one with the highest priority (Keycloak's rule). */
export function activeKeyFor(keys: readonly RealmKey[], algorithm: SigningAlgorithm): RealmKey | undefined {
  return keys.find((key) => key.status === 'ACTIVE' && key.algorithm === algorithm);
}

/** A key can verify while it is enabled, whether active or passive. */
export const canVerify = (key: RealmKey): boolean => key.status !== 'DISABLED';

function statusOf(config: Record<string, string[]>): KeyStatus {
  if (config.enabled?.[0] === 'false') return 'DISABLED';
  if (config.active?.[0] === 'false') return 'PASSIVE';
  return 'ACTIVE';
}
