/** Keycloak's master realm has the fixed id and name `master`. */
export const masterRealmId = 'master';
