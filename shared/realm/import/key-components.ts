import { createPrivateKey, randomUUID } from 'node:crypto';
import type { SigningAlgorithm } from '../../crypto/key-provider.js';
import type { KeyProviders } from '../../keys/key-providers.js';
import { keyComponent, type KeySpec } from '../../keys/realm-keys.js';
import { keyProviderType, type ComponentRepresentation } from '../../model/component.js';
import { componentRecord, type ComponentRecord } from '../../store/components.js';
import { InvalidRealmError } from '../realm-errors.js';
import type { RealmInput } from './realm-schema.js';

type ComponentExport = NonNullable<RealmInput['components']>[string][number];

/** Config entries that hold private key material: sealed, never kept in the component's config. */
const PRIVATE_CONFIG = ['privateKey', 'secret', 'ecdsaPrivateKey', 'keystorePassword', 'keyPassword'];
const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'HS256', 'HS384', 'HS512'];

/**
 * The key provider components of a realm file (`components["org.keycloak.keys.KeyProvider"]`):
 * - rsa-generated / rsa with `privateKey`, ecdsa-generated with `ecdsaPrivateKey`, hmac-generated with
 *   `secret` and `kid` keep their key (sealed here like a generated one; asymmetric keys keep their kid,
 *   so tokens the old server issued still verify);
 * - the same providers without material get a new key with the component's id, name and settings;
 * - encryption keys (rsa-enc-generated, aes-generated) and keystores are not imported: Gatehouse signs
 *   only, and createRealm adds Keycloak's default keys for any signing algorithm left without one.
 */
export async function importedKeyComponents(keys: KeyProviders, realmId: string, components: readonly ComponentExport[]): Promise<ComponentRecord[]> {
  const records: ComponentRecord[] = [];
  for (const component of components) {
    const spec = specOf(component);
    if (!spec) continue;
    const componentId = component.id ?? randomUUID();
    const owner = { realmId, componentId };
    const config = configOf(component);
    const secret = secretOf(component.providerId!, config);
    const material = secret ? await keys.adopt(owner, spec.algorithm, secret, config['kid']?.[0]) : await keys.generate(owner, spec);
    const generated = keyComponent(realmId, componentId, spec, material);
    const rep: ComponentRepresentation = {
      ...generated.rep,
      name: component.name ?? spec.name,
      config: { ...generated.rep.config, ...withoutPrivate(config) },
      ...(component.subType ? { subType: component.subType } : {}),
    };
    records.push(componentRecord(realmId, rep, material));
  }
  return records;
}

/** The realm file's other components (user profile, client registration policies, ...), kept as given. */
export function plainComponents(realmId: string, components: Readonly<Record<string, readonly ComponentExport[]>>, parentId = realmId): ComponentRecord[] {
  const records: ComponentRecord[] = [];
  for (const [providerType, list] of Object.entries(components)) {
    if (providerType === keyProviderType && parentId === realmId) continue;
    for (const component of list) {
      if (!component.providerId) throw new InvalidRealmError(`A ${providerType} component has no providerId`);
      const id = component.id ?? randomUUID();
      const rep: ComponentRepresentation = {
        id,
        name: component.name ?? component.providerId,
        providerId: component.providerId,
        providerType,
        parentId,
        ...(component.subType ? { subType: component.subType } : {}),
        config: configOf(component),
      };
      records.push(componentRecord(realmId, rep));
      records.push(...plainComponents(realmId, component.subComponents ?? {}, id));
    }
  }
  return records;
}

function specOf(component: ComponentExport): KeySpec | undefined {
  const config = configOf(component);
  const priority = Number(config['priority']?.[0] ?? 0);
  const named = config['algorithm']?.[0] as SigningAlgorithm | undefined;
  const algorithm = named && SIGNING_ALGORITHMS.includes(named) ? named : undefined;
  const name = component.name ?? component.providerId ?? 'key';
  switch (component.providerId) {
    case 'rsa-generated':
    case 'rsa':
      return { name, providerId: 'rsa-generated', algorithm: algorithm?.startsWith('RS') || algorithm?.startsWith('PS') ? algorithm : 'RS256', priority };
    case 'ecdsa-generated': {
      const curve = config['ecdsaEllipticCurveKey']?.[0];
      return { name, providerId: 'ecdsa-generated', algorithm: curve === 'P-384' ? 'ES384' : 'ES256', priority };
    }
    case 'hmac-generated':
      return { name, providerId: 'hmac-generated', algorithm: algorithm?.startsWith('HS') ? algorithm : 'HS256', priority };
    default:
      return undefined;
  }
}

/** Keycloak's encodings: PKCS#8 DER in base64 (PemUtils.encodeKey) for private keys, base64url for HMAC secrets. */
function secretOf(providerId: string, config: Record<string, string[]>): Buffer | undefined {
  const value = providerId === 'ecdsa-generated' ? config['ecdsaPrivateKey']?.[0] : providerId === 'hmac-generated' ? config['secret']?.[0] : config['privateKey']?.[0];
  if (!value) return undefined;
  const body = value.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
  const bytes = Buffer.from(body, providerId === 'hmac-generated' ? 'base64url' : 'base64');
  if (bytes.length === 0) throw new InvalidRealmError(`Key component ${providerId} has an unreadable key`);
  if (providerId === 'hmac-generated') return bytes;
  // PKCS#8 as Keycloak writes it; a PKCS#1 or SEC 1 key (pasted into an `rsa` provider) is converted.
  for (const type of ['pkcs8', providerId === 'ecdsa-generated' ? 'sec1' : 'pkcs1'] as const) {
    try {
      return createPrivateKey({ key: bytes, format: 'der', type }).export({ format: 'der', type: 'pkcs8' });
    } catch {
      // Not this encoding; the next one is tried.
    }
  }
  throw new InvalidRealmError(`Key component ${providerId} has an unreadable key`);
}

function configOf(component: ComponentExport): Record<string, string[]> {
  return Object.fromEntries(Object.entries(component.config ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== null));
}

function withoutPrivate(config: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !PRIVATE_CONFIG.includes(key)));
}
