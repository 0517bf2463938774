import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../index.js';
import { parseReport } from '../report/parser.js';
import unlisted from '../../data/aliases/unlisted-services.json' with { type: 'json' };

const faults: unknown[] = [];
const engine = createEngine(loadDefaultReport(), { onError: (e) => faults.push(e) });
const ask = (q: string) => engine.answer(q);

describe('answering whether a service is in scope', () => {
  it('says yes for Connect, citing the scope list', () => {
    const a = ask('is Connect in scope?');
    expect(a).toMatchObject({ question: 'is Connect in scope?', intent: 'service_scope', verdict: 'yes', matches: [{ kind: 'service', name: 'Amazon Connect', inScope: true }] });
    expect(a.items).toEqual([{ asked: 'Connect', kind: 'service', name: 'Amazon Connect', status: 'in_scope', reading: 'abbreviation', category: 'Contact Center', citations: ['c1'] }]);
    expect(a.text).toBe('**Yes**: **Amazon Connect** (Contact Center) is in scope.');
    // The list's introduction and the service's bullet, under one heading: one citation.
    expect(a.citations).toEqual([
      { id: 'c1', section: 'AWS Background', path: ['AWS Background'], quote: 'The scope of services covered in this report includes:', quotes: ['The scope of services covered in this report includes:', 'Amazon Connect'] },
    ]);
    expect(a.report).toEqual({ id: 'aws-soc3-2017', title: 'Service Organization Controls 3 Report', periodStart: '2017-04-01', periodEnd: '2017-09-30' });
  });

  it('tells Direct Connect from Connect', () => {
    expect(ask('is Direct Connect covered?').matches).toEqual([{ kind: 'service', name: 'AWS Direct Connect', inScope: true }]);
  });

  it('ignores chat noise: mentions, Markdown, case and extra punctuation', () => {
    for (const q of ['<@U0123ABC> is *S3* in scope??', '<at>Compliance Bot</at> `s3`', 'IS S3 IN SCOPE', '**Amazon S3**?!']) {
      expect(ask(q).matches, q).toEqual([{ kind: 'service', name: 'Amazon Simple Storage Service (S3)', inScope: true }]);
    }
  });

  it('names the report name behind a later name', () => {
    const a = ask('is Elastic Container Service covered?');
    expect(a.matches).toEqual([{ kind: 'service', name: 'Amazon EC2 Container Service (ECS)', inScope: true }]);
    expect(a.notes).toMatchObject([{ kind: 'reading', text: expect.stringContaining('later name') }]);
    expect(a.items[0]).toMatchObject({ reading: 'later_name' });
  });

  it('answers partly when some of several services are listed', () => {
    const a = ask('are S3 and Athena covered?');
    expect(a.verdict).toBe('partial');
    expect(a.matches).toEqual([
      { kind: 'service', name: 'Amazon Simple Storage Service (S3)', inScope: true },
      { kind: 'service', name: 'Amazon Athena', inScope: false },
    ]);
  });

  it('answers a family name with exactly what the report lists of it', () => {
    const a = ask('is Kinesis in scope?');
    expect(a.verdict).toBe('partial');
    expect(a.matches.filter((m) => m.inScope).map((m) => m.name)).toEqual(['Amazon Kinesis Streams']);
    expect(a.items.every((i) => i.reading === 'family' && i.asked === 'Kinesis')).toBe(true);
    expect(a.text.split('\n')[0]).toBe('**Partly**: 1 of 4 in scope.');
  });

  it('reads a typo close to exactly one name as that name, and says so in a reading note', () => {
    const a = ask('is Amazon Conect in scope?');
    expect(a.verdict).toBe('yes');
    expect(a.matches).toEqual([{ kind: 'service', name: 'Amazon Connect', inScope: true }]);
    expect(a.items[0]).toMatchObject({ asked: 'Amazon Conect', reading: 'typo', status: 'in_scope' });
    expect(a.notes).toContainEqual({ kind: 'reading', text: 'Reading “Amazon Conect” as **Amazon Connect**.' });
  });

  it('puts a yes in doubt when the question says more than the report does', () => {
    for (const q of ['is instant retrieval on s3 glacier covered?', 'is S3 in Moscow covered?', 'is S3 covered in all regions?', 'is our application on EC2 covered?', 'is S3 compliant with SOX?']) {
      expect(ask(q).verdict, q).toBe('unknown');
    }
    const own = ask('is our application on EC2 covered?');
    expect(own.notes[0]).toMatchObject({ kind: 'customer_responsibility' });
    expect(own.citations.map((c) => c.quote)).toContain('Customers are responsible for the development, operation, maintenance, and use of their content.');
    expect(ask('is S3 in scope for our customer?').verdict).toBe('yes');
  });

  it('says "not listed" for a name it does not know, never a look-alike', () => {
    const a = ask('is Foobar Analytics in scope?');
    expect(a.verdict).toBe('no');
    expect(a.matches.every((m) => !m.inScope)).toBe(true);
    expect(a.text).toContain('not listed in this report');
  });

  it('says "not listed" for every well-known service the report does not list', () => {
    const yeses: string[] = [];
    for (const entry of unlisted.entries) {
      for (const name of [entry.name, ...entry.aliases]) {
        const a = ask(`is ${name} in scope?`);
        if (a.verdict === 'yes' || a.matches.some((m) => m.inScope)) yeses.push(`${name} -> ${a.matches.map((m) => m.name).join(', ')}`);
      }
    }
    expect(yeses).toEqual([]);
  });

  it('neither confirms nor denies a listed name followed by words it does not know', () => {
    for (const q of ['is Amazon Connect Foo covered?', 'is S3 object lock covered?', 'is ECS for Kubernetes covered?']) {
      const a = ask(q);
      expect(a.verdict, q).toBe('unknown');
      expect(a.matches.filter((m) => m.inScope), q).toEqual([]);
      expect(a.text, q).toMatch(/says nothing about “.+” as such/);
    }
    expect(ask('is Amazon Connect Foo covered?').suggestions).toEqual([{ kind: 'service', name: 'Amazon Connect' }]);
  });

  it('judges a place asked with a service by its regions, never by an edge location', () => {
    const a = ask('is S3 covered in Paris?');
    expect(a.verdict).toBe('partial');
    expect(a.matches).toEqual([
      { kind: 'service', name: 'Amazon Simple Storage Service (S3)', inScope: true },
      { kind: 'region', name: 'Europe (Paris)', inScope: false },
    ]);
    expect(a.text).toContain('does not say which services run in which region');
    // A country with some regions in scope is no "Partly" either: the report never says S3 runs in any of them.
    expect(ask('is S3 covered in Japan?').verdict).toBe('unknown');
  });

  it('says the report speaks of its period only when asked about today', () => {
    const a = ask('is S3 covered today?');
    expect(a.text).toContain('cannot say what is covered today');
    expect(a.citations.map((c) => c.path.at(-1))).toContain('Inherent limitations');
  });

  it('says the report does not mention plain words it never uses, rather than "not listed"', () => {
    expect(ask('do they do background checks?')).toMatchObject({ verdict: 'unknown', matches: [] });
    expect(ask('is Foobar in scope?')).toMatchObject({ verdict: 'no' });
  });

  it('will not say yes to another compliance programme', () => {
    const a = ask('is S3 HIPAA eligible?');
    expect(a.verdict).toBe('unknown');
    expect(a.text).toMatch(/does not address \*\*HIPAA\*\*/);
  });
});

