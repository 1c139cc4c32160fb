import { HttpError } from '../../http/errors.js';

/** One of Keycloak's ErrorRepresentation entries for a user profile attribute. */
export interface ProfileError {
  readonly field: string;
  readonly errorMessage: string;
  readonly params: readonly (string | number)[];
}

/**
 * UserResource.validateUserProfile's 400: one error as a single ErrorRepresentation
 * (`{"field", "errorMessage", "params"}`), several as `{"errors": [...]}` (ErrorResponse.errors).
 */
export class UserProfileInvalid extends HttpError {
  readonly statusCode = 400;
  constructor(private readonly errors: readonly ProfileError[]) {
    super(errors.map((error) => `${error.field}: ${error.errorMessage}`).join('; '));
  }
  body() {
    return this.errors.length === 1 ? this.errors[0] : { errors: this.errors };
  }
}

/** The attributes Keycloak's default user profile (UPConfig) declares, as the request sets them. */
export interface ProfileValues {
  readonly username: string;
  readonly email?: string | undefined;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
}

/**
 * The validators of Keycloak's default user profile configuration: username length 3–255, email an
 * email address of at most 255 characters, first and last name at most 255 characters. (Messages and
 * parameters are Keycloak's validator keys: error-invalid-length with the attribute, min and max;
 * invalidEmailMessage with the attribute.)
 */
export function profileErrors(values: ProfileValues): ProfileError[] {
  const errors: ProfileError[] = [];
  const length = (field: string, value: string | undefined, min: number, max: number) => {
    if (value !== undefined && (value.length < min || value.length > max)) errors.push({ field, errorMessage: 'error-invalid-length', params: [field, min, max] });
  };
  length('username', values.username, 3, 255);
  if (values.email !== undefined && values.email !== '') {
    if (!isEmail(values.email)) errors.push({ field: 'email', errorMessage: 'invalidEmailMessage', params: ['email'] });
    else length('email', values.email, 1, 255);
  }
  length('firstName', values.firstName, 0, 255);
  length('lastName', values.lastName, 0, 255);
  return errors;
}

export function requireValidProfile(values: ProfileValues): void {
  const errors = profileErrors(values);
  if (errors.length > 0) throw new UserProfileInvalid(errors);
}

/**
 * EmailValidationUtil.isValidEmail's shape: a local part of RFC 5322 atom characters and dots (at
 * most 64), an `@`, and a domain of dot-separated labels (letters, digits, hyphens, any non-ASCII for
 * internationalized names) neither starting nor ending with a hyphen.
 */
export function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return domain.split('.').every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(label));
}

/**
 * The required action providers Keycloak ships (their provider ids): UserResource.updateUserFromRep
 * keeps the actions of a representation that name one of them and drops the rest.
 */
export const REQUIRED_ACTION_PROVIDERS = [
  'CONFIGURE_TOTP',
  'TERMS_AND_CONDITIONS',
  'UPDATE_PASSWORD',
  'UPDATE_PROFILE',
  'VERIFY_EMAIL',
  'delete_account',
  'webauthn-register',
  'webauthn-register-passwordless',
  'VERIFY_PROFILE',
  'delete_credential',
  'update_user_locale',
  'CONFIGURE_RECOVERY_AUTHN_CODES',
  'UPDATE_EMAIL',
  'idp_link',
] as const;

/** The actions of a representation Keycloak keeps, without repeats, in the order given. */
export function knownRequiredActions(actions: readonly string[]): string[] {
  const known = new Set<string>(REQUIRED_ACTION_PROVIDERS);
  return [...new Set(actions.filter((action) => known.has(action)))];
}
