import { pushAdminAction } from '../adapter-actions/push-admin-action.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { ok } from '../responses.js';
import { clientAt, clientEventPath } from './client-access.js';

const client = `${mountOf('admin.clients.rest')}/{id}`;

/**
 * ClientResource's adapter actions (manage-clients, ClientPermissions.requireConfigure): the client's
 * not-before pushed to its admin URL, and an availability test of its cluster nodes. Each answers
 * Keycloak's GlobalRequestResult and records an ACTION admin event carrying it.
 */
export const clientAdapterOperations: readonly AdminOperation[] = [
  {
    // POST push-revocation: ResourceAdminManager.pushClientRevocationPolicy with the client's notBefore.
    method: 'POST',
    path: `${client}/push-revocation`,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      const notBefore = Number(found.client.rep.notBefore ?? 0);
      const pushed = await pushAdminAction(realm, found.client.rep, { action: 'PUSH_NOT_BEFORE', path: 'k_push_not_before', notBefore }, request.baseUrl);
      await request.commit([], { operationType: 'ACTION', resourceType: 'CLIENT', resourcePath: clientEventPath(found.client.rep.id, 'push-revocation'), representation: pushed }, { realm });
      return ok(pushed);
    },
  },
  {
    // GET test-nodes-available: ResourceAdminManager.testNodesAvailability.
    method: 'GET',
    path: `${client}/test-nodes-available`,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      const tested = await pushAdminAction(realm, found.client.rep, { action: 'TEST_AVAILABLE', path: 'k_test_available' }, request.baseUrl);
      await request.commit([], { operationType: 'ACTION', resourceType: 'CLIENT', resourcePath: clientEventPath(found.client.rep.id, 'test-nodes-available'), representation: tested }, { realm });
      return ok(tested);
    },
  },
];
