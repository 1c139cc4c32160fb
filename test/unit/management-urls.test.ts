import { describe, expect, it } from 'vitest';
import { managementUrls } from '../../shared/admin/adapter-actions/management-urls.js';

const server = 'https://auth.example.com';

describe('managementUrls (ResourceAdminManager.getAllManagementUrls)', () => {
  it('has nothing without an admin URL', () => {
    expect(managementUrls({ clientId: 'a', rootUrl: 'https://app.example' }, server)).toEqual([]);
    expect(managementUrls({ clientId: 'a', adminUrl: '' }, server)).toEqual([]);
  });

  it('resolves a relative admin URL against the root URL, its server placeholder, or the server', () => {
    expect(managementUrls({ clientId: 'a', rootUrl: 'https://app.example/', adminUrl: '/admin' }, server)).toEqual(['https://app.example/admin']);
    expect(managementUrls({ clientId: 'a', rootUrl: '${authBaseUrl}', adminUrl: '/realms/x/app' }, server)).toEqual(['https://auth.example.com/realms/x/app']);
    expect(managementUrls({ clientId: 'a', adminUrl: '/app' }, server)).toEqual(['https://auth.example.com/app']);
    expect(managementUrls({ clientId: 'a', rootUrl: 'https://ignored.example', adminUrl: 'https://admin.example/hook' }, server)).toEqual(['https://admin.example/hook']);
  });

  it('swaps in the host of each registered node re-registered within the timeout', () => {
    const now = 1_000_000;
    const client = { clientId: 'a', adminUrl: 'https://app.example:8443/mgmt', registeredNodes: { 'node-b': now - 10, 'node-a': now - 100, 'stale': now - 1_000 } };
    expect(managementUrls({ ...client, nodeReRegistrationTimeout: 500 }, server, now)).toEqual(['https://node-a:8443/mgmt', 'https://node-b:8443/mgmt']);
    expect(managementUrls({ ...client, nodeReRegistrationTimeout: -1 }, server, now)).toHaveLength(3);
    expect(managementUrls({ ...client, registeredNodes: { stale: now - 1_000 }, nodeReRegistrationTimeout: 500 }, server, now)).toEqual(['https://app.example:8443/mgmt']);
  });
});
