import { log } from '../../log/logger.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { includeInToken } from './include.js';
import { PRIORITY, type Claims, type MapperContext, type ProtocolMapper, type TokenCategory } from './mapper.js';
import { mapperFor } from './registry.js';

const OIDC = 'openid-connect';

/**
 * TokenManager.transform{Access,ID,UserInfo,Introspection}Token: runs the OIDC protocol mappers of the
 * client and its client scopes over `claims` for one token kind.
 *
 * - Only mappers whose provider implements that token kind run (Keycloak filters on the mapper
 *   interface); unknown provider ids are skipped, as Keycloak skips mappers without a provider factory.
 * - Mappers run in ProtocolMapperUtils priority order (a stable sort, so equal priorities keep the
 *   given order): sub (-10), plain claim mappers (0), role name (10), hardcoded role (20), audience
 *   resolve (30), role claims (40). Role transforms therefore always precede the claims that read roles.
 * - Each mapper's `<kind>.token.claim` switch (or its own rule, see include.ts) decides whether it runs.
 *
 * `ctx.roles` is mutated by the role-transforming mappers. Keycloak caches the resolved roles per
 * request, so when one token response builds the access token first and then the ID token, the ID
 * token's role claims see the hardcoded/renamed roles too: pass the same `ctx` to reproduce that.
 */
export function applyProtocolMappers(
  claims: Claims,
  mappers: readonly ProtocolMapperRepresentation[],
  ctx: MapperContext,
  category: TokenCategory,
): Claims {
  for (const { mapper, provider } of runnableMappers(mappers, category)) {
    const included = provider.includes ? provider.includes(mapper, category, ctx) : includeInToken(mapper, category, ctx);
    if (!included) continue;
    provider.transformRoles?.(mapper, ctx);
    provider.map?.(claims, mapper, ctx, category);
  }
  return claims;
}

type Runnable = { readonly mapper: ProtocolMapperRepresentation; readonly provider: ProtocolMapper };

/** Runnable lists per mapper list (token-context.ts keeps one list per client and scope set and configVersion). */
const plans = new WeakMap<readonly ProtocolMapperRepresentation[], Map<TokenCategory, readonly Runnable[]>>();

/** The mappers whose provider implements the token kind, in priority order (a stable sort). */
function runnableMappers(mappers: readonly ProtocolMapperRepresentation[], category: TokenCategory): readonly Runnable[] {
  let byCategory = plans.get(mappers);
  if (!byCategory) plans.set(mappers, (byCategory = new Map()));
  const planned = byCategory.get(category);
  if (planned) return planned;
  const runnable: Runnable[] = [];
  for (const mapper of mappers) {
    if (mapper.protocol !== OIDC) continue;
    const provider = mapperFor(mapper.protocolMapper);
    if (!provider) {
      log('debug', 'Skipping protocol mapper without provider', { mapper: mapper.name, protocolMapper: mapper.protocolMapper });
      continue;
    }
    if (provider.categories.has(category)) runnable.push({ mapper, provider });
  }
  runnable.sort((a, b) => (a.provider.priority ?? PRIORITY.default) - (b.provider.priority ?? PRIORITY.default));
  byCategory.set(category, runnable);
  return runnable;
}
