/**
 * Keycloak's RealmRepresentation. Only the fields Gatehouse reads are typed; the rest of a realm
 * (imported from Keycloak or set through the Admin API) is carried as-is so an export gives it back.
 */
export interface RealmRepresentation {
  id?: string;
  realm?: string;
  displayName?: string;
  displayNameHtml?: string;
  enabled?: boolean;
  sslRequired?: 'all' | 'external' | 'none';
  notBefore?: number;
  defaultSignatureAlgorithm?: string;
  accessTokenLifespan?: number;
  revokeRefreshToken?: boolean;
  refreshTokenMaxReuse?: number;
  registrationAllowed?: boolean;
  attributes?: Record<string, string>;
  [field: string]: unknown;
}
