import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/** The port mail goes out through: SES on AWS, the SES stand-in (aws-ses-v2-local) locally. */
export interface Mailer {
  send(mail: { from: string; to: string; subject: string; text: string; html: string }): Promise<void>;
}

/** SES v2 SendEmail; `endpoint` points at the local stand-in when set. */
export function sesMailer(endpoint: string | undefined, client = new SESv2Client(endpoint ? { endpoint } : {})): Mailer {
  return {
    async send(mail) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}
