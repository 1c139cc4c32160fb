/**
 * EventBridge event patterns (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html),
 * the subset Gatehouse's rules use. The same pattern objects become EventBridge rules on AWS and are
 * evaluated here by the local bus and by the publisher when it routes deliveries, so a rule is
 * written once (DESIGN.md §10).
 */
export type Scalar = string | number | boolean | null;
export type ContentFilter =
  | { prefix: string }
  | { suffix: string }
  | { 'anything-but': Scalar | Scalar[] }
  | { exists: boolean }
  | { 'equals-ignore-case': string };
export type Matcher = Scalar | ContentFilter;
export interface EventPattern {
  [field: string]: Matcher[] | EventPattern | EventPattern[] | undefined;
  /** Any of these patterns (EventBridge's `$or`), on top of this object's other fields. */
  $or?: EventPattern[];
}

/** Whether an event (the EventBridge envelope: source, detail-type, detail, ...) matches the pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  for (const [field, expected] of Object.entries(pattern)) {
    if (expected === undefined) continue;
    if (field === '$or') {
      if (!(expected as EventPattern[]).some((alternative) => matchesPattern(alternative, event))) return false;
      continue;
    }
    const value = isObject(event) ? event[field] : undefined;
    if (Array.isArray(expected)) {
      if (!matchesField(expected as Matcher[], value)) return false;
    } else if (!matchesPattern(expected as EventPattern, value)) {
      return false;
    }
  }
  return true;
}

/** A field matches when any matcher accepts it; an array value matches when any element does. */
function matchesField(matchers: readonly Matcher[], value: unknown): boolean {
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher.exists === (value !== undefined);
    if (value === undefined) return false;
    const values = Array.isArray(value) ? value : [value];
    return values.some((one) => matchesOne(matcher, one));
  });
}

function matchesOne(matcher: Matcher, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value;
  if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(matcher.prefix);
  if ('suffix' in matcher) return typeof value === 'string' && value.endsWith(matcher.suffix);
  if ('equals-ignore-case' in matcher) return typeof value === 'string' && value.toLowerCase() === matcher['equals-ignore-case'].toLowerCase();
  if ('anything-but' in matcher) {
    const excluded = [matcher['anything-but']].flat();
    return !excluded.includes(value as Scalar);
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
