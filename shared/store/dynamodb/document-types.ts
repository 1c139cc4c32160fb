/**
 * Requests and answers of the DynamoDB operations the store uses, with items, keys and expression
 * values as plain JavaScript values (the client marshals them). Member names are DynamoDB's API
 * names (API Reference, "Actions"), so a call reads like the documentation.
 */
export type Document = Record<string, unknown>;

/** What callers pass as an item or key: any plain object (interfaces such as ItemKey included). */
export type DocumentIn = object;

type ReturnOnConditionFailure = 'NONE' | 'ALL_OLD';

interface Expressions {
  readonly ConditionExpression?: string | undefined;
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: DocumentIn | undefined;
}

export interface GetItemInput {
  readonly TableName: string;
  readonly Key: DocumentIn;
  readonly ConsistentRead?: boolean | undefined;
}

export interface PutItemInput extends Expressions {
  readonly TableName: string;
  readonly Item: DocumentIn;
  readonly ReturnValues?: 'NONE' | 'ALL_OLD';
  readonly ReturnValuesOnConditionCheckFailure?: ReturnOnConditionFailure;
}

export interface UpdateItemInput extends Expressions {
  readonly TableName: string;
  readonly Key: DocumentIn;
  readonly UpdateExpression: string;
  readonly ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
  readonly ReturnValuesOnConditionCheckFailure?: ReturnOnConditionFailure;
}

export interface DeleteItemInput extends Expressions {
  readonly TableName: string;
  readonly Key: DocumentIn;
  readonly ReturnValues?: 'NONE' | 'ALL_OLD';
  readonly ReturnValuesOnConditionCheckFailure?: ReturnOnConditionFailure;
}

export interface QueryInput {
  readonly TableName: string;
  readonly IndexName?: string | undefined;
  readonly KeyConditionExpression: string;
  readonly FilterExpression?: string | undefined;
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: DocumentIn | undefined;
  readonly Limit?: number | undefined;
  readonly ExclusiveStartKey?: DocumentIn | undefined;
  readonly ConsistentRead?: boolean | undefined;
  readonly ScanIndexForward?: boolean | undefined;
}

export type TransactWriteItem =
  | { readonly Put: PutItemInput }
  | { readonly Update: UpdateItemInput }
  | { readonly Delete: DeleteItemInput }
  | { readonly ConditionCheck: Expressions & { readonly TableName: string; readonly Key: Document } };

export interface TransactWriteItemsInput {
  readonly TransactItems: readonly TransactWriteItem[];
}

export type BatchWriteRequest = { readonly PutRequest: { readonly Item: DocumentIn } } | { readonly DeleteRequest: { readonly Key: DocumentIn } };

export interface BatchWriteItemInput {
  readonly RequestItems: Record<string, readonly BatchWriteRequest[]>;
}

/** ReturnConsumedCapacity TOTAL's answer: one entry per table (a list for transactions and batches). */
export interface ConsumedCapacity {
  readonly TableName?: string;
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

interface Answer {
  readonly ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
}

export interface GetItemOutput extends Answer {
  readonly Item?: Document;
}

export interface WriteItemOutput extends Answer {
  readonly Attributes?: Document;
}

export interface QueryOutput extends Answer {
  readonly Items?: Document[];
  readonly Count?: number;
  readonly LastEvaluatedKey?: Document;
}

export interface BatchWriteItemOutput extends Answer {
  readonly UnprocessedItems?: Record<string, BatchWriteRequest[]>;
}

export interface DataPlane {
  getItem(input: GetItemInput): Promise<GetItemOutput>;
  putItem(input: PutItemInput): Promise<WriteItemOutput>;
  updateItem(input: UpdateItemInput): Promise<WriteItemOutput>;
  deleteItem(input: DeleteItemInput): Promise<WriteItemOutput>;
  query(input: QueryInput): Promise<QueryOutput>;
  transactWriteItems(input: TransactWriteItemsInput): Promise<Answer>;
  batchWriteItem(input: BatchWriteItemInput): Promise<BatchWriteItemOutput>;
}
