import { performance } from 'node:perf_hooks';
import {
  hashPassword,
  hashTargetFor,
  keycloakArgon2Settings,
  parsePasswordPolicy,
  verifyPassword,
  type PasswordPolicy,
} from '../../shared/crypto/password/index.js';
import { round } from '../load/load-point.js';

/** Time one password check costs: a login verifies one hash (and hashes nothing unless it rehashes). */
export interface HashTiming {
  readonly label: string;
  readonly algorithm: string;
  readonly parameters: string;
  /** Median wall time of one verification, one at a time. */
  readonly msPerHash: number;
  /** CPU time of one verification (all threads: @node-rs/argon2 runs on libuv's pool). */
  readonly cpuMsPerHash: number;
  /** 1 / CPU time per hash: the most password logins one core can do. */
  readonly floorLoginsPerCoreSecond: number;
}

const password = 'correct horse battery staple';

/**
 * The realm's algorithm (the bench realm sets no password policy, so Keycloak 26's default: argon2),
 * Keycloak 26's Argon2id defaults spelled out (Argon2Parameters: id, v1.3, 7168 KiB, 5 passes,
 * parallelism 1, 32 bytes), and pbkdf2-sha512 at Keycloak's default 210,000 iterations for scale.
 */
export async function measurePasswordHashing(realmPolicy: PasswordPolicy | undefined, samples: number): Promise<HashTiming[]> {
  const realmTarget = hashTargetFor(realmPolicy);
  const a = keycloakArgon2Settings;
  const argon2 = (passes: number) => `${a.type} v${a.version}, ${a.memory} KiB, ${passes} passes, p=${a.parallelism}, ${a.hashLength} B`;
  const realmParameters = realmTarget.algorithm === 'argon2' ? argon2(realmTarget.iterations) : `${realmTarget.iterations} iterations`;
  return [
    await time('realm policy (bench realm: none set)', realmTarget.algorithm, realmParameters, realmPolicy, samples),
    await time('Keycloak 26 Argon2id defaults', 'argon2', argon2(a.iterations), undefined, samples),
    await time('pbkdf2-sha512 (Keycloak default iterations)', 'pbkdf2-sha512', '210000 iterations', parsePasswordPolicy('hashAlgorithm(pbkdf2-sha512)'), samples),
  ];
}

async function time(label: string, algorithm: string, parameters: string, policy: PasswordPolicy | undefined, samples: number): Promise<HashTiming> {
  const credential = await hashPassword(password, policy);
  if (!(await verifyPassword(password, credential))) throw new Error(`${label}: the hash does not verify`);
  const wall: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await verifyPassword(password, credential);
    wall.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 / samples;
  return {
    label,
    algorithm,
    parameters,
    msPerHash: round(median(wall), 2),
    cpuMsPerHash: round(cpuMs, 2),
    floorLoginsPerCoreSecond: round(1000 / cpuMs, 1),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
