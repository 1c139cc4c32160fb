import { ProtocolError } from '../../http/errors.js';
import type { PolicyError } from '../../crypto/password/index.js';

/**
 * The admin theme's texts for password policy errors (Keycloak's base/admin messages_en.properties;
 * AdminRoot.getMessages), `{n}` standing for the error's parameters.
 */
const messages: Readonly<Record<string, string>> = {
  invalidPasswordMinLengthMessage: 'Invalid password: minimum length {0}.',
  invalidPasswordMaxLengthMessage: 'Invalid password: maximum length {0}.',
  invalidPasswordMinLowerCaseCharsMessage: 'Invalid password: must contain at least {0} lower case characters.',
  invalidPasswordMinDigitsMessage: 'Invalid password: must contain at least {0} numerical digits.',
  invalidPasswordMinUpperCaseCharsMessage: 'Invalid password: must contain at least {0} upper case characters.',
  invalidPasswordMinSpecialCharsMessage: 'Invalid password: must contain at least {0} special characters.',
  invalidPasswordNotUsernameMessage: 'Invalid password: must not be equal to the username.',
  invalidPasswordNotContainsUsernameMessage: 'Invalid password: Can not contain the username.',
  invalidPasswordNotEmailMessage: 'Invalid password: must not be equal to the email.',
  invalidPasswordRegexPatternMessage: 'Invalid password: fails to match regex pattern(s).',
  invalidPasswordHistoryMessage: 'Invalid password: must not be equal to any of last {0} passwords.',
  invalidPasswordNotRecentlyUsedMessage: 'Invalid password: Cannot reuse password used within last {0} days.',
  invalidPasswordBlacklistedMessage: 'Invalid password: password is blacklisted.',
  invalidPasswordGenericMessage: 'Invalid password: new password does not match password policies.',
};

/**
 * PasswordPolicyNotMetException as the user endpoints answer it (ErrorResponseException with the
 * message key and its formatted text): 400 `{"error": key, "error_description": text}`.
 */
export class PasswordPolicyRejected extends ProtocolError {
  constructor(error: PolicyError) {
    const template = Object.hasOwn(messages, error.message) ? messages[error.message]! : error.message;
    super(400, error.message, template.replace(/\{(\d+)\}/g, (whole, index: string) => String(error.parameters[Number(index)] ?? whole)));
  }
}
