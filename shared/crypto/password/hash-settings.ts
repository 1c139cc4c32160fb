import { keycloakArgon2Settings, type Argon2Settings } from './argon2-parameters.js';

/**
 * Server-level hashing settings, outside the realm policy: in Keycloak these are the argon2 provider's
 * SPI options (`--spi-password-hashing-argon2-memory=...` etc.). Defaults are Keycloak 26's.
 */
export interface PasswordHashSettings {
  readonly argon2: Argon2Settings;
}

export const defaultPasswordHashSettings: PasswordHashSettings = { argon2: keycloakArgon2Settings };
