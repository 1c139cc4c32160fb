import * as v from 'valibot';
import { clientSchema } from '../../clients/client-schema.js';
import { groupSchema } from '../../groups/group-schema.js';
import { roleSchema } from '../../roles/role-representation.js';
import { importedUserSchema } from '../../../realm/import/user-schema.js';
import type { AdminRequest } from '../../admin-request.js';

const roleList = v.array(roleSchema);

/**
 * Keycloak's PartialImportRepresentation (@JsonIgnoreProperties(ignoreUnknown = true): the admin console
 * sends whole realm files, whose other fields are ignored); its lists are checked like their resources.
 * `ifResourceExists` is FAIL, SKIP or OVERWRITE (FAIL when absent).
 */
export const partialImportSchema = v.looseObject({
  ifResourceExists: v.nullish(v.picklist(['FAIL', 'SKIP', 'OVERWRITE'])),
  users: v.nullish(v.array(importedUserSchema)),
  clients: v.nullish(v.array(clientSchema)),
  groups: v.nullish(v.array(groupSchema)),
  identityProviders: v.nullish(v.array(v.record(v.string(), v.unknown()))),
  roles: v.nullish(v.looseObject({ realm: v.nullish(roleList), client: v.nullish(v.record(v.string(), roleList)) })),
});

export type PartialImportInput = v.InferOutput<typeof partialImportSchema>;
export type Policy = 'FAIL' | 'SKIP' | 'OVERWRITE';

/** PartialImportResult as Keycloak serializes it (the representation is @JsonIgnore'd). */
export interface PartialImportResult {
  readonly action: 'ADDED' | 'SKIPPED' | 'OVERWRITTEN';
  readonly resourceType: 'USER' | 'GROUP' | 'CLIENT' | 'IDP' | 'REALM_ROLE' | 'CLIENT_ROLE';
  readonly resourceName: string;
  readonly id: string;
}

/** partialimport.ResourceType.getPath: the first segment of each result's admin event path. */
export const resourcePaths: Readonly<Record<PartialImportResult['resourceType'], string>> = {
  USER: 'users',
  GROUP: 'groups',
  CLIENT: 'clients',
  IDP: 'identity-provider-settings',
  REALM_ROLE: 'realms',
  CLIENT_ROLE: 'clients',
};

/**
 * One kind of resource of a partial import (Keycloak's PartialImport): `prepare` finds which of the
 * file's resources exist already, `existsMessage` is Keycloak's 409 text for the first of them (FAIL),
 * `run` removes the ones to overwrite, creates the rest and reports what it did.
 */
export interface ResourceImport {
  prepare(request: AdminRequest): Promise<void>;
  existsMessage(): string | undefined;
  run(request: AdminRequest, policy: Policy): Promise<PartialImportResult[]>;
}

/** The admin event of one imported resource: CREATE or UPDATE on the realm, as RealmAdminResource fires them. */
export function importEvent(result: Pick<PartialImportResult, 'resourceType' | 'id'>, overwritten: boolean, representation: unknown) {
  return {
    operationType: overwritten ? ('UPDATE' as const) : ('CREATE' as const),
    resourceType: 'REALM',
    resourcePath: `${resourcePaths[result.resourceType]}/${result.id}`,
    representation,
  };
}
