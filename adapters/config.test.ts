import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SECRET = 'super-secret-signing-value';
const APP_ID = '00000000-0000-4000-8000-0000000000b0';
const TENANT = '00000000-0000-4000-8000-00000000feed';

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
  it('caps questionnaires sent as files at 5 MB and 2,000 rows unless QUESTIONNAIRE_MAX_BYTES / _ROWS say otherwise', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, TEAMS_LOCAL_MODE: 'true' };
    expect(loadConfig(base).slack?.questionnaire).toMatchObject({ maxBytes: 5 * 1024 * 1024, maxRows: 2000 });
    const set = loadConfig({ ...base, QUESTIONNAIRE_MAX_BYTES: '100000', QUESTIONNAIRE_MAX_ROWS: '50' });
    expect(set.slack?.questionnaire).toMatchObject({ maxBytes: 100000, maxRows: 50 });
    expect(set.teams?.questionnaire).toMatchObject({ maxBytes: 100000, maxRows: 50 });
    expect(configError({ ...base, QUESTIONNAIRE_MAX_BYTES: '5MB' }).message).toBe('Invalid configuration: QUESTIONNAIRE_MAX_BYTES must be a number of bytes, such as 5242880.');
  });

  it('keeps the store in SQLite by default, in PostgreSQL with DATABASE_URL, nowhere with STORE=off (and refuses STORE=off with a store named)', () => {
    const base = { TEAMS_LOCAL_MODE: 'true' };
    expect(loadConfig(base).store).toEqual({ kind: 'sqlite', file: 'var/compliance-bot.sqlite' });
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://bot@db:5432/bot' }).store).toEqual({ kind: 'postgres', url: 'postgres://bot@db:5432/bot' });
    expect(loadConfig({ ...base, STORE: 'off' }).store).toBeUndefined();
    expect(configError({ ...base, STORE: 'off', STORE_FILE: 'x.sqlite' })).toMatchObject({ variable: 'STORE' });
    expect(configError({ ...base, STORE: 'none' }).message).toMatch(/^Invalid configuration: STORE /);
  });

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
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET }).teams).toMatchObject({ mode: 'authenticated', appType: 'MultiTenant' });
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'true' }).teams).toMatchObject({ mode: 'local' });
    // Unauthenticated local mode listens on this machine only, unless HOST says otherwise.
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'true' }).host).toBe('127.0.0.1');
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'true', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET }).host).toBe('0.0.0.0');
    expect(loadConfig({ TEAMS_LOCAL_MODE: 'false' }).teams).toBeUndefined();
  });

  it('refuses TEAMS_LOCAL_MODE together with MicrosoftAppId, naming TEAMS_LOCAL_MODE (local mode was ignored in silence)', () => {
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, TEAMS_LOCAL_MODE: 'true' })).toThrow(/^TEAMS_LOCAL_MODE=true and MicrosoftAppId are both set/);
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, TEAMS_LOCAL_MODE: 'false' }).teams).toMatchObject({ mode: 'authenticated' });
  });

  it('takes PORT in decimal digits only', () => {
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ PORT: ' 0 ' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ PORT: '' }).port).toBe(3978);
    for (const PORT of ['0x10', '1e3', '0b1', '0o17', '-1', '65536', '80.0', '+80', '8 0', 'Infinity']) {
      const error = configError({ PORT });
      expect(error.variable, PORT).toBe('PORT');
      expect(error.message, PORT).toContain('decimal digits');
    }
  });

  it('takes HOST as an IP address or a hostname', () => {
    for (const HOST of ['127.0.0.1', '0.0.0.0', '::', '::1', '2001:db8::1', 'localhost', 'bot-1.internal.example.com', 'host.']) {
      expect(loadConfig({ HOST }).host, HOST).toBe(HOST);
    }
    for (const HOST of ['999.1.1.1', '1.2.3', '256.0.0.1', '[::1]', 'http://localhost', 'host name', '-bad.example', 'a..b', 'x'.repeat(64), '127.0.0.1:80']) {
      const error = configError({ HOST });
      expect(error.variable, HOST).toBe('HOST');
      expect(error.message, HOST).toMatch(/IP address .* or a hostname/);
    }
  });

  it('refuses the other Azure Bot variables without MicrosoftAppId, naming MicrosoftAppId', () => {
    for (const extra of [{ MicrosoftAppPassword: SECRET }, { MicrosoftAppTenantId: TENANT }, { MicrosoftAppType: 'SingleTenant' }]) {
      for (const env of [extra, { ...extra, TEAMS_LOCAL_MODE: 'true' }, { ...extra, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sig' }]) {
        const error = configError(env);
        expect(error.variable, JSON.stringify(Object.keys(env))).toBe('MicrosoftAppId');
        expect(error.message).toMatch(/^Microsoft\w+ is set but MicrosoftAppId is missing\.$/);
        expect(error.message).not.toContain(SECRET);
      }
    }
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
      [{ MicrosoftAppId: APP_ID }, 'MicrosoftAppPassword'],
      [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
      [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
      [{ TEAMS_LOCAL_MODE: 'maybe' }, 'TEAMS_LOCAL_MODE'],
      // Refused at start rather than failing on the first request.
      [{ SLACK_BOT_TOKEN: 'xoxb-', SLACK_SIGNING_SECRET: SECRET }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-', SLACK_SIGNING_SECRET: SECRET }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: 'xapp-' }, 'SLACK_APP_TOKEN'],
      [{ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: SECRET }, 'MicrosoftAppId'],
      [{ MicrosoftAppId: `${APP_ID}0`, MicrosoftAppPassword: SECRET }, 'MicrosoftAppId'],
      [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'contoso' }, 'MicrosoftAppTenantId'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_API_TIMEOUT_MS: '1e4' }, 'SLACK_API_TIMEOUT_MS'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_API_TIMEOUT_MS: '5' }, 'SLACK_API_TIMEOUT_MS'],
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

describe('the start-up line for a report that cannot be served', () => {
  it('names the variable that points at it', async () => {
    const { reportErrorLine } = await import('./server.js');
    const { ReportError } = await import('../src/index.js');
    const error = new ReportError('/srv/report.txt', 'the file is empty');
    expect(reportErrorLine(error, { reportFile: '/srv/report.txt' })).toBe('Cannot serve REPORT_FILE: /srv/report.txt: the file is empty');
    expect(reportErrorLine(error, { reportsDir: '/srv' })).toBe('Cannot serve REPORTS_DIR: /srv/report.txt: the file is empty');
  });
});
