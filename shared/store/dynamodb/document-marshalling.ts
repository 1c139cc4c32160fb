import { marshall, unmarshall, type marshallOptions } from '@aws-sdk/util-dynamodb';

type Wire = Parameters<typeof unmarshall>[0];
type Fields = Record<string, unknown>;

/** As the store always marshalled (the SDK document client's options before): undefined members dropped, class instances refused. */
const options: marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false };

const toWire = (document: unknown): Wire => marshall(document as Record<string, unknown>, options);
const fromWire = (wire: unknown): Record<string, unknown> => unmarshall(wire as Wire);

/** The members of a request or answer that hold documents (items, keys, expression values). */
const documentMembers = ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey'] as const;

function withDocuments(fields: Fields, convert: (value: unknown) => unknown): Fields {
  let out: Fields | undefined;
  for (const member of documentMembers) {
    if (fields[member] === undefined) continue;
    out ??= { ...fields };
    out[member] = convert(fields[member]);
  }
  return out ?? fields;
}

/**
 * A document-style request (plain values, as callers write them) in DynamoDB's wire format
 * (AttributeValue maps), for the operations the store uses. Transactions and batches carry documents
 * one level down.
 */
export function requestToWire(operation: string, input: Fields): Fields {
  switch (operation) {
    case 'TransactWriteItems':
      return {
        ...input,
        TransactItems: (input['TransactItems'] as Fields[]).map((entry) =>
          Object.fromEntries(Object.entries(entry).map(([kind, action]) => [kind, withDocuments(action as Fields, toWire)])),
        ),
      };
    case 'BatchWriteItem':
      return { ...input, RequestItems: mapBatch(input['RequestItems'] as Record<string, Fields[]>, toWire) };
    default:
      return withDocuments(input, toWire);
  }
}

/** DynamoDB's answer with its items and keys unmarshalled into plain values. */
export function responseFromWire(operation: string, output: Fields): Fields {
  const out: Fields = { ...output };
  if (output['Item']) out['Item'] = fromWire(output['Item']);
  if (output['Attributes']) out['Attributes'] = fromWire(output['Attributes']);
  if (output['Items']) out['Items'] = (output['Items'] as unknown[]).map(fromWire);
  if (output['LastEvaluatedKey']) out['LastEvaluatedKey'] = fromWire(output['LastEvaluatedKey']);
  if (operation === 'BatchWriteItem' && output['UnprocessedItems']) {
    out['UnprocessedItems'] = mapBatch(output['UnprocessedItems'] as Record<string, Fields[]>, fromWire);
  }
  return out;
}

/** { table: [{ PutRequest: { Item } } | { DeleteRequest: { Key } }] } with each Item/Key converted. */
function mapBatch(requests: Record<string, Fields[]>, convert: (value: unknown) => unknown): Record<string, Fields[]> {
  return Object.fromEntries(
    Object.entries(requests).map(([table, entries]) => [
      table,
      entries.map((entry) => Object.fromEntries(Object.entries(entry).map(([kind, request]) => [kind, withDocuments(request as Fields, convert)]))),
    ]),
  );
}
