/**
 * The peer in the same run: panva's oidc-provider (8.8.1, the last major that supports Node 20 LTS;
 * 9.x warns "Use Node.js v22.x LTS") in its own process, with a client_credentials client equivalent
 * to Gatehouse's bench-service: client_secret_basic, RS256-signed JWT access tokens (resource
 * indicators with accessTokenFormat jwt), 5-minute lifetime like Keycloak's default. Its default
 * in-memory adapter: JWT access tokens are not stored, as Gatehouse stores none for this grant.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { serveParent } from '../child-process.js';

export interface PeerReady {
  readonly type: 'ready';
  readonly baseUrl: string;
  readonly pid: number;
  readonly client: { readonly clientId: string; readonly secret: string };
}

export const peerClient = { clientId: 'bench-service', secret: 'bench-service-secret' } as const;
const resource = 'https://api.bench.test';

let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
const server = createServer((req, res) => handle(req, res));
const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
const baseUrl = `http://127.0.0.1:${port}`;

const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'bench-rs256', alg: 'RS256', use: 'sig' };

const provider = new Provider(baseUrl, {
  clients: [
    {
      client_id: peerClient.clientId,
      client_secret: peerClient.secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey as never] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience: resource,
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
handle = provider.callback();

serveParent({}, () => new Promise<void>((resolve) => server.close(() => resolve())));
const ready: PeerReady = { type: 'ready', baseUrl, pid: process.pid, client: peerClient };
process.send!(ready);
