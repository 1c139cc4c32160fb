import { basicAuth, form, formHeaders, type LoadRequest } from '../load/load-request.js';
import type { PeerReady } from './oidc-provider-server.js';

/** Flows measured on oidc-provider too: the grant compared, and the two static documents for scale. */
export const peerFlowNames = ['client_credentials', 'jwks', 'discovery'] as const;
export type PeerFlowName = (typeof peerFlowNames)[number];

export function peerFlow(flow: PeerFlowName, peer: PeerReady): LoadRequest {
  switch (flow) {
    case 'client_credentials':
      return { method: 'POST', path: '/token', headers: formHeaders(basicAuth(peer.client.clientId, peer.client.secret)), body: form({ grant_type: 'client_credentials' }) };
    case 'jwks':
      return { method: 'GET', path: '/jwks', headers: {} };
    case 'discovery':
      return { method: 'GET', path: '/.well-known/openid-configuration', headers: {} };
  }
}
