import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { NodeSha256 } from '../crypto/sigv4-sha256.js';
import { MailError, type Mail } from './mail.js';

export interface SesMailOptions {
  /** SES endpoint (the local stand-in); default `https://email.<region>.amazonaws.com`. */
  readonly endpoint?: string | undefined;
  /** AWS_REGION, which Lambda sets (and the local runtime and tests). */
  readonly region?: string | undefined;
  readonly credentials?: AwsCredentialIdentityProvider;
}

/**
 * The SES v2 adapter of the mail port: one SendEmail call (POST /v2/email/outbound-emails) with a
 * simple (subject, text, HTML) content, signed with Signature Version 4 (service `ses`) under the
 * default credential chain (environment credentials in Lambda bundles, lib/bundling.ts). Written as
 * one signed request rather than through @aws-sdk/client-sesv2: the client and its REST protocol code
 * are ~80 KB of the admin/users function, which sends these mails and nothing else to SES (issue 6:
 * bundles ≤ 500 KB). Pointed at aws-ses-v2-local by an endpoint locally; on AWS the sender must be an
 * identity SES has verified. The event listener's mails (events/email) use the SDK client.
 */
export function sesMail(options: SesMailOptions = {}): Mail {
  const credentials = options.credentials ?? defaultProvider();
  return {
    async send(message) {
      const region = options.region;
      if (!region) throw new MailError('SES refused the mail: no AWS region (AWS_REGION) is set');
      const url = new URL('v2/email/outbound-emails', withSlash(options.endpoint ?? `https://email.${region}.amazonaws.com`));
      const body = JSON.stringify({
        FromEmailAddress: message.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          },
        },
      });
      let response: Response;
      try {
        const signer = new SignatureV4({ service: 'ses', region, credentials, sha256: NodeSha256 });
        const signed = await signer.sign({
          method: 'POST',
          protocol: url.protocol,
          hostname: url.hostname,
          ...(url.port ? { port: Number(url.port) } : {}),
          path: url.pathname,
          query: {},
          headers: { host: url.host, 'content-type': 'application/json' },
          body,
        });
        response = await fetch(url, { method: 'POST', headers: signed.headers, body, signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        throw new MailError(`SES refused the mail: ${(error as Error).message}`, { cause: error });
      }
      if (response.ok) return;
      const text = await response.text().catch(() => '');
      throw new MailError(`SES refused the mail: ${response.status} ${errorMessage(text, response.headers.get('x-amzn-errortype'))}`);
    },
  };
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** SES's error body is JSON with `message` (or `Message`); the type comes in x-amzn-ErrorType. */
function errorMessage(text: string, type: string | null): string {
  let message: unknown;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    message = parsed['message'] ?? parsed['Message'];
  } catch {
    message = text.slice(0, 200);
  }
  return [type?.split(':')[0], typeof message === 'string' ? message : undefined].filter(Boolean).join(': ') || 'no answer';
}
