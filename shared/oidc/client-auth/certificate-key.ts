import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The client's signature key from its "jwt.credential.certificate" attribute (an X.509 certificate,
 * base64 DER as Keycloak's admin console stores it, or PEM) or, failing that, its
 * "jwt.credential.public.key" attribute (SubjectPublicKeyInfo, base64 DER or PEM) — Keycloak
 * ClientPublicKeyLoader / CertificateInfoHelper.getCertificateFromClient with prefix "jwt.credential".
 */
export function certificateKey(attributes: Record<string, string> | undefined): KeyObject | undefined {
  const certificate = der(attributes?.['jwt.credential.certificate']);
  if (certificate) {
    try {
      return new X509Certificate(certificate).publicKey;
    } catch {
      return undefined;
    }
  }
  const publicKey = der(attributes?.['jwt.credential.public.key']);
  if (!publicKey) return undefined;
  try {
    return createPublicKey({ key: publicKey, format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

function der(value: string | undefined): Buffer | undefined {
  const base64 = value?.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return base64 && /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64') : undefined;
}
