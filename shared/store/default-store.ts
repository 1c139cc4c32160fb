import { once } from '../config/env-config.js';
import { documentClient } from './dynamodb-client.js';
import { storeConfig } from './store-config.js';
import { Store } from './store.js';

/** The container's store over the configured table, created on first use. */
export const defaultStore = once(() => new Store(documentClient(), storeConfig().tableName));
