import { adminHandler } from '../../shared/admin/admin-handler.js';
import { groupOperations } from '../../shared/admin/groups/group-operations.js';
import { groupsCollectionOperations } from '../../shared/admin/groups/groups-collection-operations.js';
import { realmGroupOperations } from '../../shared/admin/groups/realm-group-operations.js';
import { groupRoleMappingOperations } from '../../shared/admin/role-mappings/role-mapping-operations.js';

/** The groups admin resource (GroupsResource, GroupResource, its role mappings) with group-by-path and default groups. */
export const handler = adminHandler([...groupsCollectionOperations, ...groupOperations, ...groupRoleMappingOperations, ...realmGroupOperations]);
