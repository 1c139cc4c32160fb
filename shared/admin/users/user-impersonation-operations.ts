import { randomUUID } from 'node:crypto';
import { userEventWrites } from '../../events/user-event.js';
import { issuerOf } from '../../oidc/discovery.js';
import { sessionExpiry, userSessionLimits, IDLE_GRACE_SECONDS } from '../../oidc/tokens/lifespans.js';
import { userSessionItem } from '../../store/sessions.js';
import type { AdminOperation } from '../admin-handler.js';
import { AdminBadRequest } from '../errors.js';
import { ok } from '../responses.js';
import { userAt, userEventPath, userPath } from './user-access.js';

/**
 * Keycloak 26.0's UserResource.impersonate (impersonation right): a new user session for the user,
 * noting who impersonates (ImpersonationSessionNote IMPERSONATOR_ID / IMPERSONATOR_USERNAME), and an
 * IMPERSONATE user event and the admin event in the same transaction; the answer sends the browser to the realm's
 * account console. Disabled users and service accounts cannot be impersonated. The SSO cookies that
 * tie a browser to this session, and the logout of the impersonator's own session in the same realm,
 * come with the login pages (DESIGN.md §7, §8) — until then the session exists but no browser holds it.
 */
export const userImpersonationOperations: readonly AdminOperation[] = [
  {
    method: 'POST',
    path: `${userPath}/impersonation`,
    async run(request) {
      const { realm, user } = await userAt(request);
      await request.require('impersonation');
      const rep = user.user.rep;
      if (!rep.enabled) throw new AdminBadRequest('User is disabled');
      if (typeof rep['serviceAccountClientId'] === 'string') throw new AdminBadRequest('Service accounts cannot be impersonated');
      const now = Math.floor(Date.now() / 1000);
      const sessionId = randomUUID();
      const session = userSessionItem({
        realmId: realm.realm.id,
        id: sessionId,
        userId: rep.id,
        loginUsername: rep.username,
        ipAddress: request.ipAddress,
        authMethod: 'impersonate',
        rememberMe: false,
        offline: false,
        started: now,
        lastSessionRefresh: now,
        expiresAt: sessionExpiry(userSessionLimits(realm.realm.rep, false), now, now) + IDLE_GRACE_SECONDS,
        notes: { IMPERSONATOR_ID: request.principal.userId, IMPERSONATOR_USERNAME: request.principal.username },
      });
      const event = userEventWrites(realm, {
        type: 'IMPERSONATE',
        userId: rep.id,
        sessionId,
        ipAddress: request.ipAddress,
        details: { impersonator_realm: request.principal.realmName, impersonator: request.principal.username },
      });
      // Keycloak records only the IMPERSONATE user event; Gatehouse also records the admin write (DESIGN.md §9).
      const writes = [{ kind: 'create' as const, item: session, onConflict: () => new Error('Session id collision') }, ...event];
      await request.commit(writes, { operationType: 'ACTION', resourceType: 'USER', resourcePath: userEventPath(rep.id, 'impersonation') }, { realm });
      const sameRealm = request.principal.kind === 'user' && request.principal.realmId === realm.realm.id;
      return ok({ sameRealm, redirect: `${issuerOf(request.baseUrl, realm.realm.name)}/account` });
    },
  },
];
