import type { RealmConfig } from '../../realm/realm-config.js';
import type { ClientConfig } from '../../store/clients.js';
import { InvalidScope } from '../errors/codes.js';
import { appliedScopes, type AppliedScopes } from '../scopes/applied-scopes.js';

/**
 * The client scopes a token was issued with, re-derived from its `scope` claim (Keycloak's
 * DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, token.getScope())):
 * the client's default scopes plus the optional ones the claim names. A name the client no longer has
 * (an admin removed the scope since) is skipped, never an error: the token was valid when issued.
 */
export function tokenScopes(realm: RealmConfig, client: ClientConfig, scopeClaim: unknown): AppliedScopes {
  const names = typeof scopeClaim === 'string' ? scopeClaim.split(' ').filter(Boolean) : [];
  try {
    return appliedScopes(realm, client, names.join(' '));
  } catch (error) {
    if (!(error instanceof InvalidScope)) throw error;
    const known = names.filter((name) => {
      try {
        appliedScopes(realm, client, name);
        return true;
      } catch {
        return false;
      }
    });
    return appliedScopes(realm, client, known.join(' '));
  }
}