describe('reading what a question really asks', () => {
  it('takes words around a listed name as another product, never as the listed one', () => {
    for (const q of ['is lambda snapstart in scope?', 'is SnapStart for Lambda covered?', 'is Service Connect in scope?', 'is S3 Object Lambda covered?', 'is WAF Bot Control covered?']) {
      const a = ask(q);
      expect(a.matches.filter((m) => m.inScope), q).toEqual([]);
      expect(['no', 'unknown'], q).toContain(a.verdict);
    }
  });

  it('does not read an ordinary verb as a service name', () => {
    expect(ask('can I connect to Redshift securely?').matches.map((m) => m.name)).toEqual(['Amazon Redshift']);
  });

  it('answers a negative question without a bare "Yes" that reads the wrong way', () => {
    const a = ask('is S3 not in scope?');
    expect(a.verdict).toBe('info');
    expect(a.text).toMatch(/^\*\*From the report\*\*: \*\*Amazon Simple Storage Service \(S3\)\*\* \(Storage\) is in scope/);
  });

  it('answers dates against the report period, and will not speak for other years', () => {
    expect(ask('is June 2017 covered?')).toMatchObject({ intent: 'report_fact', verdict: 'yes' });
    expect(ask('does the report cover March 2017?')).toMatchObject({ verdict: 'no' });
    const a = ask('was S3 in scope in 2015?');
    expect(a.verdict).toBe('unknown');
    expect(a.text).toMatch(/^\*\*Not sure\*\*: This report covers 1 Apr – 30 Sep 2017 only; it cannot speak for \*\*2015\*\*/);
    expect(a.notes[0]).toMatchObject({ kind: 'period' });
  });

  it('reads a plain term for what the report says a service is, and says how it read it', () => {
    const a = ask('is DNS in scope?');
    expect(a.matches).toEqual([{ kind: 'service', name: 'Amazon Route 53', inScope: true }]);
    expect(a.notes).toEqual([{ kind: 'reading', text: 'Reading “DNS” as **Amazon Route 53**, the name the report uses.' }]);
  });

  it('says how it read several terms in one note, and a note two things share once', () => {
    expect(ask('are ELB and SSM covered?').notes).toEqual([
      { kind: 'reading', text: 'Reading “ELB” as **Elastic Load Balancing** and “SSM” as **Amazon EC2 Systems Manager**, the names the report uses.' },
    ]);
    const typos = ask('are lamda, dynamo and sagemaker covered?');
    expect(typos.items.map((i) => [i.name, i.reading])).toEqual([['AWS Lambda', 'typo'], ['Amazon DynamoDB', 'abbreviation'], ['Amazon SageMaker', 'exact']]);
    expect(typos.notes.filter((n) => n.kind === 'reading')).toEqual([{ kind: 'reading', text: 'Reading “lamda” as **AWS Lambda** and “dynamo” as **Amazon DynamoDB**.' }]);
    // EKS and Fargate both name ECS as related: said once (it was said twice).
    const related = ask('are ECS, EKS and Fargate covered?').notes.filter((n) => n.kind === 'related');
    expect(related.map((n) => n.text)).toEqual(['The report does list **Amazon EC2 Container Service (ECS)**, a related but different service.']);
  });

  it('reads full dates, and will not take a year for the whole of it', () => {
    expect(ask('Was S3 covered on October 1, 2017?').verdict).toBe('unknown');
    expect(ask('was S3 covered on June 30, 2017?').verdict).toBe('yes');
    expect(ask('Was S3 covered for all of 2017?').verdict).toBe('partial');
    expect(ask('Was EC2 covered on March 1?').verdict).toBe('unknown');
  });

  it('does not answer two services asked about as one thing for each on its own', () => {
    for (const q of ['Is DynamoDB a relational database?', 'Is Inspector for Lambda covered?', 'Is Glacier a part of S3?']) {
      expect(ask(q), q).toMatchObject({ verdict: 'unknown', matches: [] });
    }
    expect(ask('are S3, EC2 and RDS covered?').verdict).toBe('yes');
  });

  it('answers each item of a list, however it is separated (lines, bullets, slashes, semicolons)', () => {
    const names = (q: string) => ask(q).matches.map((m) => `${m.inScope ? '+' : '-'}${m.name}`);
    expect(names('Are these covered?\n- S3\n- EC2\n- Bedrock')).toEqual(['+Amazon Simple Storage Service (S3)', '+Amazon Elastic Compute Cloud (EC2)', '-Amazon Bedrock']);
    expect(names('Is SQS/SNS covered?')).toEqual(['+Amazon Simple Queue Service (SQS)', '+Amazon Simple Notification Service (SNS)']);
    expect(names('Are us-east-1; eu-west-3 covered?')).toEqual(['+US East (Northern Virginia)', '-Europe (Paris)']);
    expect(names('Are Berlin and Hamburg covered?')).toEqual(['+Berlin, Germany', '-Hamburg']);
    expect(ask('Are S3 and Location Service covered?').verdict).toBe('partial');
  });

  it('does not take "City, State" for the listed city of the same name', () => {
    for (const q of ['Is there an edge location in Paris, Texas?', 'Is Seoul, Japan covered?', 'is Melbourne, Florida covered?']) {
      expect(ask(q).matches.filter((m) => m.inScope), q).toEqual([]);
    }
    // (Its edge location only: Partly.)
    expect(ask('is Paris, France covered?').verdict).toBe('partial');
  });

  it('does not take a qualified place for the place it contains', () => {
    for (const q of ['is North Korea covered?', 'is Washington DC covered?', 'is London, Ontario covered?']) expect(ask(q).verdict, q).toBe('no');
  });
});

