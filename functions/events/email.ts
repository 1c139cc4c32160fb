import type { EventBridgeEvent } from 'aws-lambda';
import { once } from '../../shared/config/env-config.js';
import { sesMailer } from '../../shared/events/listeners/email/mailer.js';
import { sendEventMail } from '../../shared/events/listeners/email/send-event-mail.js';
import type { DeliveryDetail } from '../../shared/events/listeners/rules.js';
import { eventsConfig } from '../../shared/events/events-config.js';
import { realmLookup } from '../../shared/events/realm-lookup.js';
import { defaultStore } from '../../shared/store/default-store.js';

const deps = once(() => {
  const realm = realmLookup(defaultStore());
  return {
    store: defaultStore(),
    mailer: sesMailer(eventsConfig().sesEndpoint),
    realm: async (realmId: string, realmName: string) => (await realm(realmId, realmName))?.realm.rep,
    defaultFrom: eventsConfig().mailFrom,
  };
});

/** Keycloak's email listener as the target of the `gatehouse-email` rule: one delivery, one mail. */
export async function handler(event: EventBridgeEvent<'ListenerDelivery', DeliveryDetail>): Promise<void> {
  await sendEventMail(event.detail, deps());
}
