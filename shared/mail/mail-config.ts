import { loadSettings, once, parse, type Settings } from '../config/env-config.js';

export interface MailConfig {
  /**
   * Sender of the mails Gatehouse writes itself (action links, verification) when the realm's SMTP
   * settings name none (`smtpServer.from`); on AWS an identity SES has verified. The event listener's
   * mails use the same variable (shared/events/events-config.ts).
   * @default "gatehouse@localhost"
   */
  readonly from: string;
  /**
   * SES endpoint; `npm start` points it at its SES stand-in. Unset on AWS.
   * @default undefined
   */
  readonly sesEndpoint: string | undefined;
}

const settings: Settings<MailConfig> = {
  from: { variable: 'GATEHOUSE_MAIL_FROM', parse: parse.text, defaultValue: 'gatehouse@localhost' },
  sesEndpoint: { variable: 'GATEHOUSE_SES_ENDPOINT', parse: parse.optional(parse.text), defaultValue: undefined },
};

export const mailConfig = once(() => loadSettings(settings));