describe('answering whether a location is covered', () => {
  it('resolves a region code to the region the report names', () => {
    expect(ask('is us-east-1 covered?')).toMatchObject({ verdict: 'yes', intent: 'location_scope', matches: [{ kind: 'region', name: 'US East (Northern Virginia)', inScope: true }] });
  });

  it('answers a region the report does not cover with no', () => {
    expect(ask('is eu-west-3 covered?')).toMatchObject({ verdict: 'no', matches: [{ kind: 'region', name: 'Europe (Paris)', inScope: false }] });
  });

  it('covers a city as an edge location when its region is not covered, and says which', () => {
    const a = ask('is Paris covered?');
    expect(a).toMatchObject({ verdict: 'partial', matches: [{ kind: 'edge_location', name: 'Paris, France', inScope: true }] });
    expect(a.items).toMatchObject([{ asked: 'Paris', kind: 'edge_location', name: 'Paris, France', status: 'edge_location_only', reading: 'place', country: 'France' }]);
    expect(a.text).toMatch(/^\*\*Partly\*\*: \*\*Paris, France\*\* is covered as an edge location only\./);
    expect(a.text).toContain('**Europe (Paris)** (eu-west-3) is not among the regions');
  });

  it('answers "the Paris region" about the region only', () => {
    expect(ask('is the Paris region covered?')).toMatchObject({ verdict: 'no', matches: [{ kind: 'region', name: 'Europe (Paris)', inScope: false }] });
  });

  it('accepts places without their accents', () => {
    expect(ask('is Sao Paulo covered?').matches.map((m) => m.name)).toEqual(['South America (São Paulo)', 'São Paulo, Brazil']);
  });

  it('lists the edge locations of a country', () => {
    expect(ask('edge locations in Japan?')).toMatchObject({
      intent: 'list',
      verdict: 'info',
      matches: [
        { kind: 'edge_location', name: 'Osaka, Japan', inScope: true },
        { kind: 'edge_location', name: 'Tokyo, Japan', inScope: true },
      ],
    });
  });
});

