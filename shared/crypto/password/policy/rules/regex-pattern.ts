import { compileJavaPattern } from '../java-regex.js';
import { policyError } from '../policy-error.js';
import type { PasswordRule } from './password-rule.js';

/**
 * RegexPatternsPasswordPolicyProvider: Pattern.matcher(password).matches() must hold; the error carries
 * the pattern text. parsePasswordPolicy has already rejected patterns that do not compile.
 */
export const regexPatternRule: PasswordRule = {
  id: 'regexPattern',
  validate: (password, { regexPattern }) => {
    if (regexPattern === undefined) return null;
    const compiled = compileJavaPattern(regexPattern);
    return compiled && compiled.test(password) ? null : policyError('invalidPasswordRegexPatternMessage', regexPattern);
  },
};
