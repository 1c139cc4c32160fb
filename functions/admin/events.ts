import { adminHandler } from '../../shared/admin/admin-handler.js';
import { eventListenerOperations } from '../../shared/admin/event-listeners/event-listener-operations.js';
import { eventListingOperations } from '../../shared/admin/events/event-listing-operations.js';
import { eventsConfigOperations } from '../../shared/admin/events/events-config-operations.js';

/**
 * /admin/realms/{realm}/events, /events/config, /admin-events (Keycloak's RealmAdminResource events
 * endpoints) and Gatehouse's /event-listeners.
 */
export const handler = adminHandler([...eventsConfigOperations, ...eventListingOperations, ...eventListenerOperations]);
