/**
 * Port: protects secret key material at rest (DESIGN.md §6). The sealed form is stored in the table;
 * only a sealer can open it. `context` (realm and component id) is bound to the ciphertext — AES-GCM
 * additional data locally, the KMS encryption context on AWS — so a blob copied elsewhere won't open.
 */
export type SealContext = Readonly<Record<string, string>>;

export interface SealedSecret {
  /** Which sealer made it: `local` (master key in the data directory) or `kms-envelope`. */
  readonly sealer: 'local' | 'kms-envelope';
  /** kms-envelope only: the KMS key that encrypted the data key. */
  readonly kmsKeyId?: string;
  /** kms-envelope only: the data key encrypted by KMS (base64). */
  readonly encryptedDataKey?: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

export interface SecretSealer {
  seal(plaintext: Buffer, context: SealContext): Promise<SealedSecret>;
  unseal(sealed: SealedSecret, context: SealContext): Promise<Buffer>;
}

/** Additional authenticated data: the context in a canonical (sorted) form. */
export function contextBytes(context: SealContext): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((key) => [key, context[key]]);
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}
