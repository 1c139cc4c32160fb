import * as v from 'valibot';
import { HttpError } from '../../http/errors.js';
import { clientUpdateWrites } from '../../store/clients.js';
import { pushAdminAction } from '../adapter-actions/push-admin-action.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminNotFound } from '../errors.js';
import { noContent, ok } from '../responses.js';
import { clientAt, clientEventPath } from './client-access.js';

const client = `${mountOf('admin.clients.rest')}/{id}`;

/** A JAX-RS BadRequestException as Keycloak's error handler renders it: 400 `{"error": message}`. */
class BadRequestException extends HttpError {
  readonly statusCode = 400;
  body() {
    return { error: this.message };
  }
}

/** ReservedCharValidator (RFC 3986 §2.2 reserved characters): what a node name may not contain. */
const RESERVED = /[:/?#@!$&()*+,;=[\]\\]/;

/** The body of POST nodes: a JSON map whose `node` is the node's host. */
const nodeForm = v.record(v.string(), v.nullish(v.string()));

/**
 * ClientResource's adapter actions (manage-clients, ClientPermissions.requireConfigure): the client's
 * not-before pushed to its admin URL, and an availability test of its cluster nodes — each answers
 * Keycloak's GlobalRequestResult and records an ACTION admin event carrying it — and the registration
 * of those cluster nodes (`registeredNodes`: host → registration time, epoch seconds), whose hosts the
 * pushes then go to.
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
  {
    // POST nodes {"node": host}: ClientResource.registerNode (CREATE CLUSTER_NODE), 204.
    method: 'POST',
    path: `${client}/nodes`,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      const node = request.body(nodeForm)['node'];
      if (!node) throw new BadRequestException('Node not found in params');
      const reserved = RESERVED.exec(node);
      if (reserved) throw new BadRequestException(`Character '${reserved[0]}' not allowed.`);
      const registeredNodes = { ...((found.client.rep['registeredNodes'] as Record<string, number> | undefined) ?? {}), [node]: Math.floor(Date.now() / 1000) };
      await request.commit(
        clientUpdateWrites(found.client, { ...found.client.rep, registeredNodes }, { onConflict: () => new Error('The client was changed meanwhile') }),
        { operationType: 'CREATE', resourceType: 'CLUSTER_NODE', resourcePath: clientEventPath(found.client.rep.id, 'nodes', node) },
        { config: true, realm },
      );
      return noContent();
    },
  },
  {
    // DELETE nodes/{node}: ClientResource.unregisterNode (DELETE CLUSTER_NODE), 404 for a node not registered.
    method: 'DELETE',
    path: `${client}/nodes/{node}`,
    async run(request) {
      const { realm, client: found } = await clientAt(request);
      await request.require('manage-clients');
      const node = request.params['node'] ?? '';
      const current = (found.client.rep['registeredNodes'] as Record<string, number> | undefined) ?? {};
      if (!Object.hasOwn(current, node)) throw new AdminNotFound('Client does not have node ');
      const { [node]: _removed, ...registeredNodes } = current;
      await request.commit(
        clientUpdateWrites(found.client, { ...found.client.rep, registeredNodes }, { onConflict: () => new Error('The client was changed meanwhile') }),
        { operationType: 'DELETE', resourceType: 'CLUSTER_NODE', resourcePath: clientEventPath(found.client.rep.id, 'nodes', node) },
        { config: true, realm },
      );
      return noContent();
    },
  },
];
