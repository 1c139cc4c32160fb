import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../shared/realm/create-user.js';
import { loadRealmConfig } from '../../shared/realm/realm-config.js';
import { routePath } from '../../shared/routes.js';
import { startAdminServer, type AdminServer } from '../support/admin-fixture.js';

let server: AdminServer;

beforeAll(async () => {
  server = await startAdminServer();
});
afterAll(() => server?.close());

describe('Admin API authentication and routing', () => {
  it("serves Keycloak's admin client with a master admin-cli token", async () => {
    const realms = await server.kc.realms.find();
    expect(realms.map((r) => r.realm)).toContain('master');
    const master = await server.kc.realms.findOne({ realm: 'master' });
    expect(master).toMatchObject({ id: 'master', realm: 'master', enabled: true });
  });

  it('answers 401 without a token or with a bad one', async () => {
    expect((await server.call('GET', routePath('admin.realms'), { token: '' })).status).toBe(401);
    const forged = await server.call('GET', routePath('admin.realms'), { token: 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln' });
    expect(forged.status).toBe(401);
    expect(forged.json).toEqual({ error: 'HTTP 401 Unauthorized' });
  });

  it('answers 403 to a user without admin roles, and lists no realm to them', async () => {
    const master = (await loadRealmConfig(server.store, 'master'))!;
    await createUser(server.store, master, { username: 'nobody', password: 'nobody-Pass-1' });
    const token = await server.token('nobody', 'nobody-Pass-1');
    expect((await server.call('GET', routePath('admin.realm', { realm: 'master' }), { token })).status).toBe(403);
    const listed = await server.call('GET', routePath('admin.realms'), { token });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([]);
  });

  it('answers 404 for an unknown realm, an unknown path and 405 for a wrong method', async () => {
    const unknown = await server.call('GET', routePath('admin.realm', { realm: 'nope' }));
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'Realm not found.' });
    expect((await server.call('GET', `${routePath('admin.realm', { realm: 'master' })}/no-such-thing`)).status).toBe(404);
    const wrongMethod = await server.call('PATCH', routePath('admin.realm', { realm: 'master' }));
    expect(wrongMethod.status).toBe(405);
  });

  it('refuses signed-path requests the gateway could not verify', async () => {
    expect((await server.call('GET', routePath('iam.admin.realms'))).status).toBe(403);
  });
});
