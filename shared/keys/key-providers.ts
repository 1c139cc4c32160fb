import { join } from 'node:path';
import { GeneratedKeyProvider } from '../crypto/generated-key-provider.js';
import type { KeyMaterial, KeyOwner, KeyProvider, Signer, SigningAlgorithm } from '../crypto/key-provider.js';
import { keysConfig, type KeysConfig } from '../crypto/keys-config.js';
import { LocalSealer } from '../crypto/local-sealer.js';
import type { SecretSealer } from '../crypto/sealer.js';
import type { KeySpec } from './realm-keys.js';

/**
 * Chooses the KeyProvider implementations (DESIGN.md §6): which one makes new keys follows
 * GATEHOUSE_KEY_CUSTODY; which one opens an existing key follows how that key was stored, so a realm
 * keeps working when the setting changes. The AWS adapters are imported only when used, so the
 * local runtime never loads the KMS client.
 */
export class KeyProviders {
  private localSealer?: Promise<SecretSealer>;
  private envelopeSealer?: Promise<SecretSealer>;
  private kmsProvider?: Promise<KeyProvider>;
  private readonly signers = new Map<string, Promise<Signer>>();

  constructor(private readonly config: KeysConfig) {}

  /** Provider id for a new realm's asymmetric signing key. */
  asymmetricProviderId(): 'rsa-generated' | 'kms' {
    return this.config.custody === 'kms' ? 'kms' : 'rsa-generated';
  }

  /** Makes the key material for a new key component. */
  async generate(owner: KeyOwner, spec: KeySpec): Promise<KeyMaterial> {
    const provider = spec.providerId === 'kms' ? await this.kms() : new GeneratedKeyProvider(await this.sealerForNewKeys());
    return provider.generate(owner, spec.algorithm);
  }

  /** Seals existing key material (an imported realm's keys) the way new keys are sealed here. */
  async adopt(owner: KeyOwner, algorithm: SigningAlgorithm, secret: Buffer, kid?: string): Promise<KeyMaterial> {
    return new GeneratedKeyProvider(await this.sealerForNewKeys()).adopt(owner, algorithm, secret, kid);
  }

  /** Opens a key for signing, once per container per key (KMS Decrypt or master-key unseal happens once). */
  signer(owner: KeyOwner, material: KeyMaterial): Promise<Signer> {
    const cacheKey = `${owner.realmId}/${owner.componentId}/${material.kid}`;
    let signer = this.signers.get(cacheKey);
    if (!signer) {
      signer = this.open(owner, material);
      signer.catch(() => this.signers.delete(cacheKey));
      this.signers.set(cacheKey, signer);
    }
    return signer;
  }

  private async open(owner: KeyOwner, material: KeyMaterial): Promise<Signer> {
    if (material.custody === 'kms') return (await this.kms()).signer(owner, material);
    const sealer = material.sealed?.sealer === 'kms-envelope' ? await this.envelope() : await this.local();
    return new GeneratedKeyProvider(sealer).signer(owner, material);
  }

  private sealerForNewKeys(): Promise<SecretSealer> {
    return this.config.custody === 'local' ? this.local() : this.envelope();
  }

  private local(): Promise<SecretSealer> {
    return (this.localSealer ??= LocalSealer.fromFile(join(this.config.dataDir, 'master.key')));
  }

  private envelope(): Promise<SecretSealer> {
    return (this.envelopeSealer ??= (async () => {
      const [{ KMSClient }, { KmsEnvelopeSealer }] = await Promise.all([
        import('@aws-sdk/client-kms'),
        import('../crypto/kms-envelope-sealer.js'),
      ]);
      return new KmsEnvelopeSealer(new KMSClient({}), requireKmsKeyId(this.config));
    })());
  }

  private kms(): Promise<KeyProvider> {
    return (this.kmsProvider ??= (async () => {
      const [{ KMSClient }, { KmsKeyProvider }] = await Promise.all([
        import('@aws-sdk/client-kms'),
        import('../crypto/kms-key-provider.js'),
      ]);
      return new KmsKeyProvider(new KMSClient({}), { stackTag: this.config.kmsKeyTag, signerRoles: this.config.kmsSignerRoles });
    })());
  }
}

function requireKmsKeyId(config: KeysConfig): string {
  if (!config.kmsKeyId) throw new Error('GATEHOUSE_KMS_KEY_ID is needed to open envelope-sealed keys');
  return config.kmsKeyId;
}

let shared: KeyProviders | undefined;
/** The container's key providers, from GATEHOUSE_KEY_CUSTODY and friends. */
export function keyProviders(): KeyProviders {
  return (shared ??= new KeyProviders(keysConfig()));
}
