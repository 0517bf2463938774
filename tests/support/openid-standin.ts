/**
 * A stand-in for the Bot Framework's OpenID metadata endpoint on 127.0.0.1
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot):
 * `/.well-known/openidconfiguration` names `/keys`, which serves one RSA signing key. Tokens are signed
 * here with that key (or another, to play a forged signature), RS256, as the Bot Framework signs them.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface OpenIdStandIn {
  /** The metadata document's URL, for TeamsConfig.openIdMetadataUrl. */
  readonly metadataUrl: string;
  /** The key id the stand-in publishes. */
  readonly kid: string;
  /** A compact JWT of `claims`, signed with the published key (or `forged: true`: another key, same kid). */
  sign(claims: Record<string, unknown>, options?: { forged?: boolean; kid?: string }): string;
  /** From now on, answer every request with this status (e.g. 500 to play a failing endpoint); 200 restores. */
  failWith(status: number): void;
  /** How many metadata or key requests arrived. */
  readonly requests: number;
  close(): Promise<void>;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `claims` as an RS256 JWT with `key`. */
export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

/** Starts the stand-in on an ephemeral port of 127.0.0.1. */
export async function startOpenIdStandIn(): Promise<OpenIdStandIn> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'standin-key-1';
  const jwk = published.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let status = 200;
  let requests = 0;
  let base = '';
  const server: Server = createServer((req, res) => {
    requests += 1;
    if (status !== 200) {
      res.writeHead(status).end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    kid,
    sign: (claims, options = {}) => signJwt(claims, (options.forged ? other : published).privateKey, options.kid ?? kid),
    failWith: (next) => void (status = next),
    get requests() {
      return requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
