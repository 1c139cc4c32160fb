import type { RealmRepresentation } from '../../model/realm.js';
import { realmNameProblem } from '../../model/realm-defaults.js';
import { masterRealmId } from '../../realm/master.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { passwordPolicyOf } from '../../realm/import/import-realm.js';
import { contentFields, type RealmInput } from '../../realm/import/realm-schema.js';
import { InvalidRealmError } from '../../realm/realm-errors.js';
import { AdminBadRequest } from '../errors.js';
import { exportOnlyFields, SECRET_MASK } from './realm-representation.js';

/** Fields PUT never changes: the realm's content and identity (RealmAdminResource.updateRealm ignores them). */
const IGNORED = new Set<string>([...contentFields, ...exportOnlyFields, 'id', 'passwordCredentialGrantAllowed', 'userCacheEnabled', 'realmCacheEnabled', 'federatedUsers']);
const SSL_REQUIRED = ['all', 'external', 'none'];
/** OTPPolicy's defaults, which RepresentationToModel.toPolicy starts from whenever otpPolicyType is sent. */
const OTP_DEFAULTS = { otpPolicyType: 'totp', otpPolicyAlgorithm: 'HmacSHA1', otpPolicyInitialCounter: 0, otpPolicyDigits: 6, otpPolicyLookAheadWindow: 1, otpPolicyPeriod: 30, otpPolicyCodeReusable: false };

/**
 * RealmAdminResource.updateRealm → RepresentationToModel.updateRealm: only the fields the body sets
 * change (null is "not set"); users, clients, roles, groups, flows and other content in the body are
 * ignored. Checked first, as Keycloak does: master keeps its name, a new name has no reserved
 * characters, the password policy parses, the login and user-action code lifespans are positive.
 * `attributes`, when sent, replace the realm's (absent ones are removed); a masked SMTP password keeps
 * the stored one; the OTP policy is rebuilt from Keycloak's defaults when its type is sent; a WebAuthn
 * policy changes only when its relying-party name is sent.
 */
export function updatedRealm(config: RealmConfig, body: RealmInput): RealmRepresentation & { realm: string } {
  const current = config.realm.rep;
  if (config.realm.id === masterRealmId && body.realm != null && body.realm !== config.realm.name) throw new AdminBadRequest("Can't rename master realm");
  if (body.realm != null) {
    const problem = realmNameProblem(body.realm);
    if (problem) throw new AdminBadRequest(problem);
  }
  if (body.accessCodeLifespanLogin != null && body.accessCodeLifespanUserAction != null && (body.accessCodeLifespanLogin < 1 || body.accessCodeLifespanUserAction < 1)) {
    throw new AdminBadRequest('AccessCodeLifespanLogin or AccessCodeLifespanUserAction cannot be 0');
  }
  try {
    passwordPolicyOf(body.passwordPolicy);
  } catch (error) {
    if (error instanceof InvalidRealmError) throw new AdminBadRequest(error.message);
    throw error;
  }
  if (body.sslRequired != null && !SSL_REQUIRED.includes(body.sslRequired.toLowerCase())) throw new AdminBadRequest(`Invalid value for sslRequired: ${body.sslRequired}`);

  const next: Record<string, unknown> = { ...current };
  const given = Object.entries(body).filter(([field, value]) => value !== null && value !== undefined && !IGNORED.has(field));
  const webAuthn = typeof body.webAuthnPolicyRpEntityName === 'string' && body.webAuthnPolicyRpEntityName !== '';
  const passwordless = typeof body.webAuthnPolicyPasswordlessRpEntityName === 'string' && body.webAuthnPolicyPasswordlessRpEntityName !== '';
  if (body.otpPolicyType != null) Object.assign(next, OTP_DEFAULTS);
  for (const [field, value] of given) {
    if (field.startsWith('webAuthnPolicyPasswordless') ? !passwordless : field.startsWith('webAuthnPolicy') && !webAuthn) continue;
    if (field.startsWith('otpPolicy') && body.otpPolicyType == null) continue;
    next[field] = value;
  }
  if (typeof next['sslRequired'] === 'string') next['sslRequired'] = (next['sslRequired'] as string).toLowerCase();
  if (body.smtpServer?.['password'] === SECRET_MASK) {
    const stored = (current['smtpServer'] as Record<string, string> | undefined)?.['password'];
    next['smtpServer'] = { ...body.smtpServer, ...(stored !== undefined ? { password: stored } : {}) };
    if (stored === undefined) delete (next['smtpServer'] as Record<string, unknown>)['password'];
  }
  return { ...(next as RealmRepresentation), id: config.realm.id, realm: body.realm ?? config.realm.name };
}

/** What Keycloak records as the update's representation: the body, the SMTP password blanked. */
export function updateEventRepresentation(body: RealmInput): unknown {
  const smtp = body.smtpServer;
  return smtp?.['password'] ? { ...body, smtpServer: { ...smtp, password: SECRET_MASK } } : body;
}
