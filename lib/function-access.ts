import { Stack, type Acknowledgment, type CfnElement } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { stackTagKey, type GatehouseKeys } from './keys.js';

/** What one handler module may touch on AWS; the grants follow from it and from nothing else. */
export interface FunctionAccess {
  /**
   * `read`: GetItem and Query on the table and its indexes;
   * `readwrite`: also PutItem, UpdateItem, DeleteItem, BatchWriteItem (TransactWriteItems needs these);
   * `none`: no table access (a stream consumer that only reads the records it is handed).
   */
  readonly table: 'none' | 'read' | 'readwrite';
  /**
   * Realm keys: create and sign with this stack's KMS signing keys (`kms` custody) and seal/open key
   * material under the key-encryption key (`envelope`, and HMAC keys always). See lib/keys.ts.
   */
  readonly signing: boolean;
  /**
   * The bundle loads a native addon (@node-rs/argon2 for password hashing). esbuild copies the
   * addon installed here, which is the linux-x64 build on the x64 Linux hosts we synthesize on, so the
   * function runs on x86_64; lib/native-addons.ts refuses a bundle whose addon does not match.
   * @default false
   */
  readonly nativeAddons?: boolean;
}

/**
 * Every handler module (the route table's `fn`s, plus those not routed) and what it needs.
 * A module missing here stops synth: each new handler gets a deliberate decision.
 */
export const functionAccess: Readonly<Record<string, FunctionAccess>> = {
  'system/health': { table: 'read', signing: false },
  'oidc/discovery': { table: 'read', signing: false },
  // The JWK Set is built from public keys stored in the realm's components; no KMS call.
  'oidc/certs': { table: 'read', signing: false },
  // Client authentication, grants, sessions, brute-force records, events; signs tokens; hashes passwords.
  'oidc/token': { table: 'readwrite', signing: true, nativeAddons: true },
  // The protocol endpoints below verify presented tokens, which may be HMAC-signed (refresh tokens, or
  // any token a client sends): opening the realm's HMAC key needs the key-encryption key, hence
  // `signing`. They write events, and revocation/logout delete sessions and write revocation marks.
  'oidc/userinfo': { table: 'readwrite', signing: true },
  'oidc/introspect': { table: 'readwrite', signing: true },
  'oidc/revoke': { table: 'readwrite', signing: true },
  'oidc/logout': { table: 'readwrite', signing: true },
  // Admin REST API resources (DESIGN.md §9): they verify bearer tokens (the realm's HMAC key may be
  // needed, hence `signing`), write entities with their admin events. Realms create keys (KMS
  // CreateKey or sealing); users hash passwords (argon2).
  'admin/server': { table: 'read', signing: true },
  'admin/realms': { table: 'readwrite', signing: true, nativeAddons: true },
  'admin/users': { table: 'readwrite', signing: true, nativeAddons: true },
  'admin/groups': { table: 'readwrite', signing: true },
  'admin/roles': { table: 'readwrite', signing: true },
  'admin/clients': { table: 'readwrite', signing: true },
  'admin/client-scopes': { table: 'readwrite', signing: true },
  'admin/events': { table: 'readwrite', signing: true },
  'admin/attack-detection': { table: 'readwrite', signing: true },
  // Custom resource: creates the master realm (keys included) and its admin user.
  'system/bootstrap': { table: 'readwrite', signing: true, nativeAddons: true },
  // Event pipeline (DESIGN.md §10; not routed). Their other grants are made in lib/events-pipeline.ts:
  // the publisher reads realms' listeners, puts events on the bus and reads the stream through its
  // event source mapping; the listener sync only reads stream records and manages webhook rules; the
  // email listener reads the user it mails and sends through SES.
  'events/publisher': { table: 'read', signing: false },
  'events/listener-sync': { table: 'none', signing: false },
  'events/email': { table: 'read', signing: false },
};

export function accessOf(fn: string): FunctionAccess {
  const access = Object.hasOwn(functionAccess, fn) ? functionAccess[fn] : undefined;
  if (!access) {
    throw new Error(`lib/function-access.ts has no entry for functions/${fn}.ts: decide what it may access`);
  }
  return access;
}

export interface AccessTargets {
  readonly table: ITableV2;
  readonly keys: GatehouseKeys;
}

/**
 * The DynamoDB actions the store layer uses (shared/store/store.ts), and no others: no Scan (DESIGN.md
 * §5), no stream reads. TransactWriteItems is authorized per item by these same actions.
 */
export const tableActions = {
  none: [],
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  readwrite: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
} as const;

export function grantAccess(grantee: IGrantable, access: FunctionAccess, targets: AccessTargets): void {
  if (access.table !== 'none') targets.table.grant(grantee, ...tableActions[access.table]);
  if (access.signing) {
    targets.keys.grantSigning(grantee);
    targets.keys.grantSealing(grantee);
  }
}

/**
 * cdk-nag's IAM5 (wildcard) findings that these grants raise by design, each acknowledged with its
 * reason. A finding names the resource as cdk-nag prints it, `<LogicalId.Arn>` for a reference.
 */
export function accessAcknowledgments(access: FunctionAccess, targets: AccessTargets): Acknowledgment[] {
  const table = targets.table.node.defaultChild as CfnElement;
  const acknowledgments: Acknowledgment[] = [];
  if (access.table !== 'none') {
    acknowledgments.push({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(table).getLogicalId(table)}.Arn>/index/*]`,
      reason: 'The table grant covers this one table and its own GSIs (TableArn/index/*), which the repositories Query (DESIGN.md §5).',
    });
  }
  if (access.signing) {
    acknowledgments.push({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'kms:CreateKey and kms:TagResource cannot name a key that does not exist yet; they are limited by conditions ' +
        '(SIGN_VERIFY, RSA/ECC key specs, this stack\'s tag in the request, gatehouse:* tags only). Signing rights come ' +
        "from each key's own policy, which names the stack's signing roles (lib/keys.ts).",
    });
  }
  return acknowledgments;
}
