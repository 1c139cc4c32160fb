import { RemovalPolicy } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The tag every realm signing key created at run time carries (shared/crypto/kms-key-provider.ts
 * sets it from GATEHOUSE_KMS_KEY_TAG); the functions' IAM policy only reaches keys carrying their
 * stack's value (ABAC for AWS KMS).
 */
export const stackTagKey = 'gatehouse:stack';

export interface GatehouseKeysProps {
  /** Value of the `gatehouse:stack` tag on this stack's realm keys. */
  readonly stackTag: string;
  /** The key-encryption key must outlive the table whose sealed secrets it opens. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * KMS for realm keys (DESIGN.md §6): a symmetric key-encryption key for envelope-sealed key material
 * (GATEHOUSE_KMS_KEY_ID), and the permissions for `kms` custody, where each realm signing key is an
 * asymmetric KMS key the functions create themselves.
 */
export class GatehouseKeys extends Construct {
  readonly keyEncryptionKey: Key;
  readonly stackTag: string;

  constructor(scope: Construct, id: string, props: GatehouseKeysProps) {
    super(scope, id);
    this.stackTag = props.stackTag;
    this.keyEncryptionKey = new Key(this, 'KeyEncryptionKey', {
      description: `Gatehouse ${props.stackTag}: seals realm key material (envelope encryption)`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
  }

  /** Seal and open secrets under the key-encryption key (shared/crypto/kms-envelope-sealer.ts). */
  grantSealing(grantee: IGrantable): Grant {
    return this.keyEncryptionKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  /**
   * Create this stack's realm signing keys (`kms` custody). Who may sign with a key is written in the
   * key policy each key is created with (shared/crypto/kms-key-provider.ts: the stack's signing roles,
   * GATEHOUSE_KMS_SIGNER_ROLES), so no IAM statement grants kms:Sign here, and tags grant nothing.
   * - CreateKey only for an asymmetric SIGN_VERIFY key tagged with this stack's value, `gatehouse:*`
   *   tags only, and with the policy lockout check bypassed (the key policy keeps the account as
   *   administrator; the creating role itself may not change key policies).
   * - TagResource, which KMS checks for CreateKey's Tags: only with this stack's tag in the request.
   */
  grantSigning(grantee: IGrantable): void {
    const taggedForThisStack = { [`aws:RequestTag/${stackTagKey}`]: this.stackTag };
    const onlyGatehouseTags = { 'aws:TagKeys': ['gatehouse:*'] };
    Grant.addToPrincipal({
      grantee,
      actions: ['kms:CreateKey'],
      resourceArns: ['*'],
      conditions: {
        StringEquals: { ...taggedForThisStack, 'kms:KeyUsage': 'SIGN_VERIFY' },
        // The key specs shared/crypto/kms-key-provider.ts asks for (RSA_2048, ECC_NIST_P256/P384).
        StringLike: { 'kms:KeySpec': ['RSA_*', 'ECC_NIST_P*'] },
        Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' },
        'ForAllValues:StringLike': onlyGatehouseTags,
      },
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['kms:TagResource'],
      resourceArns: ['*'],
      conditions: { StringEquals: taggedForThisStack, 'ForAllValues:StringLike': onlyGatehouseTags },
    });
  }
}
