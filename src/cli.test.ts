import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from './index.js';
import { cli } from '../tests/support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-cli-'));

describe('npm run ask', () => {
  it('answers a question for a person: verdict first, then the answer, the citations and the period', async () => {
    const { code, out } = await cli(['ask', 'is Connect in scope?']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('✅ Yes: Amazon Connect (Contact Center) is in scope.');
    expect(out).toContain('Evidence\n  AWS Background\n    “The scope of services covered in this report includes:”\n    “Amazon Connect”');
    // The report line, then (the report being old) its age, which qualifies every answer alike.
    expect(lines.at(-2)).toBe('Service Organization Controls 3 Report · 1 Apr – 30 Sep 2017 (aws-soc3-2017)');
    expect(lines.at(-1)).toMatch(/^The newest report's period ended 30 Sep 2017, /);
    expect(lines[1]).toBe('');
  });

  it('prints one Answer as one line of JSON with --json', async () => {
    const { code, out } = await cli(['ask', '--json', 'is', 'us-east-1', 'covered?']);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const answer = AnswerSchema.parse(JSON.parse(out));
    expect(answer).toMatchObject({ question: 'is us-east-1 covered?', verdict: 'yes' });
  });

  it('never echoes terminal control characters from a question', async () => {
    const { out } = await cli(['ask', 'is Fo\u001b]0;pwned\u0007o in scope?']);
    expect(out).toContain('not listed');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('answers each non-empty line of standard input, in order, as JSON Lines', async () => {
    const { code, out } = await cli(['ask', '--json'], 'is S3 in scope?\n\nis SageMaker in scope?\r\nwho audited it?');
    expect(code).toBe(0);
    const answers = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers.map((a) => [a.question, a.verdict])).toEqual([
      ['is S3 in scope?', 'yes'],
      ['is SageMaker in scope?', 'no'],
      ['who audited it?', 'info'],
    ]);
  });

  it('answers from another report given as text or as structured JSON', async () => {
    const text = readFileSync('data/reports/aws-soc3-2017.txt', 'utf8').replace('Ernst & Young LLP\n\nOctober 26, 2017', 'Example Auditors LLP\n\nOctober 27, 2017');
    const file = join(dir, 'other-report.txt');
    writeFileSync(file, text);
    const fromText = await cli(['ask', '--json', '--report', file, 'who audited it?']);
    expect(JSON.parse(fromText.out)).toMatchObject({ report: { id: 'other-report' } });
    expect(JSON.parse(fromText.out).text).toContain('Example Auditors LLP');
    const fromJson = await cli(['ask', '--json', '--report', 'data/reports/aws-soc3-2017.json', 'who audited it?']);
    expect(JSON.parse(fromJson.out).text).toContain('Ernst & Young LLP');
  });

  it('exits 1 naming the file when the report is missing or malformed', async () => {
    const missing = await cli(['ask', '--report', join(dir, 'absent.txt'), 'is S3 in scope?']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/absent\.txt: no such file/);
    const broken = join(dir, 'broken.txt');
    writeFileSync(broken, 'Service Organization Controls 3 Report\n\nNothing else here.\n');
    const malformed = await cli(['ask', '--report', broken, 'is S3 in scope?']);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/broken\.txt: no report period/);
  });

  it('exits 2 on a usage error', async () => {
    expect((await cli(['ask', '--no-such-flag', 'x'])).code).toBe(2);
    expect(await cli(['ask', '   '])).toMatchObject({ code: 2, err: expect.stringContaining('the question is empty') });
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });
});

describe('npm run ingest', () => {
  it('writes the structured JSON that equals the committed one', async () => {
    const out = join(dir, 'aws-soc3-2017.json');
    const { code, err } = await cli(['ingest', 'data/reports/aws-soc3-2017.txt', '-o', out]);
    expect(code).toBe(0);
    expect(err).toMatch(/51 services, 15 regions, 46 edge locations/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync('data/reports/aws-soc3-2017.json', 'utf8')));
  });

  it('refuses structured JSON as input, and an output file that is the input', async () => {
    const json = await cli(['ingest', 'data/reports/aws-soc3-2017.json']);
    expect(json).toMatchObject({ code: 1, err: expect.stringContaining('is already structured JSON') });
    const same = await cli(['ingest', 'data/reports/aws-soc3-2017.txt', '-o', './data/reports/aws-soc3-2017.txt']);
    expect(same).toMatchObject({ code: 1, err: expect.stringContaining('the output file is the report itself') });
  });

  it('exits 1 naming the file for a report it cannot read', async () => {
    const { code, err } = await cli(['ingest', join(dir, 'nothing.txt')]);
    expect(code).toBe(1);
    expect(err).toMatch(/nothing\.txt: no such file/);
  });
});

describe('the built CLI, as npm runs it', () => {
  it('reads questions from a pipe without waiting for a terminal', () => {
    const r = spawnSync(process.execPath, ['dist/cli-start.cjs', 'ask', '--json'], { input: 'is Connect in scope?\nis eu-west-3 covered?\n', timeout: 15_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l).verdict)).toEqual(['yes', 'no']);
  });

  it('answers once when its bundle is run directly (node dist/cli.cjs), as when started by dist/cli-start.cjs', () => {
    // The bundle's entry (src/cli-main.ts) runs the CLI; src/cli.ts ran it again when it took itself for the entry.
    const r = spawnSync(process.execPath, ['dist/cli.cjs', 'ask', '--json', 'is Connect in scope?'], { timeout: 15_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.toString().trim().split('\n')).toHaveLength(1);
  });

  it('reads no question from an empty pipe, and exits 0', () => {
    const r = spawnSync(process.execPath, ['dist/cli-start.cjs', 'ask'], { input: '', timeout: 15_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe('');
  });

  it('writes its code cache on the first run and answers the same from it, or from a cache V8 refuses', () => {
    // A copy of the build of its own, so that the cache starts absent (src/cold-start.ts).
    const built = mkdtempSync(join(tmpdir(), 'compliance-bot-dist-'));
    for (const f of ['cli-start.cjs', 'cli.js', 'cli.cjs']) copyFileSync(join('dist', f), join(built, f));
    const ask = () => spawnSync(process.execPath, [join(built, 'cli-start.cjs'), 'ask', '--json', 'is Connect in scope?'], { timeout: 15_000 });
    const first = ask();
    expect(first.status).toBe(0);
    expect(existsSync(join(built, 'cli.cjs.cache'))).toBe(true);
    const second = ask();
    expect(second.status).toBe(0);
    expect(second.stdout.toString()).toBe(first.stdout.toString());
    writeFileSync(join(built, 'cli.cjs.cache'), 'not a code cache');
    const third = ask();
    expect(third.status).toBe(0);
    expect(third.stdout.toString()).toBe(first.stdout.toString());
    expect(readFileSync(join(built, 'cli.cjs.cache')).toString()).not.toBe('not a code cache');
    expect(readdirSync(built).sort()).toEqual(['cli-start.cjs', 'cli.cjs', 'cli.cjs.cache', 'cli.js']);
  });
});
