import type { UserRepresentation } from '../../../model/user.js';
import type { RealmRepresentation } from '../../../model/realm.js';
import { userKey } from '../../../store/keys.js';
import type { Item, Store } from '../../../store/store.js';
import type { DeliveryDetail } from '../rules.js';
import { eventMail } from './event-mail.js';
import type { Mailer } from './mailer.js';

export interface EventMailDeps {
  readonly store: Store;
  readonly mailer: Mailer;
  /** The realm, for its SMTP settings' sender (undefined when the realm is gone). */
  readonly realm: (realmId: string, realmName: string) => Promise<RealmRepresentation | undefined>;
  readonly defaultFrom: string;
}

/**
 * Keycloak's email listener for one delivery: the user of the event gets the event's mail when they
 * have an email address and it is verified (EmailEventListenerProvider.sendEmail). Answers what it did,
 * for logs and tests; a failure to send throws, so the delivery is retried.
 */
export async function sendEventMail(delivery: DeliveryDetail, deps: EventMailDeps): Promise<'sent' | 'skipped'> {
  const event = delivery.event;
  if (delivery.kind !== 'user' || typeof event.userId !== 'string' || typeof event.type !== 'string') return 'skipped';
  const mail = eventMail(event.type, event.time, typeof event.ipAddress === 'string' ? event.ipAddress : undefined);
  if (!mail) return 'skipped';
  const user = (await deps.store.get<Item & { rep: UserRepresentation }>(userKey(event.realmId, event.userId), { consistent: true }))?.rep;
  if (!user?.email || !user.emailVerified) return 'skipped';
  const realm = await deps.realm(event.realmId, event.realmName);
  const from = (realm?.smtpServer as Record<string, string> | undefined)?.['from'] || deps.defaultFrom;
  await deps.mailer.send({ from, to: user.email, ...mail });
  return 'sent';
}
