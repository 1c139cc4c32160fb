/**
 * Keycloak's ComponentRepresentation: realm components such as key providers
 * (providerType "org.keycloak.keys.KeyProvider"); `config` maps each setting to a list of strings.
 */
export interface ComponentRepresentation {
  id: string;
  name: string;
  providerId: string;
  providerType: string;
  parentId: string;
  subType?: string;
  config: Record<string, string[]>;
}

export const keyProviderType = 'org.keycloak.keys.KeyProvider';
