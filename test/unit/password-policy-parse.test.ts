import { describe, expect, it } from 'vitest';
import { formatPasswordPolicy, parsePasswordPolicy, PasswordPolicyConfigError } from '../../shared/crypto/password/index.js';

describe('parsePasswordPolicy (PasswordPolicy.parse)', () => {
  it('parses a realm export policy string into typed fields', () => {
    const policy = parsePasswordPolicy(
      'hashAlgorithm(pbkdf2-sha512) and hashIterations(210000) and length(8) and notUsername(undefined) and ' +
        'maxLength(64) and digits(2) and lowerCase(1) and upperCase(1) and specialChars(1) and notEmail(undefined) and ' +
        'passwordHistory(5) and forceExpiredPasswordChange(90) and regexPattern([A-Za-z0-9!]+) and passwordBlacklist(top.txt) and ' +
        'passwordAge(60) and maxAuthAge(300) and notContainsUsername',
    );
    expect(policy).toMatchObject({
      hashAlgorithm: 'pbkdf2-sha512',
      hashIterations: 210000,
      length: 8,
      notUsername: true,
      maxLength: 64,
      digits: 2,
      lowerCase: 1,
      upperCase: 1,
      specialChars: 1,
      notEmail: true,
      passwordHistory: 5,
      forceExpiredPasswordChange: 90,
      regexPattern: '[A-Za-z0-9!]+',
      passwordBlacklist: 'top.txt',
      passwordAge: 60,
      maxAuthAge: 300,
      notContainsUsername: true,
    });
    expect(policy.entries[0]).toEqual(['hashAlgorithm', 'pbkdf2-sha512']);
    expect(policy.entries[3]).toEqual(['notUsername', 'undefined']);
  });

  it("falls back to each provider's default when a policy has no argument", () => {
    expect(
      parsePasswordPolicy(
        'length and maxLength and digits and lowerCase and upperCase and specialChars and passwordHistory and ' +
          'passwordAge and forceExpiredPasswordChange and hashIterations and maxAuthAge and recoveryCodesWarningThreshold',
      ),
    ).toMatchObject({
      length: 8,
      maxLength: 64,
      digits: 1,
      lowerCase: 1,
      upperCase: 1,
      specialChars: 1,
      passwordHistory: 3,
      passwordAge: 30,
      forceExpiredPasswordChange: 365,
      hashIterations: -1,
      maxAuthAge: -1,
      recoveryCodesWarningThreshold: 4,
    });
  });

  it.each([null, undefined, '', '   '])('treats %j as no policy', (text) => {
    expect(parsePasswordPolicy(text)).toEqual({ entries: [] });
  });

  it('keeps the first position and the last value of a repeated policy (LinkedHashMap.put)', () => {
    const policy = parsePasswordPolicy('length(8) and digits(1) and length(12)');
    expect(policy.length).toBe(12);
    expect(policy.entries).toEqual([
      ['length', '12'],
      ['digits', '1'],
    ]);
  });

  it.each([
    ['bogus(1)', 'Password policy not found'],
    ['length(8) and Length(8)', 'Password policy not found'],
    ['length(abc)', 'Invalid config for length: Not a valid number'],
    ['length( 8)', 'Invalid config for length: Not a valid number'], // Integer.valueOf does not trim
    ['length()', 'Invalid config for length: Not a valid number'],
    ['digits(99999999999)', 'Invalid config for digits: Not a valid number'],
    ['hashAlgorithm(bcrypt)', 'Invalid config for hashAlgorithm: Password hashing provider not found'],
    ['hashAlgorithm', 'Invalid config for hashAlgorithm: Password hashing provider id must be set'],
    ['regexPattern', 'Invalid config for regexPattern: Config required'],
    ['regexPattern( )', 'Invalid config for regexPattern: White space not acepted'],
    ['regexPattern(([a-z)', 'Invalid config for regexPattern: Not a valid regular expression'],
  ])('rejects %j with Keycloak\'s message', (text, message) => {
    expect(() => parsePasswordPolicy(text)).toThrow(new PasswordPolicyConfigError(message));
  });

  it('round-trips through formatPasswordPolicy (Builder.asString)', () => {
    const text = 'hashAlgorithm(pbkdf2-sha256) and length(12) and notUsername and regexPattern(^.*$)';
    expect(formatPasswordPolicy(parsePasswordPolicy(text))).toBe(text);
    expect(formatPasswordPolicy(parsePasswordPolicy('notUsername(undefined)'))).toBe('notUsername(undefined)');
    expect(formatPasswordPolicy(parsePasswordPolicy(''))).toBeNull();
  });
});
