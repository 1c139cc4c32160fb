import { adminHandler } from '../../shared/admin/admin-handler.js';

/** The events admin resource (filled in by issue 4's work in progress). */
export const handler = adminHandler([]);
