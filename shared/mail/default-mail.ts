import { SESv2Client } from '@aws-sdk/client-sesv2';
import { once } from '../config/env-config.js';
import type { Mail } from './mail.js';
import { mailConfig } from './mail-config.js';
import { sesMail } from './ses-mail.js';

/** The container's mail port: SES, at GATEHOUSE_SES_ENDPOINT when set (the local stand-in). */
export const defaultMail = once((): Mail => {
  const endpoint = mailConfig().sesEndpoint;
  return sesMail(new SESv2Client(endpoint ? { endpoint } : {}));
});
