/**
 * Reuse of Bot Connector clients across turns. botbuilder's CloudAdapter asks its authentication for a
 * ConnectorFactory on every request and builds a new ConnectorClient from it: a whole Azure REST pipeline
 * (policies, serializer, sanitizer, tracing) per turn, which costs more CPU than answering the question.
 * A client holds no per-turn state (its credentials fetch and cache their own tokens), so this keeps one per
 * bot app id, serviceUrl and audience, bounded in number, and leaves everything else to botbuilder. Each
 * client's retries are bounded when it is made (connector-retry.ts).
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { boundConnectorRetries, CONNECTOR_RETRY, type RetrySettings } from './connector-retry.js';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Most clients kept (distinct app id / serviceUrl / audience triples); past it the oldest is dropped. */
const MAX_CLIENTS = 64;

/** ConfigurationBotFrameworkAuthentication whose connector factories hand out cached clients. */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();
  /** How the clients handed out retry a failed reply (set by the adapter: none in local mode). */
  retry: RetrySettings = CONNECTOR_RETRY;

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateRequestResult> {
    return this.withCache(await super.authenticateRequest(...args));
  }

  override async authenticateStreamingRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateStreamingRequest']>): Promise<AuthenticateRequestResult> {
    return this.withCache(await super.authenticateStreamingRequest(...args));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.caching(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  /**
   * CloudAdapter's processActivity asks for a user token client (OAuth sign-in, unused by this bot) on every
   * turn, and botbuilder builds credentials and a REST pipeline for it each time; it holds no per-turn state,
   * so one is kept per app id (as botbuilder reads it from the claims), bounded like the connector clients.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
    let client = this.tokenClients.get(key);
    if (!client) {
      client = super.createUserTokenClient(claimsIdentity);
      this.tokenClients.set(key, client);
      client.catch(() => this.tokenClients.get(key) === client && this.tokenClients.delete(key));
      if (this.tokenClients.size > MAX_CLIENTS) this.tokenClients.delete(this.tokenClients.keys().next().value!);
    }
    return client;
  }

  /** How many clients are kept now. */
  get cachedClients(): number {
    return this.clients.size;
  }

  private withCache(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.caching(result.claimsIdentity, result.connectorFactory) } : result;
  }

  private caching(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    // The app id the factory was made for, read from the claims as botbuilder reads it (audience, then appid).
    const appId = claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
    const clients = this.clients;
    const retry = () => this.retry;
    return {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
        let client = clients.get(key);
        if (!client) {
          client = factory.create(serviceUrl, audience).then((made) => {
            boundConnectorRetries(made, retry());
            return made;
          });
          clients.set(key, client);
          // A client that could not be made (e.g. credentials refused) is not kept.
          client.catch(() => clients.get(key) === client && clients.delete(key));
          if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
        }
        return client;
      },
    } as ConnectorFactory;
  }
}
