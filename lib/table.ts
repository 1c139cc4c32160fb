import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableDefinition } from '../shared/store/table.js';

export interface GatehouseTableProps {
  /** The table's shape, shared with the local runtime (shared/store/table.ts); nothing is restated here. */
  readonly definition: TableDefinition;
  /** CloudFormation refuses to delete the table while this is on. */
  readonly deletionProtection: boolean;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The single table (DESIGN.md §5): string keys, the GSIs of the definition with their projections,
 * TTL, a stream with both images for the event publisher (§10), point-in-time recovery, on-demand billing.
 */
export class GatehouseTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: GatehouseTableProps) {
    super(scope, id);
    const { definition } = props;
    // Every key attribute is a string: the key builders in shared/store/keys.ts compose them from ids.
    const stringKey = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: stringKey(definition.partitionKey),
      sortKey: stringKey(definition.sortKey),
      globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType[index.projection],
      })),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      dynamoStream: StreamViewType[definition.streamView],
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
  }
}
