import * as v from 'valibot';

/** The listener JSON of the admin.event-listeners resource (issue 5): these fields and no others. */
export const eventListenerSchema = v.strictObject({
  id: v.nullish(v.string()),
  type: v.nullish(v.string()),
  enabled: v.nullish(v.boolean()),
  url: v.nullish(v.string()),
  secret: v.nullish(v.string()),
  eventTypes: v.nullish(v.array(v.string())),
  includeAdminEvents: v.nullish(v.boolean()),
});
