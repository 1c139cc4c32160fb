/**
 * The grant types the token endpoint serves. Kept apart from the grant handlers so the discovery
 * document can list them without bundling the handlers (grants.ts must implement exactly these).
 */
export const supportedGrantTypes = ['client_credentials', 'password', 'refresh_token'] as const;

export type SupportedGrantType = (typeof supportedGrantTypes)[number];
