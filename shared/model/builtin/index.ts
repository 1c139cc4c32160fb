/*
 * What Keycloak 26 creates in every new realm, as data: client scopes (client-scopes.ts), realm roles
 * (roles.ts), clients and their roles (clients.ts), built from the mapper shapes in mappers.ts.
 */
export * from './client-scopes.js';
export * from './clients.js';
export * from './mappers.js';
export * from './roles.js';
