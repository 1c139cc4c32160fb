import type { PasswordPolicy } from './password-policy.js';
import { policyConfigParsers, type PolicyFields } from './policy-config-parsers.js';
import { PasswordPolicyConfigError } from './policy-error.js';

/**
 * PasswordPolicy.Builder(String): split on " and ", trim each part, take the id before the first "(" and
 * the config between it and the last character (assumed to be ")"); later duplicates overwrite the value
 * but keep the first position (LinkedHashMap.put). Java's split drops trailing empty strings.
 */
function splitPolicyString(policyString: string): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  if (policyString.trim() === '') return map;
  const parts = policyString.split(' and ');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  for (const part of parts.map((p) => p.trim())) {
    const open = part.indexOf('(');
    if (open === -1) map.set(part, undefined);
    else map.set(part.substring(0, open).trim(), part.substring(open + 1, part.length - 1));
  }
  return map;
}

/**
 * Parses a realm's `passwordPolicy` string (RealmRepresentation.passwordPolicy) the way
 * PasswordPolicy.parse does, e.g. "hashAlgorithm(pbkdf2-sha512) and hashIterations(210000) and length(8)".
 * Throws PasswordPolicyConfigError with Keycloak's message for an unknown id or a bad config.
 */
export function parsePasswordPolicy(policyString: string | null | undefined): PasswordPolicy {
  const map = splitPolicyString(policyString ?? '');
  const fields: PolicyFields = {};
  for (const [id, config] of map) {
    const parse = Object.hasOwn(policyConfigParsers, id) ? policyConfigParsers[id] : undefined;
    if (!parse) throw new PasswordPolicyConfigError('Password policy not found');
    parse(config, fields);
  }
  return { ...fields, entries: [...map.entries()] };
}

/** PasswordPolicy.Builder.asString: the inverse, "id(config)" joined by " and ", null when empty. */
export function formatPasswordPolicy(policy: PasswordPolicy): string | null {
  if (policy.entries.length === 0) return null;
  return policy.entries
    .map(([id, config]) => (config !== undefined && config.trim() !== '' ? `${id}(${config})` : id))
    .join(' and ');
}
