import { createLocalJWKSet, type CompactVerifyGetKey, type JSONWebKeySet, type KeyObject } from 'jose';
import type { ClientRepresentation } from '../../model/client.js';
import { settingTrue } from '../tokens/setting-values.js';
import { certificateKey } from './certificate-key.js';
import { remoteJwks } from './remote-jwks.js';

export type VerificationKeys = KeyObject | CompactVerifyGetKey;

const localSets = new Map<string, CompactVerifyGetKey>();
const MAX_LOCAL_SETS = 1000;

/**
 * Where a private_key_jwt client's public keys come from, in Keycloak's order
 * (ClientPublicKeyLoader.loadKeys): "jwks.url" when "use.jwks.url" is true, else "jwks.string" when
 * "use.jwks.string" is true, else the certificate / public key attributes. From a JWKS, only keys
 * for signing qualify (no "use" or "use": "sig"), chosen by the header's kid and alg (jose).
 * Undefined when the client has none configured or what is configured cannot be read.
 */
export function clientVerificationKeys(rep: ClientRepresentation): VerificationKeys | undefined {
  const attributes = rep.attributes ?? {};
  if (settingTrue(attributes['use.jwks.url'])) {
    const url = attributes['jwks.url'];
    return url ? remoteJwks(url, rep.rootUrl) : undefined;
  }
  if (settingTrue(attributes['use.jwks.string'])) return localJwks(attributes['jwks.string']);
  return certificateKey(attributes);
}

function localJwks(text: string | undefined): CompactVerifyGetKey | undefined {
  if (!text) return undefined;
  let set = localSets.get(text);
  if (!set) {
    try {
      set = createLocalJWKSet(JSON.parse(text) as JSONWebKeySet);
    } catch {
      return undefined;
    }
    if (localSets.size >= MAX_LOCAL_SETS) localSets.delete(localSets.keys().next().value!);
    localSets.set(text, set);
  }
  return set;
}
