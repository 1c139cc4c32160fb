import { PASSWORD_HASH_ALGORITHMS, DEFAULT_HASH_ALGORITHM } from '../../crypto/password/hash-algorithms.js';
import { policyConfigParsers } from '../../crypto/password/policy/policy-config-parsers.js';
import { keyProviderType } from '../../model/component.js';
import { property, type ConfigProperty } from './config-property.js';

/** Keycloak's PasswordPolicyTypeRepresentation. */
export interface PasswordPolicyType {
  id: string;
  displayName: string;
  configType?: 'int' | 'String';
  defaultValue?: string;
  multipleSupported: boolean;
}

/**
 * Each PasswordPolicyProviderFactory's display name, config type and suggested value (what the admin
 * console pre-fills), for the policy ids Gatehouse parses (policy-config-parsers.ts).
 */
const policyDisplay: Readonly<Record<string, Omit<PasswordPolicyType, 'id' | 'multipleSupported'> & { multipleSupported?: boolean }>> = {
  hashAlgorithm: { displayName: 'Hashing Algorithm', configType: 'String', defaultValue: DEFAULT_HASH_ALGORITHM },
  hashIterations: { displayName: 'Hashing Iterations', configType: 'int', defaultValue: '-1' },
  length: { displayName: 'Minimum length', configType: 'int', defaultValue: '8' },
  maxLength: { displayName: 'Maximum length', configType: 'int', defaultValue: '64' },
  digits: { displayName: 'Digits', configType: 'int', defaultValue: '1' },
  lowerCase: { displayName: 'Lowercase characters', configType: 'int', defaultValue: '1' },
  upperCase: { displayName: 'Uppercase characters', configType: 'int', defaultValue: '1' },
  specialChars: { displayName: 'Special characters', configType: 'int', defaultValue: '1' },
  notUsername: { displayName: 'Not username' },
  notEmail: { displayName: 'Not email' },
  notContainsUsername: { displayName: 'Not contains username' },
  regexPattern: { displayName: 'Regular expression', configType: 'String', defaultValue: '', multipleSupported: true },
  passwordBlacklist: { displayName: 'Password blacklist', configType: 'String', defaultValue: '' },
  passwordHistory: { displayName: 'Not recently used', configType: 'int', defaultValue: '3' },
  passwordAge: { displayName: 'Not recently used (In Days)', configType: 'int', defaultValue: '30' },
  forceExpiredPasswordChange: { displayName: 'Expire password', configType: 'int', defaultValue: '365' },
  maxAuthAge: { displayName: 'Maximum Authentication Age', configType: 'int', defaultValue: '300' },
  recoveryCodesWarningThreshold: { displayName: 'Recovery Codes Warning Threshold', configType: 'int', defaultValue: '4' },
};

/** serverinfo's `passwordPolicies`, sorted by display name as the console lists them. */
export function passwordPolicyTypes(): PasswordPolicyType[] {
  return Object.keys(policyConfigParsers)
    .map((id) => {
      const display = policyDisplay[id];
      if (!display) throw new Error(`No serverinfo description for password policy ${id}`);
      return { id, ...display, multipleSupported: display.multipleSupported ?? false };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Keycloak's ComponentTypeRepresentation. */
export interface ComponentType {
  id: string;
  helpText: string;
  properties: ConfigProperty[];
  metadata: Record<string, unknown>;
}

/** The settings every key provider has (AbstractRsaKeyProviderFactory / Attributes). */
const keyBasics = (): ConfigProperty[] => [
  property('priority', 'Priority', 'Priority for the provider', 'String', { defaultValue: '0' }),
  property('enabled', 'Enabled', 'Set if the keys are enabled', 'boolean', { defaultValue: 'true' }),
  property('active', 'Active', 'Set if the keys can be used for signing', 'boolean', { defaultValue: 'true' }),
];

const algorithm = (defaultValue: string, options: string[]) => property('algorithm', 'Algorithm', 'Intended algorithm for the key', 'List', { defaultValue, options });

/**
 * serverinfo's `componentTypes`: the key providers Gatehouse makes keys with (shared/keys), under
 * Keycloak's KeyProvider type, with their Keycloak settings; `kms` is Gatehouse's own (DESIGN.md §6).
 */
export function componentTypes(): Record<string, ComponentType[]> {
  const rsa = ['RS256', 'RS384', 'RS512', 'PS256'];
  return {
    [keyProviderType]: [
      {
        id: 'rsa-generated',
        helpText: 'Generates RSA keys and creates a self-signed certificate',
        properties: [...keyBasics(), algorithm('RS256', rsa), property('keySize', 'Key size', 'Size for the generated keys', 'List', { defaultValue: '2048', options: ['1024', '2048', '3072', '4096'] })],
        metadata: {},
      },
      {
        id: 'ecdsa-generated',
        helpText: 'Generates ECDSA keys',
        properties: [...keyBasics(), property('ecdsaEllipticCurveKey', 'Elliptic Curve', 'Elliptic Curve used in ECDSA', 'List', { defaultValue: 'P-256', options: ['P-256', 'P-384'] })],
        metadata: {},
      },
      {
        id: 'hmac-generated',
        helpText: 'Generates HMAC secret key',
        properties: [
          ...keyBasics(),
          property('secretSize', 'Secret size', 'Size in bytes for the generated secret', 'List', { defaultValue: '64', options: ['16', '24', '32', '64', '128', '256', '512'] }),
          algorithm('HS256', ['HS256', 'HS384', 'HS512']),
        ],
        metadata: {},
      },
      {
        id: 'kms',
        helpText: 'Signing key held in AWS KMS: the private key never leaves KMS, every signature is a KMS Sign call',
        properties: [...keyBasics(), algorithm('RS256', ['RS256', 'ES256'])],
        metadata: {},
      },
    ],
  };
}

/** The password hashing providers (PasswordHashSpi) for serverinfo's `providers`. */
export const passwordHashProviders: readonly string[] = PASSWORD_HASH_ALGORITHMS;
