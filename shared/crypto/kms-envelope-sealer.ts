import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { decryptAesGcm, encryptAesGcm } from './aes-gcm.js';
import { contextBytes, type SealContext, type SealedSecret, type SecretSealer } from './sealer.js';

/**
 * Envelope encryption under a KMS key (DESIGN.md §6; AWS KMS "Envelope encryption"): each secret gets
 * its own 256-bit data key from GenerateDataKey, is encrypted here with AES-256-GCM, and only the
 * KMS-encrypted data key is stored beside it. The context is bound twice: as the KMS encryption context
 * (so Decrypt refuses the data key for another realm/component, and CloudTrail records who it was for)
 * and as the GCM additional data, as LocalSealer does.
 */
export class KmsEnvelopeSealer implements SecretSealer {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(plaintext: Buffer, context: SealContext): Promise<SealedSecret> {
    const response = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }),
    );
    if (!response.Plaintext) throw new Error(`KMS GenerateDataKey for ${this.keyId} returned no Plaintext data key`);
    if (!response.CiphertextBlob) throw new Error(`KMS GenerateDataKey for ${this.keyId} returned no CiphertextBlob`);
    const dataKey = viewOf(response.Plaintext);
    try {
      return {
        sealer: 'kms-envelope',
        kmsKeyId: this.keyId,
        encryptedDataKey: Buffer.from(response.CiphertextBlob).toString('base64'),
        ...encryptAesGcm(dataKey, plaintext, contextBytes(context)),
      };
    } finally {
      // The plaintext data key is only needed for this one encryption; don't leave it in the heap.
      dataKey.fill(0);
    }
  }

  async unseal(sealed: SealedSecret, context: SealContext): Promise<Buffer> {
    if (sealed.sealer !== 'kms-envelope') {
      throw new Error(`This secret was sealed by ${sealed.sealer}, not the KMS envelope sealer`);
    }
    if (!sealed.encryptedDataKey) throw new Error('This kms-envelope secret has no encrypted data key');
    if (!sealed.kmsKeyId) throw new Error('This kms-envelope secret names no KMS key');
    // KeyId pins the key the data key must have been encrypted under (KMS Decrypt: "KeyId"), so a
    // forged blob naming another key in the account is refused rather than decrypted.
    const response = await this.kms.send(
      new DecryptCommand({
        CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
        EncryptionContext: { ...context },
        KeyId: sealed.kmsKeyId,
      }),
    );
    if (!response.Plaintext) throw new Error(`KMS Decrypt under ${sealed.kmsKeyId} returned no Plaintext data key`);
    const dataKey = viewOf(response.Plaintext);
    try {
      return decryptAesGcm(dataKey, sealed, contextBytes(context));
    } finally {
      dataKey.fill(0);
    }
  }
}

/** A Buffer over the same memory (not a copy), so zeroing it clears the SDK's bytes too. */
function viewOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
