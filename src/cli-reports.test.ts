import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_TEXT, tempLibrary, variantText } from '../tests/support/report-library.js';
import { cli } from '../tests/support/cli.js';

describe('npm run reports', () => {
  let lib: ReturnType<typeof tempLibrary>;
  const saved = process.env.REPORTS_DIR;
  beforeEach(() => {
    lib = tempLibrary({ 'aws-soc3-2017.txt': REPORT_TEXT, 'aws-soc3-2016-fall.txt': variantText({ period: { start: '2016-04-01', end: '2016-09-30' }, reportDate: '2016-11-10', removeServices: ['Amazon Connect'] }) });
    process.env.REPORTS_DIR = lib.dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.REPORTS_DIR;
    else process.env.REPORTS_DIR = saved;
    lib.dispose();
  });

  it('lists the library, newest first: id, kind, period, counts, auditor, file', async () => {
    const r = await cli(['reports']);
    expect(r).toEqual({
      code: 0,
      err: '',
      out:
        `aws-soc3-2017  SOC 3  2017-04-01 to 2017-09-30  51 services, 15 regions, 46 edge locations  Ernst & Young LLP (2017-10-26)  ${join(lib.dir, 'aws-soc3-2017.txt')}\n` +
        `aws-soc3-2016-fall  SOC 3  2016-04-01 to 2016-09-30  50 services, 15 regions, 46 edge locations  Ernst & Young LLP (2016-11-10)  ${join(lib.dir, 'aws-soc3-2016-fall.txt')}\n`,
    });
  });

  it('prints JSON Lines with --json, and names refused files on stderr with exit 1', async () => {
    lib.write('broken.txt', variantText({ breakPeriod: true }));
    const r = await cli(['reports', '--json']);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.id, l.kind, l.periodStart, l.periodEnd, l.counts])).toEqual([
      ['aws-soc3-2017', 'SOC 3', '2017-04-01', '2017-09-30', { services: 51, regions: 15, edgeLocations: 46 }],
      ['aws-soc3-2016-fall', 'SOC 3', '2016-04-01', '2016-09-30', { services: 50, regions: 15, edgeLocations: 46 }],
    ]);
    expect(lines[0]).toMatchObject({ title: 'Service Organization Controls 3 Report', serviceOrganization: 'Amazon Web Services, Inc.', auditor: { firm: 'Ernst & Young LLP', reportDate: '2017-10-26' } });
    expect(r.err).toMatch(/^refused .*broken\.txt: no report period/);
    expect(r.code).toBe(1);
  });

  it('answers from the library with ask, and ingest --add writes a report into it', async () => {
    const a = JSON.parse((await cli(['ask', '--json', 'was Connect in scope in June 2016?'])).out) as { verdict: string; report: { id: string } };
    expect(a).toMatchObject({ verdict: 'no', report: { id: 'aws-soc3-2016-fall' } });
    lib.write('spring.txt', variantText({ period: { start: '2017-10-01', end: '2018-03-31' } }));
    const added = await cli(['ingest', join(lib.dir, 'spring.txt'), '--add', '--id', 'aws-soc3-2018-spring']);
    expect(added.code).toBe(0);
    expect(existsSync(join(lib.dir, 'aws-soc3-2018-spring.json'))).toBe(true);
    expect(added.err).toContain('npm run reports -- reload');
    lib.remove('spring.txt');
    expect((await cli(['reports'])).out.split('\n')[0]).toMatch(/^aws-soc3-2018-spring {2}SOC 3 {2}2017-10-01 to 2018-03-31 .*aws-soc3-2018-spring\.json$/);
  });

  it('refuses an unknown action as a usage error', async () => {
    expect(await cli(['reports', 'delete'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown action "delete"') });
  });
});
