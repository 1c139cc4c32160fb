import { once } from '../config/env-config.js';
import type { Mail } from './mail.js';
import { mailConfig } from './mail-config.js';
import { sesMail } from './ses-mail.js';

/** The container's mail port: SES, at GATEHOUSE_SES_ENDPOINT when set (the local stand-in). */
export const defaultMail = once((): Mail => {
  return sesMail({ endpoint: mailConfig().sesEndpoint, region: process.env.AWS_REGION });
});
