import { arch, platform, release } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { listenerName, listenerTypes, PUBLISH_ALL_LISTENER } from '../../events/listeners/listener.js';
import { builtinOidcClientScopes, builtinSamlClientScopes, OIDC, SAML } from '../../model/builtin/index.js';
import type { ProtocolMapperRepresentation } from '../../model/protocol-mapper.js';
import { supportedMapperIds } from '../../oidc/mappers/registry.js';
import { eventTypes, operationTypes, resourceTypes } from '../events/event-types.js';
import { oidcMapperTypes } from './mapper-types.js';
import { componentTypes, passwordHashProviders, passwordPolicyTypes } from './provider-types.js';

/**
 * The Keycloak release whose Admin API Gatehouse follows. Tools that read serverinfo's version to
 * choose API shapes (the admin console, Terraform's Keycloak provider) get the shapes we serve.
 */
export const KEYCLOAK_API_VERSION = '26.7.1';

/** When this container started: serverinfo's uptime is the serving process's, as in Keycloak. */
const startedAt = Date.now();

/** Keycloak's MemoryInfoRepresentation.formatSize: whole units, as "512 MB". */
function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Math.floor(value)} ${units[unit]}`;
}

/** SystemInfoRepresentation.uptime: "0 days, 1 hour, 2 minutes, 3 seconds". */
function formatUptime(millis: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const seconds = Math.floor(millis / 1000);
  return [plural(Math.floor(seconds / 86400), 'day'), plural(Math.floor((seconds % 86400) / 3600), 'hour'), plural(Math.floor((seconds % 3600) / 60), 'minute'), plural(seconds % 60, 'second')].join(', ');
}

/** The process's heap as Keycloak reports the JVM's: the limit, what is used, what is left. */
function memoryInfo() {
  const heap = getHeapStatistics();
  const total = heap.heap_size_limit;
  const used = heap.used_heap_size;
  const free = total - used;
  return { total, totalFormated: formatSize(total), used, usedFormated: formatSize(used), free, freePercentage: Math.round((free * 100) / total), freeFormated: formatSize(free) };
}

/** The mappers of the built-in client scopes of a protocol (LoginProtocolFactory.getBuiltinMappers), once per name. */
function builtinMappers(scopes: { protocolMappers?: ProtocolMapperRepresentation[] }[]): Omit<ProtocolMapperRepresentation, 'id'>[] {
  const byName = new Map<string, Omit<ProtocolMapperRepresentation, 'id'>>();
  for (const scope of scopes) {
    for (const { id: _id, ...mapper } of scope.protocolMappers ?? []) if (!byName.has(mapper.name)) byName.set(mapper.name, mapper);
  }
  return [...byName.values()];
}

/** Providers of an SPI, each with Keycloak's `order` (0 unless a provider says otherwise). */
const spi = (ids: readonly string[], internal = true) => ({ internal, providers: Object.fromEntries(ids.map((id) => [id, { order: 0 }])) });

/**
 * ServerInfoAdminResource.getInfo: the parts the admin console and the admin client read, describing
 * what this server actually offers (its mappers, key providers, password policies, listeners).
 */
export function serverInfo(now = Date.now()) {
  const noId = () => '';
  return {
    systemInfo: {
      version: KEYCLOAK_API_VERSION,
      serverTime: new Date(now).toUTCString(),
      uptime: formatUptime(now - startedAt),
      uptimeMillis: now - startedAt,
      javaRuntime: `Node.js ${process.version}`,
      osName: platform(),
      osArchitecture: arch(),
      osVersion: release(),
      fileEncoding: 'UTF-8',
      userTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      userLocale: 'en',
    },
    memoryInfo: memoryInfo(),
    profileInfo: {
      name: 'community',
      // Keycloak features this server does not offer (yet), so the console hides their screens.
      disabledFeatures: ['AUTHORIZATION', 'ADMIN_FINE_GRAINED_AUTHZ', 'CIBA', 'CLIENT_POLICIES', 'DEVICE_FLOW', 'DOCKER', 'DPOP', 'KERBEROS', 'ORGANIZATION', 'PAR', 'SCRIPTS', 'TOKEN_EXCHANGE', 'WEB_AUTHN'],
      previewFeatures: [],
      experimentalFeatures: [],
    },
    features: [],
    cryptoInfo: {
      cryptoProvider: 'Node.js crypto',
      supportedKeystoreTypes: [],
      clientSignatureSymmetricAlgorithms: ['HS256', 'HS384', 'HS512'],
      clientSignatureAsymmetricAlgorithms: ['ES256', 'ES384', 'PS256', 'RS256', 'RS384', 'RS512'],
    },
    themes: { login: [{ name: 'keycloak', locales: ['en'] }], email: [{ name: 'keycloak', locales: ['en'] }] },
    socialProviders: [],
    identityProviders: [],
    clientImporters: [],
    providers: {
      'login-protocol': spi([OIDC]),
      'protocol-mapper': spi(supportedMapperIds),
      keys: spi(componentTypes()['org.keycloak.keys.KeyProvider']!.map((type) => type.id)),
      'password-hashing': spi(passwordHashProviders),
      'password-policy': spi(passwordPolicyTypes().map((policy) => policy.id)),
      eventsListener: spi([...new Set([...listenerTypes.map(listenerName), PUBLISH_ALL_LISTENER])], false),
    },
    protocolMapperTypes: { [OIDC]: oidcMapperTypes() },
    builtinProtocolMappers: { [OIDC]: builtinMappers(builtinOidcClientScopes(noId)), [SAML]: builtinMappers(builtinSamlClientScopes(noId)) },
    clientInstallations: {},
    componentTypes: componentTypes(),
    passwordPolicies: passwordPolicyTypes(),
    enums: {
      sslRequired: ['ALL', 'EXTERNAL', 'NONE'],
      eventType: [...eventTypes],
      operationType: [...operationTypes],
      resourceType: [...resourceTypes],
    },
  };
}
