import type { ClientRepresentation } from '../../model/client.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import type { UserRepresentation } from '../../model/user.js';

/**
 * Which token a mapper is writing. Keycloak has one interface per kind (OIDCAccessTokenMapper,
 * OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper) and TokenManager only calls
 * the mappers implementing the interface of the token it builds.
 */
export type TokenCategory = 'access' | 'id' | 'userinfo' | 'introspection';

export const ALL_CATEGORIES: ReadonlySet<TokenCategory> = new Set(['access', 'id', 'userinfo', 'introspection']);

/** A token's claims exactly as they will be serialised (Keycloak's typed fields and otherClaims flattened). */
export type Claims = Record<string, unknown>;

/** A group the user is a direct member of, with its ancestors reachable through `parent`. */
export interface MapperGroup {
  readonly id: string;
  readonly name: string;
  /** Keycloak's full path, e.g. "/top/child" (ModelToRepresentation.buildGroupPath). */
  readonly path: string;
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** Group attributes are inherited from parents (KeycloakModelUtils.resolveAttribute). */
  readonly parent?: MapperGroup;
}

/**
 * The user's effective roles for this client: composites expanded, group roles included, already
 * limited by the client's scope (fullScopeAllowed / scope mappings / client scopes) — what Keycloak's
 * RoleResolveUtil caches per request. Mutable: the role name and hardcoded role mappers rewrite it
 * before the role claim mappers read it. Keyed by clientId, as in `resource_access`.
 */
export interface ResolvedRoles {
  readonly realm: Set<string>;
  readonly clients: Map<string, Set<string>>;
}

export interface MapperUserSession {
  readonly id: string;
  /** UserSessionModel notes, e.g. AUTH_TIME, or the notes identity-provider mappers leave. */
  readonly notes: Readonly<Record<string, string>>;
}

/** What the token builder knows when it runs the mappers. */
export interface MapperContext {
  readonly realm: { readonly id: string; readonly name: string; readonly attributes?: Readonly<Record<string, string>> };
  /** The client the token is issued to. */
  readonly client: ClientRepresentation;
  readonly user: UserRepresentation;
  /** Direct group memberships (Keycloak's UserModel.getGroupsStream()). */
  readonly groups: readonly MapperGroup[];
  readonly roles: ResolvedRoles;
  readonly userSession?: MapperUserSession;
  /**
   * AuthenticatedClientSessionModel notes the ACR mapper reads: `SSO_AUTH` ("true" when the login
   * reused the SSO cookie), `level-of-authentication`, `claims` and `acr_values` (request parameters).
   */
  readonly clientSessionNotes?: Readonly<Record<string, string>>;
  /** The client's web origins, resolved: "+" already expanded to its redirect URIs' origins. */
  readonly allowedWebOrigins: readonly string[];
  /**
   * Set by a client policy (Keycloak's "use-lightweight-access-token" executor); the client attribute
   * `client.use.lightweight.access.token.enabled` is read from `client` as well.
   */
  readonly useLightweightAccessToken?: boolean;
}

/** One protocol mapper provider (a Keycloak ProtocolMapper factory), keyed by its provider id. */
export interface ProtocolMapper {
  readonly providerId: string;
  /** ProtocolMapper.getPriority(): lower runs first; Keycloak's default is 0. */
  readonly priority?: number;
  /** The token kinds whose mapper interface the Keycloak class implements. */
  readonly categories: ReadonlySet<TokenCategory>;
  /** Overrides the standard inclusion rules (include.ts) where the Keycloak class does. */
  includes?(mapper: ProtocolMapperRepresentation, category: TokenCategory, ctx: MapperContext): boolean;
  /** Rewrites ctx.roles (role name and hardcoded role mappers). */
  transformRoles?(mapper: ProtocolMapperRepresentation, ctx: MapperContext): void;
  /** Adds claims. */
  map?(claims: Claims, mapper: ProtocolMapperRepresentation, ctx: MapperContext, category: TokenCategory): void;
}

/** Keycloak's ProtocolMapperUtils priorities. */
export const PRIORITY = {
  /** SubMapper runs first so other mappers may override `sub`. */
  sub: -10,
  default: 0,
  /** Role name mapper can move roles to different positions. */
  roleNames: 10,
  /** Hardcoded role mapper can add roles. */
  hardcodedRole: 20,
  /** Audiences are resolved once the roles are set. */
  audienceResolve: 30,
  /** Roles are added to tokens last. */
  roleMapper: 40,
} as const;

/** ProtocolMapperUtils / OIDCAttributeMapperHelper config keys shared by several mappers. */
export const CONFIG = {
  claimName: 'claim.name',
  jsonType: 'jsonType.label',
  multivalued: 'multivalued',
  aggregateAttrs: 'aggregate.attrs',
  userAttribute: 'user.attribute',
  userSessionNote: 'user.session.note',
} as const;
