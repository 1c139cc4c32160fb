import { RemovalPolicy, Stack } from 'aws-cdk-lib';
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
   * Create, sign with and read the public half of this stack's realm signing keys (`kms` custody).
   * Keys the functions create later cannot be named here, so access goes by tag (ABAC for AWS KMS):
   * - CreateKey only for an asymmetric signing key tagged with this stack's value, and with
   *   `gatehouse:*` tags only.
   * - TagResource, which KMS also checks for CreateKey's Tags and which cannot be narrowed to a key
   *   that does not exist yet: same tag conditions, and never on a key another stack has tagged.
   * - Sign, GetPublicKey and DescribeKey only on keys whose `gatehouse:stack` tag is this stack's.
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
        'ForAllValues:StringLike': onlyGatehouseTags,
      },
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['kms:TagResource'],
      resourceArns: ['*'],
      conditions: {
        StringEquals: taggedForThisStack,
        StringEqualsIfExists: { [`aws:ResourceTag/${stackTagKey}`]: this.stackTag },
        'ForAllValues:StringLike': onlyGatehouseTags,
      },
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['kms:Sign', 'kms:GetPublicKey', 'kms:DescribeKey'],
      resourceArns: [Stack.of(this).formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
      conditions: { StringEquals: { [`aws:ResourceTag/${stackTagKey}`]: this.stackTag } },
    });
  }
}
