import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../adapters/logger.js';
import { startServer, type RunningServer } from '../adapters/server.js';
import { createServingEngine } from '../src/index.js';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connector-standin.js';
import { personalMessage } from './support/teams-activity.js';
import { slashCommand } from './support/slack-payloads.js';
import { postSigned, TEST_SIGNING_SECRET } from './support/slack-signing.js';
import { startSlackStandIn, type SlackStandIn } from './support/slack-standin.js';
import { ingestedJson, REPORT_TEXT, tempLibrary, variantText } from './support/report-library.js';

// "/compliance reports" in Slack and "reports" in Teams: the core's list of the library, newest first,
// through each platform's own renderer.
const lib = tempLibrary({
  'aws-soc3-2017.json': ingestedJson(REPORT_TEXT, 'aws-soc3-2017'),
  'aws-soc3-2018-spring.json': ingestedJson(variantText({ period: { start: '2017-10-01', end: '2018-03-31' } }), 'aws-soc3-2018-spring'),
});

let slack: SlackStandIn;
let connector: ConnectorStandIn;
let server: RunningServer;

beforeAll(async () => {
  slack = await startSlackStandIn();
  connector = await startConnectorStandIn();
  server = await startServer(
    { port: 0, host: '127.0.0.1', logLevel: 'warn', slack: { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, apiUrl: slack.apiUrl, command: '/compliance' }, teams: { mode: 'local' } },
    { engine: createServingEngine({ dir: lib.dir }), logger: createLogger('silent') },
  );
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
  await connector?.close();
  lib.dispose();
});

/** Where each id first appears in a rendered reply: both present, newest first. */
function expectListed(rendered: string) {
  const at = ['aws-soc3-2018-spring', 'aws-soc3-2017'].map((id) => rendered.indexOf(`${id}`));
  expect(at.every((i) => i >= 0), rendered.slice(0, 400)).toBe(true);
  expect(at[0]).toBeLessThan(at[1]!);
}

describe('the library in chat', () => {
  it('lists the reports for /compliance reports in Slack', async () => {
    const response = await postSigned(`http://127.0.0.1:${server.port}/slack/events`, slashCommand('reports', slack.responseUrl('reports')));
    expect(response.status).toBe(200);
    expectListed(JSON.stringify(response.json()));
  });

  it('lists the reports for "reports" in Teams', async () => {
    const activity = personalMessage(connector.url, 'reports', 'reports-1');
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const [call] = await connector.waitForCalls(1);
    expectListed(JSON.stringify(call!.activity));
  });
});
