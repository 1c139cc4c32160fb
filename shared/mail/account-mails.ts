import type { MailMessage } from './mail.js';

export type MailContent = Pick<MailMessage, 'subject' | 'text' | 'html'>;

/**
 * Labels of the required actions in Keycloak's email theme (base/email messages_en.properties,
 * `requiredAction.*`); an action without one is shown by its alias.
 */
const actionLabels: Readonly<Record<string, string>> = {
  CONFIGURE_TOTP: 'Configure OTP',
  TERMS_AND_CONDITIONS: 'Terms and Conditions',
  UPDATE_PASSWORD: 'Update Password',
  UPDATE_PROFILE: 'Update Profile',
  VERIFY_EMAIL: 'Verify Email',
  CONFIGURE_RECOVERY_AUTHN_CODES: 'Generate Recovery Codes',
};

/**
 * Keycloak's executeActions mail (EmailTemplateProvider.sendExecuteActions, template executeActions):
 * the link, the realm's display name, the actions asked for and how long the link lives.
 */
export function executeActionsMail(link: string, realmName: string, actions: readonly string[], lifespanSeconds: number): MailContent {
  const list = actions.map((action) => (Object.hasOwn(actionLabels, action) ? actionLabels[action] : action)).join(', ');
  const expires = linkExpiration(lifespanSeconds);
  return {
    subject: 'Update Your Account',
    text:
      `Your administrator has just requested that you update your ${realmName} account by performing the following action(s): ${list}. ` +
      `Click on the link below to start this process.\n\n${link}\n\nThis link will expire within ${expires}.\n\n` +
      'If you are unaware that your administrator has requested this, just ignore this message and nothing will be changed.',
    html:
      `<p>Your administrator has just requested that you update your ${escapeHtml(realmName)} account by performing the following action(s): ${escapeHtml(list)}. ` +
      `Click on the link below to start this process.</p><p><a href="${escapeHtml(link)}">Link to account update</a></p>` +
      `<p>This link will expire within ${expires}.</p>` +
      '<p>If you are unaware that your administrator has requested this, just ignore this message and nothing will be changed.</p>',
  };
}

/** Keycloak's email-verification mail (EmailTemplateProvider.sendVerifyEmail). */
export function verifyEmailMail(link: string, realmName: string, lifespanSeconds: number): MailContent {
  const expires = linkExpiration(lifespanSeconds);
  return {
    subject: 'Verify email',
    text:
      `Someone has created a ${realmName} account with this email address. If this was you, click the link below to verify your email address\n\n` +
      `${link}\n\nThis link will expire within ${expires}.\n\nIf you didn't create this account, just ignore this message.`,
    html:
      `<p>Someone has created a ${escapeHtml(realmName)} account with this email address. If this was you, click the link below to verify your email address</p>` +
      `<p><a href="${escapeHtml(link)}">Link to e-mail address verification</a></p><p>This link will expire within ${expires}.</p>` +
      "<p>If you didn't create this account, just ignore this message.</p>",
  };
}

/**
 * Keycloak's linkExpirationFormatter: the lifespan (whole minutes, as TimeUnit.SECONDS.toMinutes
 * gives it) in the largest unit that divides it — days, hours, else minutes — with the unit's
 * singular for one.
 */
export function linkExpiration(lifespanSeconds: number): string {
  const minutes = Math.floor(lifespanSeconds / 60);
  const [value, unit] = minutes > 0 && minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes > 0 && minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