describe('answering about the report itself', () => {
  it('gives the auditor and the period in one answer', () => {
    const a = ask('who audited it, and for which period?');
    expect(a).toMatchObject({ intent: 'report_fact', verdict: 'info' });
    expect(a.text).toContain('**Ernst & Young LLP**');
    expect(a.text).toContain('1 Apr – 30 Sep 2017');
    expect(a.citations.map((c) => c.quotes ?? [c.quote])).toEqual([['Ernst & Young LLP', 'October 26, 2017'], ['For the Period April 1, 2017 – September 30, 2017']]);
  });

  it('answers the trust services criteria, covered and not', () => {
    expect(ask('is privacy covered?')).toMatchObject({ intent: 'criteria_scope', verdict: 'no', matches: [{ kind: 'criterion', name: 'Privacy', inScope: false }] });
    expect(ask('is security covered?')).toMatchObject({ verdict: 'yes', matches: [{ kind: 'criterion', name: 'Security', inScope: true }] });
  });

  it('describes a listed service with its category', () => {
    const a = ask('what is Amazon Cognito?');
    expect(a).toMatchObject({ intent: 'service_description', verdict: 'info' });
    expect(a.text).toContain('**Amazon Cognito** (Mobile Services) is in scope.');
    expect(a.citations[0]!.quote).toMatch(/^Amazon Cognito lets customers add user sign-up/);
  });

  it('lists the services of a category', () => {
    const a = ask('which database services are covered?');
    expect(a.intent).toBe('list');
    expect(a.matches.map((m) => m.name)).toEqual(['AWS Database Migration Service (DMS)', 'Amazon DynamoDB', 'Amazon ElastiCache', 'Amazon Relational Database Service (RDS)', 'Amazon SimpleDB']);
  });

  it('answers a topic from the best matching section with a quote', () => {
    const a = ask('how are employees trained?');
    expect(a).toMatchObject({ intent: 'topic', verdict: 'info' });
    expect(a.citations[0]!.path).toEqual(['People']);
    expect(a.citations[0]!.quote).toContain('Security & Awareness training');
  });

  it('recognises help itself (adapters only render it): nothing, "help", "?", "/help", "what can you do?"', () => {
    for (const q of ['', '  ', 'help', 'HELP', 'help?', '?', '/help', 'what can you do?']) expect(ask(q).intent, q).toBe('help');
    for (const q of ['is S3 in scope?', 'help me with S3', 'helpful?']) expect(ask(q).intent, q).not.toBe('help');
  });

  it('offers help, and a hint for what it cannot answer', () => {
    expect(ask('help')).toMatchObject({ intent: 'help', verdict: 'unknown' });
    expect(ask('')).toMatchObject({ intent: 'help' });
    const a = ask('write me a poem about clouds');
    expect(a).toMatchObject({ intent: 'unknown', verdict: 'unknown', citations: [] });
    expect(a.text).toContain('is Connect in scope?');
  });
});

describe('answering from another report of the same layout', () => {
  it('follows the report, not the code', () => {
    const text = readFileSync('data/reports/aws-soc3-2017.txt', 'utf8')
      .replace('- Amazon Connect\n', '')
      .replace('Contact Center\n\nAmazon Connect\n\nAmazon Connect is a self-service', 'Contact Center\n\nAmazon Pinpoint\n\nAmazon Pinpoint is a self-service')
      .replace('- Amazon API Gateway\n', '- Amazon API Gateway\n- Amazon Pinpoint\n');
    const other = createEngine(parseReport(text, { id: 'changed', file: 'changed.txt' }));
    expect(other.answer('is Connect in scope?').verdict).toBe('no');
    expect(other.answer('is Pinpoint in scope?')).toMatchObject({ verdict: 'yes', matches: [{ name: 'Amazon Pinpoint', inScope: true }] });
    expect(other.answer('is Pinpoint in scope?').report.id).toBe('changed');
  });
});

it('met no internal fault while answering', () => {
  expect(faults).toEqual([]);
});
