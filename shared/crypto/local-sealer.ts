import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decryptAesGcm, encryptAesGcm } from './aes-gcm.js';
import { contextBytes, type SealContext, type SealedSecret, type SecretSealer } from './sealer.js';

/**
 * The local stand-in for KMS envelope encryption: secrets sealed with AES-256-GCM under a 256-bit
 * master key kept in a file of the data directory (created on first start, mode 0600).
 */
export class LocalSealer implements SecretSealer {
  private constructor(private readonly masterKey: Buffer) {}

  static fromKey(masterKey: Buffer): LocalSealer {
    if (masterKey.length !== 32) throw new Error('The local master key must be 32 bytes');
    return new LocalSealer(masterKey);
  }

  /** Reads the master key file, creating it (exclusively, so two starts cannot race) when missing. */
  static async fromFile(path: string): Promise<LocalSealer> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(randomBytes(32).toString('base64') + '\n');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 master key`);
    return new LocalSealer(key);
  }

  async seal(plaintext: Buffer, context: SealContext): Promise<SealedSecret> {
    return { sealer: 'local', ...encryptAesGcm(this.masterKey, plaintext, contextBytes(context)) };
  }

  async unseal(sealed: SealedSecret, context: SealContext): Promise<Buffer> {
    if (sealed.sealer !== 'local') throw new Error(`This secret was sealed by ${sealed.sealer}, not the local sealer`);
    return decryptAesGcm(this.masterKey, sealed, contextBytes(context));
  }
}
