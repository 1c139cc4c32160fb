/**
 * The mails of Keycloak's email listener (EmailEventListenerProvider; theme base/email: templates
 * event-login_error, event-update_password, event-update_totp, event-remove_totp and their messages in
 * messages_en.properties): `{0}` is the event's date, `{1}` the IP address it came from.
 */
const templates: Readonly<Record<string, { subject: string; body: string }>> = {
  LOGIN_ERROR: {
    subject: 'Login error',
    body: 'A failed login attempt was detected to your account on {0} from {1}. If this was not you, please contact an administrator.',
  },
  UPDATE_PASSWORD: {
    subject: 'Update password',
    body: 'Your password was changed on {0} from {1}. If this was not you, please contact an administrator.',
  },
  UPDATE_TOTP: {
    subject: 'Update OTP',
    body: 'OTP was updated for your account on {0} from {1}. If this was not you, please contact an administrator.',
  },
  REMOVE_TOTP: {
    subject: 'Remove OTP',
    body: 'OTP was removed from your account on {0} from {1}. If this was not you, please contact an administrator.',
  },
};

export interface EventMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The mail for an event type, or undefined for a type Keycloak's email listener has no template for. */
export function eventMail(type: string, time: number, ipAddress: string | undefined): EventMail | undefined {
  const template = Object.hasOwn(templates, type) ? templates[type] : undefined;
  if (!template) return undefined;
  const date = new Date(time).toUTCString();
  const text = template.body.replace('{0}', date).replace('{1}', ipAddress ?? 'an unknown address');
  return { subject: template.subject, text, html: `<p>${escapeHtml(text)}</p>` };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
