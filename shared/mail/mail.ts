/** One mail, with a plain-text and an HTML body (Keycloak sends both, as its email templates do). */
export interface MailMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * The port every mail goes out through (DESIGN.md §2, §13): SES on AWS, the SES stand-in
 * (aws-ses-v2-local) on a laptop and in tests. A failure to hand the mail over rejects, so the caller
 * can answer as Keycloak does when its EmailSenderProvider throws.
 */
export interface Mail {
  send(message: MailMessage): Promise<void>;
}

/** The mail could not be handed to the mail service (Keycloak's EmailException). */
export class MailError extends Error {
  override readonly name = 'MailError';
}
