/** Keycloak's UserRepresentation (the fields stored with every user). */
export interface UserRepresentation {
  id: string;
  username: string;
  enabled: boolean;
  emailVerified: boolean;
  createdTimestamp: number;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes?: Record<string, string[]>;
  requiredActions: string[];
  notBefore: number;
  [field: string]: unknown;
}

/** Keycloak's CredentialRepresentation as stored (secretData stays server-side). */
export interface StoredCredential {
  id: string;
  type: string;
  userLabel?: string;
  createdDate: number;
  secretData: string;
  credentialData: string;
  priority: number;
}
