/**
 * The one table's shape (DESIGN.md §5), used by the CDK stack (lib/) and by the local runtime,
 * which creates or updates DynamoDB Local from it. Change the table here and both follow.
 */

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** KEYS_ONLY indexes cost no index write when an update leaves their keys alone. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalIndexes: readonly IndexDefinition[];
  /** Epoch seconds; DynamoDB deletes lazily, so reads must also treat expired items as absent. */
  readonly timeToLiveAttribute: string;
  readonly streamView: 'NEW_AND_OLD_IMAGES';
}

export const tableDefinition: TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    // Realm-wide listings (realms by name, later users by username, clients by clientId, ...).
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    // Every partition that belongs to a realm, so deleting a realm finds them all without a Scan.
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'KEYS_ONLY' },
  ],
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
};

/** Local default; on AWS the stack passes the generated name through GATEHOUSE_TABLE. */
export const defaultTableName = 'gatehouse';
