import { describe, expect, it } from 'vitest';
import {
  fromDeprecatedPasswordRepresentation,
  verifyPassword,
  type KeycloakPasswordCredential,
} from '../../shared/crypto/password/index.js';

/**
 * Known-answer vectors. Two kinds, marked on each case:
 * - "Keycloak": secretData/credentialData written by a real Keycloak server, copied from public
 *   repositories (realm exports and MySQL dumps of Keycloak's CREDENTIAL table). Where the password is
 *   not written next to the hash, it was recovered by trying common passwords with node:crypto's
 *   pbkdf2Sync / @node-rs/argon2 outside this code base, and says so.
 * - "spec": published test vectors of the primitive (RFC 6070, RFC 7914, the Argon2 reference
 *   implementation's src/test.c) wrapped by hand into Keycloak's JSON, to cover parameters no
 *   Keycloak export in reach used (Argon2i/Argon2d, version 1.0, odd key sizes).
 */
const pbkdf2 = (algorithm: string, iterations: number, value: string, salt: string, legacyJson = false): KeycloakPasswordCredential =>
  legacyJson
    ? { secretData: JSON.stringify({ value, salt }), credentialData: JSON.stringify({ hashIterations: iterations, algorithm }) }
    : {
        secretData: JSON.stringify({ value, salt, additionalParameters: {} }),
        credentialData: JSON.stringify({ hashIterations: iterations, algorithm, additionalParameters: {} }),
      };

const argon2 = (type: string, version: string, t: number, m: number, value: string, salt: string): KeycloakPasswordCredential => ({
  secretData: JSON.stringify({ value, salt, additionalParameters: {} }),
  credentialData: JSON.stringify({
    hashIterations: t,
    algorithm: 'argon2',
    additionalParameters: { hashLength: ['32'], memory: [String(m)], type: [type], version: [version], parallelism: ['1'] },
  }),
});

const hex64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const SOMESALT = Buffer.from('somesalt').toString('base64');

