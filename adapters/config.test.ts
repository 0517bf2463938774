import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SECRET = 'super-secret-signing-value';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the configuration was accepted');
}

describe('the server configuration', () => {
  it('defaults the port to 3978 and turns nothing on without variables', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.slack).toBeUndefined();
    expect(config.teams).toBeUndefined();
  });

  it('turns Slack on with a bot token and signing secret, and Socket Mode with an app token too', () => {
    const http = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://127.0.0.1:9/api' });
    expect(http.slack).toMatchObject({ command: '/compliance', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(http.slack?.appToken).toBeUndefined();
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: 'xapp-1' }).slack?.appToken).toBe('xapp-1');
  });

  it('turns Teams on with an app id, or in local mode only when asked', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: SECRET }).teams).toMatchObject({ mode: 'authenticated', appType: 'MultiTenant' });
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'true' }).teams).toEqual({ mode: 'local' });
    // Unauthenticated local mode listens on this machine only, unless HOST says otherwise.
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'true' }).host).toBe('127.0.0.1');
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'true', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: SECRET }).host).toBe('0.0.0.0');
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'false' }).teams).toBeUndefined();
  });

  it('names the bad variable and never prints a secret', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ SLACK_BOT_TOKEN: SECRET, SLACK_SIGNING_SECRET: SECRET }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
      [{ SLACK_SIGNING_SECRET: SECRET }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: SECRET }, 'SLACK_APP_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_COMMAND: 'compliance' }, 'SLACK_COMMAND'],
      [{ MicrosoftAppId: 'id' }, 'MicrosoftAppPassword'],
      [{ MicrosoftAppId: 'id', MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
      [{ MicrosoftAppId: 'id', MicrosoftAppPassword: SECRET, MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
      [{ TEAMS_LOCAL_MODE: 'maybe' }, 'TEAMS_LOCAL_MODE'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ];
    for (const [env, variable] of cases) {
      const error = configError(env);
      expect(error.variable, JSON.stringify(Object.keys(env))).toBe(variable);
      expect(error.message).toContain(variable);
      expect(error.message).not.toContain(SECRET);
    }
  });
});
