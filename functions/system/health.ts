import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/response.js';
import { routeForKey } from '../../shared/routes.js';
import { defaultStore } from '../../shared/store/default-store.js';
import { healthProbeKey } from '../../shared/store/keys.js';

/**
 * Keycloak's health endpoints (MicroProfile Health format): the liveness and started routes say the
 * process answers; the overall and readiness routes also check that the table answers (one GetItem of a
 * probe key). 200 when UP, 503 when DOWN.
 */
export const handler = httpHandler(async (event) => {
  const route = routeForKey(event.routeKey)?.name;
  if (route === 'health.live' || route === 'health.started') return health([]);
  let database: 'UP' | 'DOWN' = 'UP';
  try {
    await defaultStore().get(healthProbeKey);
  } catch {
    database = 'DOWN';
  }
  return health([{ name: 'Gatehouse database connections health check', status: database }]);
});

function health(checks: { name: string; status: 'UP' | 'DOWN' }[]) {
  const status = checks.every((check) => check.status === 'UP') ? 'UP' : 'DOWN';
  return json(status === 'UP' ? 200 : 503, { status, checks }, { 'cache-control': 'no-store' });
}