const cases: { name: string; credential: KeycloakPasswordCredential; password: string }[] = [
  {
    // Keycloak: solo-io/workshops (gloo-mesh workshop, workshop-realm.json imported into Keycloak 25.0.5);
    // the lab text says to log in as user1 with the password "password". 256-bit value, 27,500 iterations.
    name: 'Keycloak pbkdf2-sha256, 27500 iterations, 256-bit key (solo-io/workshops user1)',
    credential: pbkdf2('pbkdf2-sha256', 27500, 'JsfNbCOIdZUbyBJ+BT+VoGI91Ec2rWLOvkLPDaX8e9k=', 'P5rtFkGtPfoaryJ6PizUJw=='),
    password: 'password',
  },
  {
    // Keycloak: a public MySQL dump of the CREDENTIAL table (created 2023-10-25, pre-24 default: 512-bit key).
    // Password recovered by trial ("password").
    name: 'Keycloak pbkdf2-sha256, 27500 iterations, 512-bit key (MySQL dump, 2023)',
    credential: pbkdf2(
      'pbkdf2-sha256',
      27500,
      'm0BD19dXBu3D0SumRDS876Gfc1VdHls+941de1g2hkgDnSqg0Coi3rlJLVToXfnqpqAiwWv0erTbgVl0/Cs7QQ==',
      'oTccwgqXnc+IwS9Kc/8KWg==',
    ),
    password: 'password',
  },
  {
    // Keycloak: a public MySQL dump from 2021 in the Keycloak 11-era JSON without additionalParameters.
    // Password recovered by trial ("admin").
    name: 'Keycloak pbkdf2-sha256 without additionalParameters (MySQL dump, 2021)',
    credential: pbkdf2(
      'pbkdf2-sha256',
      27500,
      'f/sYLTgaU49euDVn6VFdXRdT53NSYLrYQEsXq//OhrJwOLbh6PFgHp4XUOpC3zyrsqlMjpy2jvjRKFDbok9RWQ==',
      'c5saFSVi4W0zKod5hnkm0g==',
      true,
    ),
    password: 'admin',
  },
  {
    // Keycloak: a public MySQL dump of the CREDENTIAL table (created 2024-06-13, pbkdf2-sha512 default
    // of 210,000 iterations). Password recovered by trial ("password").
    name: 'Keycloak pbkdf2-sha512, 210000 iterations (MySQL dump, 2024)',
    credential: pbkdf2(
      'pbkdf2-sha512',
      210000,
      'NF37if/knSlg9bkdU3x1p9g2/euhaRMjmVZK+hnIYpxCK8moTZ5iwf7aUZ01eilrRBYBMl7Fijaph6a6DXmH5g==',
      'C/cIBWhO0KJYaXzbWEcj2w==',
    ),
    password: 'password',
  },
  {
    // Keycloak: a public data-lake project's Keycloak realm guide (realm "iceberg" for Lakekeeper, user
    // peter), which states 'The password "iceberg" becomes the hashed value in secretData'. Keycloak 24+
    // default Argon2id.
    name: 'Keycloak argon2 id 1.3, m=7168 t=5 p=1 (Lakekeeper realm, peter/iceberg)',
    credential: argon2('id', '1.3', 5, 7168, 'BuViHNDGmCq80fvpty/QoggTI8NSt0CuNDGgeoa5f5A=', 'RJ0aLMQ2qKbZuROs7qQhcA=='),
    password: 'iceberg',
  },
  {
    // Keycloak: solo-io/workshops realm (user admin1). Password recovered by trial ("password").
    name: 'Keycloak argon2 id 1.3 (solo-io/workshops admin1)',
    credential: argon2('id', '1.3', 5, 7168, 'BruFLfFkjH/8erZ26NnrbkOrWiZuQyDRCHD9o0R6Scg=', 'Cf9AYCE5pAbb4CKEF0GUTA=='),
    password: 'password',
  },
  {
    // Keycloak 3 (2017): the Renku platform's Helm-chart realm export in the deprecated credential format
    // (hashedSaltedValue, pbkdf2 = PBKDF2WithHmacSHA1, 20,000 iterations), converted as Keycloak's
    // RepresentationToModel does. User "demo"; password recovered by trial ("demo").
    name: 'Keycloak 3 pbkdf2 (SHA-1) in the deprecated hashedSaltedValue format (Renku demo)',
    credential: fromDeprecatedPasswordRepresentation({
      hashedSaltedValue: 'b55DNTA2fTf2o4Vhp+oyTI9EugUpwVqpexCAZ7b6++J40QzVWa1j/6P1iJ2F8y9nBx0eXy53u0VX9pZYhgdaAg==',
      salt: 'VsYJarM+eZEMeGPx9L9tXg==',
      hashIterations: 20000,
      algorithm: 'pbkdf2',
    }),
    password: 'demo',
  },
  {
    // spec: RFC 6070 §2, PBKDF2-HMAC-SHA1 P="password" S="salt" c=4096 dkLen=20. A 160-bit stored value
    // checks that the key length comes from the stored hash (Pbkdf2PasswordHashProvider.keySize).
    name: 'RFC 6070 PBKDF2-HMAC-SHA1, 20-byte key, as algorithm "pbkdf2"',
    credential: pbkdf2('pbkdf2', 4096, hex64('4b007901b765489abead49d926f721d065a429c1'), Buffer.from('salt').toString('base64')),
    password: 'password',
  },
  {
    // spec: RFC 7914 §11, PBKDF2-HMAC-SHA256 P="passwd" S="salt" c=1 dkLen=64.
    name: 'RFC 7914 PBKDF2-HMAC-SHA256, 64-byte key, as "pbkdf2-sha256"',
    credential: pbkdf2(
      'pbkdf2-sha256',
      1,
      hex64('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783'),
      Buffer.from('salt').toString('base64'),
    ),
    password: 'passwd',
  },
  // spec: P-H-C/phc-winner-argon2 src/test.c, "password"/"somesalt", t=2, m=65536, p=1, 32-byte tag.
  ...(
    [
      ['i', '1.0', 'f6c4db4a54e2a370627aff3db6176b94a2a209a62c8e36152711802f7b30c694'],
      ['i', '1.3', 'c1628832147d9720c5bd1cfd61367078729f6dfb6f8fea9ff98158e0d7816ed0'],
      ['d', '1.0', '2ec0d925358f5830caf0c1cc8a3ee58b34505759428b859c79b72415f51f9221'],
      ['d', '1.3', '955e5d5b163a1b60bba35fc36d0496474fba4f6b59ad53628666f07fb2f93eaf'],
      ['id', '1.0', '980ebd24a4e667f16346f9d4a78b175728783613e0cc6fb17c2ec884b16435df'],
      ['id', '1.3', '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7'],
    ] as const
  ).map(([type, version, tag]) => ({
    name: `Argon2 reference test.c: Argon2${type} version ${version}`,
    credential: argon2(type, version, 2, 65536, hex64(tag), SOMESALT),
    password: 'password',
  })),
];

describe('password known-answer vectors', () => {
  it.each(cases)('$name verifies with its password', async ({ credential, password }) => {
    expect(await verifyPassword(password, credential)).toBe(true);
  });

  it.each(cases)('$name rejects a wrong password', async ({ credential, password }) => {
    expect(await verifyPassword(`${password}x`, credential)).toBe(false);
    expect(await verifyPassword(password.toUpperCase(), credential)).toBe(false);
  });

  it('converts the deprecated format exactly as RepresentationToModel writes it', () => {
    expect(
      fromDeprecatedPasswordRepresentation({ hashedSaltedValue: 'ABC=', salt: 'c2FsdA==', hashIterations: 22, algorithm: 'my-algorithm' }),
    ).toEqual({
      credentialData: '{"hashIterations":22,"algorithm":"my-algorithm","additionalParameters":{}}',
      secretData: '{"value":"ABC=","salt":"c2FsdA=="}',
    });
  });
});
