import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../tests/support/cli.js';
import { buildQuestionnaire, cellsOf } from '../../tests/support/questionnaires.js';
import { createEngine, loadDefaultReport } from '../index.js';
import { main, runQuestionnaire } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-questionnaire-'));

/** `npm run questionnaire -- ARGS` as npm runs it: the built CLI in its own process. */
function spawned(args: string[]) {
  const r = spawnSync(process.execPath, ['dist/questionnaire.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command in-process, with its output captured. */
function questionnaire(args: string[]) {
  return captureOutput((io) => main(args, io));
}

describe('npm run questionnaire', () => {
  it('writes FILE.answered.xlsx beside the input, prints the summary, and leaves no temporary file', async () => {
    const input = join(dir, 'caiq.xlsx');
    writeFileSync(input, (await buildQuestionnaire()).bytes);
    const { code, out, err } = spawned([input]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Wrote .*caiq\.answered\.xlsx \(sheet "Questions", column B \(Question\)\): 8 questions answered: \d+ yes, \d+ no, \d+ partly, \d+ from the report, \d+ not sure; \d+ need review\.\n$/);
    const { workbook } = await cellsOf(readFileSync(join(dir, 'caiq.answered.xlsx')));
    expect(workbook.getWorksheet('Questions')!.getCell('C2').value).toBe('Verdict');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('takes -o, --sheet, --column and --report, and writes CSV for CSV', async () => {
    const input = join(dir, 'sheet.csv');
    writeFileSync(input, 'Ref,Item\n1,Is Amazon Connect in scope?\n');
    const out = join(dir, 'filled.csv');
    const { code, out: stdout } = await questionnaire([input, '-o', out, '--column', 'B', '--report', 'aws-soc3-2017']);
    expect(code).toBe(0);
    expect(stdout).toContain('1 question answered: 1 yes, 0 no, 0 partly, 0 from the report, 0 not sure; none needs review.');
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('Ref,Item,Verdict,Answer,Evidence,Report');
  });

  it('exits 2 for a usage error and writes nothing: no file, -o equal to the input, another format', async () => {
    const input = join(dir, 'usage.csv');
    writeFileSync(input, 'Question\nIs S3 in scope?\n');
    expect((await questionnaire([])).code).toBe(2);
    const same = await questionnaire([input, '-o', input]);
    expect(same).toMatchObject({ code: 2, err: `Error: ${input}: the output is the questionnaire itself; choose another -o\n` });
    expect(readFileSync(input, 'utf8')).toBe('Question\nIs S3 in scope?\n');
    const other = await questionnaire([input, '-o', join(dir, 'usage.xlsx')]);
    expect(other.code).toBe(2);
    expect(other.err).toContain("the copy keeps the questionnaire's format (.csv)");
    expect(existsSync(join(dir, 'usage.xlsx'))).toBe(false);
    const report = await questionnaire([input, '--report', 'no-such-report']);
    expect(report.code).toBe(2);
    expect(report.err).toMatch(/^Error: no-such-report: no such report: the library has aws-soc3-2017.*npm run reports/);
  });

  it('exits 1 for an unreadable input, naming the file, and leaves no output', async () => {
    const missing = await questionnaire([join(dir, 'nope.xlsx')]);
    expect(missing).toMatchObject({ code: 1, err: `Error: ${join(dir, 'nope.xlsx')}: no such file\n` });
    const notSheet = join(dir, 'picture.xlsx');
    writeFileSync(notSheet, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const r = await questionnaire([notSheet]);
    expect(r).toMatchObject({ code: 1, err: `Error: ${notSheet}: is not an XLSX workbook (its content is no ZIP package)\n` });
    expect(existsSync(join(dir, 'picture.answered.xlsx'))).toBe(false);
    const tooMany = join(dir, 'many.csv');
    writeFileSync(tooMany, `Question\n${'Is S3 in scope?\n'.repeat(3)}`);
    expect(await questionnaire([tooMany, '--max-rows', '2'])).toMatchObject({ code: 1, err: `Error: ${tooMany}: has too many questions (3 rows; at most 2); split it and send the parts\n` });
  });

  it('leaves no partial file when the copy cannot be written, nor a temporary one', async () => {
    const folder = join(dir, 'failed-write');
    mkdirSync(folder);
    const input = join(folder, 'q.csv');
    writeFileSync(input, 'Question\nIs S3 in scope?\n');
    // The target is a folder: the temporary copy is written, and renaming it into place fails.
    const target = join(folder, 'out.csv');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'kept');
    const r = await questionnaire([input, '-o', target]);
    expect(r).toMatchObject({ code: 1, err: `Error: ${target}: cannot be written (EISDIR)\n` });
    expect(readdirSync(folder).sort()).toEqual(['out.csv', 'q.csv']);
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(readFileSync(input, 'utf8')).toBe('Question\nIs S3 in scope?\n');
  });

  it('shows a progress bar on standard error only when it is a terminal', async () => {
    const input = join(dir, 'bar.csv');
    writeFileSync(input, 'Question\nIs S3 in scope?\nIs Amazon Connect in scope?\n');
    const run = async (isTTY: boolean) => {
      const stdout = new PassThrough();
      const stderr = Object.assign(new PassThrough(), { isTTY, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
      let err = '';
      stderr.on('data', (c) => (err += c));
      const code = await runQuestionnaire(input, { out: join(dir, `bar-${isTTY}.csv`) }, createEngine(loadDefaultReport()), { stdout, stderr });
      return { code, err };
    };
    expect(await run(false)).toEqual({ code: 0, err: '' });
    const tty = await run(true);
    expect(tty.code).toBe(0);
    expect(tty.err).toContain('Answering 2 questions of column A (Question)…');
    expect(tty.err).toContain('2/2 questions');
  });
});
