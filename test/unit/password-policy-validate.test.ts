import { describe, expect, it } from 'vitest';
import {
  listPasswordPolicyErrors,
  parsePasswordPolicy,
  validatePasswordAgainstPolicy,
} from '../../shared/crypto/password/index.js';

const check = (policy: string, password: string, user = { username: 'alice', email: 'alice@example.com' }) =>
  validatePasswordAgainstPolicy(password, parsePasswordPolicy(policy), user);

describe('validatePasswordAgainstPolicy: Keycloak message keys and parameters', () => {
  it.each([
    ['length(8)', 'short', 'invalidPasswordMinLengthMessage', [8]],
    ['maxLength(10)', 'elevenchars', 'invalidPasswordMaxLengthMessage', [10]],
    ['digits(2)', 'abc1', 'invalidPasswordMinDigitsMessage', [2]],
    ['lowerCase(2)', 'ABCd', 'invalidPasswordMinLowerCaseCharsMessage', [2]],
    ['upperCase(1)', 'abcd', 'invalidPasswordMinUpperCaseCharsMessage', [1]],
    ['specialChars(1)', 'abc123', 'invalidPasswordMinSpecialCharsMessage', [1]],
    ['notUsername(undefined)', 'alice', 'invalidPasswordNotUsernameMessage', []],
    ['notEmail(undefined)', 'alice@example.com', 'invalidPasswordNotEmailMessage', []],
    ['notContainsUsername', 'my-alice-pw', 'invalidPasswordNotContainsUsernameMessage', []],
    ['regexPattern([a-z]+)', 'abc1', 'invalidPasswordRegexPatternMessage', ['[a-z]+']],
  ])('%s rejects %j with %s %j', (policy, password, message, parameters) => {
    expect(check(policy, password)).toEqual({ message, parameters });
  });

  it.each([
    ['length(8)', '12345678'],
    ['maxLength(10)', 'tencharsok'],
    ['digits(2)', 'a1b2'],
    ['lowerCase(2)', 'ABcd'],
    ['upperCase(1)', 'aBcd'],
    ['specialChars(1)', 'abc-123'],
    ['notUsername', 'alice1'],
    ['notEmail', 'alice@example.org'],
    ['notContainsUsername', 'al1ce'],
    ['regexPattern([a-z]+)', 'abc'],
  ])('%s accepts %j', (policy, password) => {
    expect(check(policy, password)).toBeNull();
  });

  it('counts UTF-16 code units as Java does', () => {
    // 🔑 is two code units: length 2, and each surrogate half is "not a letter or digit".
    expect(check('length(3)', 'a🔑')).toBeNull();
    expect(check('specialChars(2)', 'ab🔑')).toBeNull();
    // Character.isDigit covers every Nd digit, e.g. Arabic-Indic ٣.
    expect(check('digits(1)', 'abc٣')).toBeNull();
    // Character.isLowerCase / isUpperCase are Unicode-wide.
    expect(check('lowerCase(1) and upperCase(1)', 'ÉÀß')).toBeNull();
  });

  it('compares username and email ignoring case (keycloak/keycloak#37431)', () => {
    expect(check('notUsername', 'ALICE')?.message).toBe('invalidPasswordNotUsernameMessage');
    expect(check('notEmail', 'Alice@Example.COM')?.message).toBe('invalidPasswordNotEmailMessage');
    expect(check('notContainsUsername', 'xxALICExx')?.message).toBe('invalidPasswordNotContainsUsernameMessage');
  });

  it('skips the user checks when the user has no username or email', () => {
    expect(validatePasswordAgainstPolicy('alice', parsePasswordPolicy('notUsername and notEmail and notContainsUsername'))).toBeNull();
  });

  it('matches regexPattern against the whole password (Matcher.matches)', () => {
    expect(check('regexPattern([a-z]+|[0-9]+)', 'abc')).toBeNull();
    expect(check('regexPattern([a-z]+|[0-9]+)', 'abc123')?.message).toBe('invalidPasswordRegexPatternMessage');
    expect(check('regexPattern(\\p{Lu}.*)', 'Abc')).toBeNull();
    expect(check('regexPattern(\\@.*)', '@abc')).toBeNull(); // Java accepts the identity escape \@
  });

  it('reports the first broken rule in policy order, or all of them', () => {
    const policy = parsePasswordPolicy('length(8) and digits(1) and upperCase(1) and hashIterations(1000)');
    expect(validatePasswordAgainstPolicy('abc', policy)?.message).toBe('invalidPasswordMinLengthMessage');
    expect(listPasswordPolicyErrors('abc', policy).map((e) => e.message)).toEqual([
      'invalidPasswordMinLengthMessage',
      'invalidPasswordMinDigitsMessage',
      'invalidPasswordMinUpperCaseCharsMessage',
    ]);
    expect(validatePasswordAgainstPolicy('Abcdefg1', policy)).toBeNull();
  });
});
