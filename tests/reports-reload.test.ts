import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../adapters/config.js';
import { RELOAD_PATH } from '../adapters/reports-admin.js';
import { startServer, type RunningServer } from '../adapters/server.js';
import { createServingEngine, type ServingEngine } from '../src/index.js';
import { cli } from './support/cli.js';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connector-standin.js';
import { personalMessage } from './support/teams-activity.js';
import { ingestedJson, REPORT_TEXT, tempLibrary, variantText } from './support/report-library.js';
import { capturedLogger } from './support/logs.js';

// Reloading the report library of a running server: over HTTP from this machine (what `npm run reports --
// reload` does) and as on SIGHUP, with good and bad files, while Teams messages keep arriving.

const spring2018 = ingestedJson(variantText({ period: { start: '2017-10-01', end: '2018-03-31' }, addServices: [{ name: 'Amazon Athena', category: 'Analytics', description: 'Amazon Athena is an interactive query service.' }] }), 'aws-soc3-2018-spring');

let n = 0;

describe('reloading the report library of a running server', () => {
  const lib = tempLibrary({ 'aws-soc3-2017.json': ingestedJson(REPORT_TEXT, 'aws-soc3-2017') });
  const logs: Array<Record<string, unknown>> = [];
  let engine: ServingEngine;
  let connector: ConnectorStandIn;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    engine = createServingEngine({ dir: lib.dir });
    connector = await startConnectorStandIn();
    const logger = capturedLogger('info', logs).logger;
    const config: AppConfig = { port: 0, host: '127.0.0.1', logLevel: 'info', teams: { mode: 'local' } };
    server = await startServer(config, { engine, logger });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    lib.dispose();
  });

  const health = async () => ((await (await fetch(`${base}/healthz`)).json()) as { reports: string[] }).reports;
  const reload = () => fetch(`${base}${RELOAD_PATH}`, { method: 'POST' });

  it('re-reads the folder on request, keeps a report whose file turns bad, and fails no question under load', async () => {
    expect(await health()).toEqual(['aws-soc3-2017']);
    const questions = ['which reports do you have?', 'is Athena in scope?', 'is Connect in scope?', 'what changed between the last two reports?'];
    const total = 120;
    let sent = 0;
    const statuses: number[] = [];
    // Six clients sending messages back to back while the library is reloaded three times.
    const client = async () => {
      while (sent < total) {
        const i = sent++;
        const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(connector.url, questions[i % questions.length]!, `reload-${(n += 1)}`)) });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, client));
    const steps: unknown[] = [];
    const waitFor = async (count: number) => {
      while (sent < count) await new Promise((resolve) => setImmediate(resolve));
    };
    await waitFor(15);
    lib.write('aws-soc3-2018-spring.json', spring2018);
    steps.push(await (await reload()).json());
    await waitFor(45);
    // A bad new file and a good report's file made bad: both refused, the good report's previous version kept.
    lib.write('broken.txt', variantText({ breakPeriod: true }));
    lib.write('aws-soc3-2017.json', '{"schemaVersion": 1, "id": ');
    steps.push(await (await reload()).json());
    await waitFor(75);
    steps.push(server.reloadReports()); // as SIGHUP does
    await load;

    expect(statuses).toHaveLength(total);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Every question answered (a slow turn may also send a typing indicator first).
    expect(connector.calls.filter((c) => c.activity.type === 'message')).toHaveLength(total);
    expect(steps[0]).toEqual({ ok: true, reports: ['aws-soc3-2018-spring', 'aws-soc3-2017'], added: ['aws-soc3-2018-spring'], removed: [], kept: [], refused: [] });
    expect(steps[1]).toMatchObject({ ok: true, reports: ['aws-soc3-2018-spring', 'aws-soc3-2017'], added: [], removed: [], kept: ['aws-soc3-2017'] });
    expect((steps[1] as { refused: { file: string }[] }).refused.map((r) => r.file.slice(lib.dir.length + 1)).sort()).toEqual(['aws-soc3-2017.json', 'broken.txt']);
    expect(steps[2]).toMatchObject({ ok: true, kept: ['aws-soc3-2017'] });
    expect(await health()).toEqual(['aws-soc3-2018-spring', 'aws-soc3-2017']);
    expect(engine.answer('is Athena in scope?')).toMatchObject({ verdict: 'yes', report: { id: 'aws-soc3-2018-spring' } });
    // Each refused file is logged with its reason.
    const refusedLogs = logs.filter((l) => l.msg === 'report file refused').map((l) => String(l.file).slice(lib.dir.length + 1));
    expect(refusedLogs).toContain('broken.txt');
    expect(refusedLogs).toContain('aws-soc3-2017.json');
  });

  it('is what `npm run reports -- reload` calls, and says what was refused', async () => {
    const r = await cli(['reports', 'reload', '--url', base]);
    expect(r.out).toBe('Reloaded: 2 reports (aws-soc3-2018-spring, aws-soc3-2017). kept at the previous version: aws-soc3-2017.\n');
    expect(r.err).toMatch(/^refused .*aws-soc3-2017\.json: is not valid JSON/m);
    expect(r.err).toMatch(/^refused .*broken\.txt: no report period/m);
    expect(r.code).toBe(1);
    lib.remove('broken.txt');
    lib.write('aws-soc3-2017.json', ingestedJson(REPORT_TEXT, 'aws-soc3-2017'));
    expect(await cli(['reports', 'reload', '--url', base])).toEqual({ code: 0, out: 'Reloaded: 2 reports (aws-soc3-2018-spring, aws-soc3-2017).\n', err: '' });
  });

  it('keeps the previous library when nothing in the folder can be read', async () => {
    lib.remove('aws-soc3-2018-spring.json');
    lib.remove('aws-soc3-2017.json');
    const res = await reload();
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, reports: ['aws-soc3-2018-spring', 'aws-soc3-2017'] });
    expect(await health()).toEqual(['aws-soc3-2018-spring', 'aws-soc3-2017']);
  });

  it('takes reload requests from this machine only', async () => {
    const res = await fetch(`${base}${RELOAD_PATH}`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(await cli(['reports', 'reload', '--url', 'http://127.0.0.1:9'])).toMatchObject({ code: 1, err: expect.stringMatching(/^Error: cannot reach the server at http:\/\/127\.0\.0\.1:9/) });
  });
});
