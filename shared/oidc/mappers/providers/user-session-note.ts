import { mapClaimFromConfig } from '../claim-path.js';
import { ALL_CATEGORIES, CONFIG, type ProtocolMapper } from '../mapper.js';

/**
 * Keycloak's UserSessionNoteMapper ("User Session Note"; the `basic` scope's auth_time mapper reads
 * the AUTH_TIME note as a long): the user session note `user.session.note` into `claim.name`. No
 * note: no claim.
 */
export const userSessionNoteMapper: ProtocolMapper = {
  providerId: 'oidc-usersessionmodel-note-mapper',
  categories: ALL_CATEGORIES,
  map(claims, mapper, ctx, category) {
    const note = mapper.config[CONFIG.userSessionNote];
    const value = note === undefined ? undefined : ctx.userSession?.notes[note];
    if (value !== undefined) mapClaimFromConfig(claims, mapper, value, category);
  },
};
