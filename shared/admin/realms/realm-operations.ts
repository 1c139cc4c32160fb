import { RealmsRepository } from '../../store/realms.js';
import { mountOf, type AdminOperation } from '../admin-handler.js';
import { AdminForbidden } from '../errors.js';
import { holdsAny } from '../permissions.js';
import { ok } from '../responses.js';
import { loadRealmConfig } from '../../realm/realm-config.js';

const realms = mountOf('admin.realms');
const realm = mountOf('admin.realm');

/** The realm-level admin operations (Keycloak's RealmsAdminResource and RealmAdminResource). */
export const realmOperations: readonly AdminOperation[] = [
  {
    // GET /admin/realms: the realms the caller may see (any admin role over them), ordered by name.
    method: 'GET',
    path: realms,
    async run(request) {
      const repository = new RealmsRepository(request.store);
      const brief = request.query.boolean('briefRepresentation') === true;
      const visible: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.list(100, cursor);
        for (const record of page.items) {
          const config = await loadRealmConfig(request.store, record.id);
          if (!config || !holdsAny(await request.principal.rolesOver(config))) continue;
          visible.push(brief ? { id: record.id, realm: record.name, displayName: record.rep.displayName, enabled: record.rep.enabled } : { ...record.rep, id: record.id, realm: record.name });
        }
        cursor = page.cursor;
      } while (cursor);
      return ok(visible);
    },
  },
  {
    // GET /admin/realms/{realm}: the full representation for view-realm; others with any admin role get the brief one.
    method: 'GET',
    path: realm,
    async run(request) {
      const config = await request.realm();
      const rep = { ...config.realm.rep, id: config.realm.id, realm: config.realm.name };
      if (await request.has('view-realm')) return ok(rep);
      if (!holdsAny(await request.principal.rolesOver(config))) throw new AdminForbidden();
      return ok({ id: rep.id, realm: rep.realm, displayName: rep.displayName, enabled: rep.enabled });
    },
  },
];
