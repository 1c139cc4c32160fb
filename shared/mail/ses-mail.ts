import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { MailError, type Mail } from './mail.js';

/**
 * The SES v2 adapter of the mail port: one SendEmail call with a simple (subject, text, HTML)
 * content. Pointed at aws-ses-v2-local by an endpoint locally; on AWS the sender must be an identity
 * SES has verified.
 */
export function sesMail(client: SESv2Client): Mail {
  return {
    async send(message) {
      try {
        await client.send(
          new SendEmailCommand({
            FromEmailAddress: message.from,
            Destination: { ToAddresses: [message.to] },
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: 'UTF-8' },
                Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
              },
            },
          }),
        );
      } catch (error) {
        throw new MailError(`SES refused the mail: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
