import * as v from 'valibot';
import type { HttpEvent } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { bodyText, header } from '../http/request.js';
import { AdminBadRequest } from './errors.js';

/** 415 for a body that is not JSON (RESTEasy refuses other media types on the admin resources). */
export class UnsupportedMediaType extends HttpError {
  readonly statusCode = 415;
  constructor() {
    super('HTTP 415 Unsupported Media Type');
  }
  body() {
    return { error: this.message };
  }
}

/**
 * The JSON body of an admin request checked against a representation schema: malformed JSON, a field
 * the representation does not have, or a value of the wrong type is a 400 naming the field, never a
 * half-applied write.
 */
export function parseBody<S extends v.GenericSchema>(event: HttpEvent, schema: S): v.InferOutput<S> {
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== 'application/json' && !type.endsWith('+json')) throw new UnsupportedMediaType();
  const text = bodyText(event);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AdminBadRequest(text.trim() === '' ? 'Request body is missing' : 'Request body is not valid JSON');
  }
  const result = v.safeParse(schema, value);
  if (!result.success) throw new AdminBadRequest(describeIssue(result.issues[0]));
  return result.output;
}

/** One line naming where the body is wrong: `Unrecognized field "foo"`, `Invalid value for "enabled": ...`. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
  if (issue.type === 'strict_object' || issue.kind === 'schema' && issue.expected === 'never') {
    return `Unrecognized field "${path}"`;
  }
  const where = path ? `"${path}"` : 'the request body';
  return `Invalid value for ${where}: ${issue.message}`;
}
