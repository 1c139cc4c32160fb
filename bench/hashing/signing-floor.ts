import { generateKeyPairSync, sign } from 'node:crypto';
import { round } from '../load/load-point.js';

/** What one token signature costs: the floor under every grant (one RS256 access token at least). */
export interface SigningFloor {
  readonly algorithm: string;
  readonly cpuMsPerSignature: number;
  readonly floorSignaturesPerCoreSecond: number;
}

/**
 * RS256 with a 2048-bit key through node:crypto's one-shot `sign`, exactly the call the
 * `rsa-generated` key provider makes (shared/crypto/generated-key-provider.ts), on a token-sized input.
 */
export function measureSigningFloor(samples: number): SigningFloor {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = Buffer.alloc(900, 'a');
  sign('sha256', input, privateKey);
  const start = process.cpuUsage();
  for (let i = 0; i < samples; i++) sign('sha256', input, privateKey);
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000 / samples;
  return { algorithm: 'RS256 (RSA 2048, node:crypto sign)', cpuMsPerSignature: round(ms, 3), floorSignaturesPerCoreSecond: round(1000 / ms, 0) };
}
