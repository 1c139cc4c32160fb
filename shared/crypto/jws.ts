import type { Signer } from './key-provider.js';

/**
 * JWS Compact Serialization (RFC 7515 §3.1, §5.1): BASE64URL(header) "." BASE64URL(payload) "."
 * BASE64URL(signature), the header carrying alg, typ and kid.
 */
export async function signJwt(payload: object, signer: Signer, typ = 'JWT'): Promise<string> {
  const header = { alg: signer.algorithm, typ, kid: signer.kid };
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = await signer.sign(Buffer.from(signingInput, 'ascii'));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
