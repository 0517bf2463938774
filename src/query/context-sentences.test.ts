import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../index.js';
import { cleanQuestion, tokenize } from './normalize.js';

const engine = createEngine(loadDefaultReport(), { answerCache: 0 });
const verdict = (q: string) => engine.answer(q).verdict;
const text = (q: string) => engine.answer(q).text;

describe('sentences of context beside a question', () => {
  it('are read as context when they ask nothing and name nothing new', () => {
    expect(verdict('Does the SOC 3 cover Amazon Redshift? Filling out a vendor risk assessment for our data warehouse vendor.')).toBe('yes');
    expect(verdict('Is S3 covered? We keep our backups in S3.')).toBe('yes');
    expect(verdict('Hi there! Hope you are well. Is Amazon S3 covered by the audit? Kind regards, Priya')).toBe('yes');
    const auditor = engine.answer('who did the audit again? need it for the VRA');
    expect(auditor.intent).toBe('report_fact');
    expect(auditor.text).toContain('Ernst & Young LLP');
    expect(auditor.text).not.toContain('VRA');
  });

  it('read a clause of what the asker does, before a question that names its own subjects, as context', () => {
    expect(engine.answer('we use Azure AD with AWS IAM, is IAM covered?').items.map((i) => i.name)).toEqual(['AWS Identity and Access Management (IAM)']);
    expect(verdict('we run batch jobs on EC2, is EC2 covered?')).toBe('yes');
    // A question that names nothing of its own asks of the clause's names; one with a time asks of that time.
    expect(verdict('we use Athena, is it covered?')).toBe('no');
    expect(verdict('we need Q4 2017, is S3 covered?')).toBe('unknown');
    // After the question too, and a sentence of who the customer is that names nothing.
    expect(verdict('customer asking if ECS is covered - they run everything on ECS Fargate-less clusters')).toBe('yes');
    expect(verdict('Is S3 covered? our customer is a large retailer')).toBe('yes');
    // A place in either is a condition of the question, never context (these were false yeses).
    expect(verdict('is EC2 covered - they run it in eu-west-3')).toBe('partial');
    expect(verdict('is Connect covered? we need it in Bahrain')).toBe('partial');
    expect(verdict('Direct Connect in scope? customer in Frankfurt wants a dedicated line')).not.toBe('yes');
  });

  it('keep a sentence that names something else, asks, or types a name', () => {
    // Glacier is asked about too, though in a sentence of its own.
    expect(engine.answer('Is S3 covered? We keep our backups in Glacier.').items.map((i) => i.name)).toContain('Amazon Glacier');
    // A request is a question: its words stay ("Tell me about backups").
    expect(text('Is S3 covered? Tell me about backups.')).toContain('backups');
    // "Foo" may be a product the report does not list: never dropped in silence.
    expect(text('is s3 in scope? also Foo.')).toContain('Foo');
  });

  it('read what the asker says they know as context only when it holds, so that a wrong belief is corrected', () => {
    expect(verdict('We know WorkMail is in scope - is Amazon WorkDocs too?')).toBe('no');
    expect(verdict('Is Amazon WorkDocs in scope? I know WorkMail and WorkSpaces are.')).toBe('no');
    // Athena is not listed: the statement stays asked, and the answer says so.
    const belief = engine.answer('I know Athena is in scope. Is S3?');
    expect(belief.items.map((i) => [i.name, i.status])).toContainEqual(['Amazon Athena', 'not_listed']);
  });

  it('are found only after a sentence end, not after an abbreviation', () => {
    const ends = (q: string) => tokenize(cleanQuestion(q)).flatMap((t) => (t.sentenceEnd ? [`${t.norm}${t.sentenceEnd}`] : []));
    expect(ends('Is S3 covered? We use it, e.g. for backups. Thanks!')).toEqual(['covered?', 'backups.', 'thanks!']);
    expect(ends('Does Amazon Web Services, Inc. list Lambda?')).toEqual(['lambda?']);
  });
});
