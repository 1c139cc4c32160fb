import { createHash, randomUUID } from 'node:crypto';
import { signJwt } from '../../crypto/jws.js';
import { hashOf, type SigningAlgorithm, type Signer } from '../../crypto/key-provider.js';
import type { KeyProviders } from '../../keys/key-providers.js';
import { activeKeyFor } from '../../keys/realm-keys.js';
import type { RealmConfig } from '../../realm/realm-config.js';
import { applyProtocolMappers } from '../mappers/apply.js';
import type { Claims } from '../mappers/mapper.js';
import { accessTokenLifespan, sessionExpiry, sessionLimits } from './lifespans.js';
import { tokenNotBefore } from './not-before.js';
import type { TokenContext } from './token-context.js';

/** The token endpoint's successful response, in Keycloak's field order (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_expires_in: number;
  refresh_token?: string;
  token_type: 'Bearer';
  id_token?: string;
  'not-before-policy': number;
  session_state?: string;
  scope: string;
}

export interface IssueOptions {
  readonly issuer: string;
  /** Epoch seconds. */
  readonly now: number;
  readonly refreshToken: boolean;
  readonly nonce?: string;
}

/**
 * Builds and signs the tokens (Keycloak's TokenManager.responseBuilder): the access token from its
 * base claims plus the protocol mappers, an ID token when the scope holds `openid`, and a refresh
 * token (typ Refresh, or Offline for offline sessions) signed with the realm's HMAC key.
 */
export async function issueTokens(ctx: TokenContext, keys: KeyProviders, options: IssueOptions): Promise<TokenResponse> {
  const { realm, client, session, scopes } = ctx;
  const { issuer, now } = options;
  const clientRep = client.client.rep;
  const realmRep = realm.realm.rep;
  const offline = session?.offline ?? false;
  const limits = sessionLimits(realmRep, clientRep, offline, session?.rememberMe);
  const sessionEnd = session ? sessionExpiry(limits, session.started, session.lastSessionRefresh) : undefined;

  // Access tokens never outlive their session (Keycloak caps exp at the session's max lifespan).
  let accessExp = now + accessTokenLifespan(realmRep, clientRep);
  if (session && limits.max > 0) accessExp = Math.min(accessExp, session.started + limits.max);

  const access: Claims = { exp: accessExp, iat: now, jti: randomUUID(), iss: issuer, typ: 'Bearer', azp: clientRep.clientId };
  if (session) access.sid = session.id;
  applyProtocolMappers(access, ctx.mappers, ctx.mapperContext, 'access');
  access.scope = scopes.scopeString;
  const accessSigner = await realmSigner(realm, keys, algorithmFor(clientRep.attributes?.['access.token.signed.response.alg'], realmRep.defaultSignatureAlgorithm));

  const response: TokenResponse = {
    access_token: await signJwt(access, accessSigner),
    expires_in: accessExp - now,
    refresh_expires_in: 0,
    token_type: 'Bearer',
    // Keycloak's AccessTokenResponseBuilder.build: the latest of the realm's, client's and user's notBefore.
    'not-before-policy': tokenNotBefore(realmRep, clientRep, ctx.user.user.rep),
    scope: scopes.scopeString,
  };

  if (options.refreshToken && session) {
    // Offline tokens expire with their idle timeout only when a max lifespan applies (Keycloak).
    const refreshExp = offline && limits.max === 0 ? undefined : sessionEnd;
    const refresh: Claims = {
      ...(refreshExp ? { exp: refreshExp } : {}),
      iat: now,
      jti: randomUUID(),
      iss: issuer,
      aud: issuer,
      sub: ctx.user.user.rep.id,
      typ: offline ? 'Offline' : 'Refresh',
      azp: clientRep.clientId,
      sid: session.id,
      scope: scopes.scopeString,
    };
    response.refresh_token = await signJwt(refresh, await realmSigner(realm, keys, 'HS512'));
    response.refresh_expires_in = refreshExp ? refreshExp - now : 0;
  }

  if (scopes.openid) {
    // The ID token always names its subject (TokenManager.initIdToken); in access tokens `sub` comes
    // from the basic scope's sub mapper, so lightweight tokens can leave it out.
    const id: Claims = { exp: accessExp, iat: now, jti: randomUUID(), iss: issuer, aud: clientRep.clientId, sub: ctx.user.user.rep.id, typ: 'ID', azp: clientRep.clientId };
    if (options.nonce) id.nonce = options.nonce;
    if (session) id.sid = session.id;
    applyProtocolMappers(id, ctx.mappers, ctx.mapperContext, 'id');
    const idSigner = await realmSigner(realm, keys, algorithmFor(clientRep.attributes?.['id.token.signed.response.alg'], realmRep.defaultSignatureAlgorithm));
    id.at_hash = atHash(response.access_token, idSigner.algorithm);
    response.id_token = await signJwt(id, idSigner);
  }
  if (session) response.session_state = session.id;
  return reorder(response);
}

/** The active key for an algorithm, opened for signing (cached per container by KeyProviders). */
export async function realmSigner(realm: RealmConfig, keys: KeyProviders, algorithm: SigningAlgorithm): Promise<Signer> {
  const key = activeKeyFor(realm.keys, algorithm);
  if (!key) throw new Error(`Realm ${realm.realm.name} has no active ${algorithm} key`);
  return keys.signer({ realmId: realm.realm.id, componentId: key.componentId }, key.material);
}

function algorithmFor(clientSetting: string | undefined, realmDefault: unknown): SigningAlgorithm {
  return (clientSetting || (typeof realmDefault === 'string' && realmDefault) || 'RS256') as SigningAlgorithm;
}

/** OIDC Core §3.1.3.6: left half of the hash of the access token, base64url. */
function atHash(accessToken: string, algorithm: SigningAlgorithm): string {
  const digest = createHash(hashOf(algorithm)).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** Keycloak's response field order. */
function reorder(response: TokenResponse): TokenResponse {
  const order: (keyof TokenResponse)[] = ['access_token', 'expires_in', 'refresh_expires_in', 'refresh_token', 'token_type', 'id_token', 'not-before-policy', 'session_state', 'scope'];
  return Object.fromEntries(order.filter((key) => response[key] !== undefined).map((key) => [key, response[key]])) as unknown as TokenResponse;
}
