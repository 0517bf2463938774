import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { flatten, parseReport, ReportError, splitList } from './parser.js';
import { loadDefaultReport, loadReport, validateReport } from './loader.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILE = 'data/reports/aws-soc3-2017.txt';
const text = readFileSync(FILE, 'utf8');
const parse = (t: string, file = 'changed.txt') => parseReport(t, { id: 'aws-soc3-2017', file });
const report = parse(text, FILE);

/** Replaces exactly one occurrence, so a changed copy is changed where the test means it to be. */
function edit(source: string, from: string, to: string): string {
  expect(source.split(from).length - 1, `"${from}" occurs once`).toBe(1);
  return source.replace(from, to);
}

describe('parsing the SOC 3 report', () => {
  it('finds the 51 services in scope, the 15 regions and the 46 edge locations', () => {
    expect(report.services).toHaveLength(51);
    expect(report.regions).toHaveLength(15);
    expect(report.edgeLocations).toHaveLength(46);
    expect(report.categories).toHaveLength(14);
  });

  it('spells every name as the report does', () => {
    expect(report.services.map((s) => s.name)).toContain('Amazon EC2 Container Service (ECS)');
    expect(report.services.map((s) => s.name)).toContain('AWS Lambda@Edge');
    expect(report.regions.map((r) => r.name)).toEqual(expect.arrayContaining(['US East (Northern Virginia)', 'AWS GovCloud (US-West)', 'South America (São Paulo)']));
    expect(report.edgeLocations).toContainEqual({ name: 'Montréal, Canada', city: 'Montréal', country: 'Canada' });
    expect(report.edgeLocations).toContainEqual({ name: 'Singapore', city: 'Singapore', country: 'Singapore' });
  });

  it('gives each service its category, description and abbreviation from "Components of the System"', () => {
    const ecs = report.services.find((s) => s.name === 'Amazon EC2 Container Service (ECS)')!;
    expect(ecs).toMatchObject({ abbreviation: 'ECS', category: 'Compute', path: ['Components of the System', 'Compute', 'Amazon EC2 Container Service (ECS)'] });
    expect(ecs.description).toMatch(/^Amazon EC2 Container Service is a container management service/);
    const connect = report.services.find((s) => s.name === 'Amazon Connect')!;
    expect(connect.category).toBe('Contact Center');
    expect(connect.abbreviation).toBeUndefined();
    const ad = report.services.find((s) => s.name === 'AWS Directory Service for Microsoft Active Directory')!;
    expect(ad.alsoKnownAs).toEqual(['AWS Microsoft AD']);
  });

  it('reads the report facts: title, organization, period, auditor, criteria and opinion', () => {
    expect(report).toMatchObject({
      title: 'Service Organization Controls 3 Report',
      subtitle: 'Report on the Amazon Web Services System',
      system: 'Amazon Web Services System',
      serviceOrganization: 'Amazon Web Services, Inc.',
      period: { start: '2017-04-01', end: '2017-09-30' },
      auditor: { firm: 'Ernst & Young LLP', reportDate: '2017-10-26' },
      assertionDate: '2017-10-26',
    });
    expect(report.criteria).toEqual([
      { name: 'Security', covered: true },
      { name: 'Availability', covered: true },
      { name: 'Processing Integrity', covered: false },
      { name: 'Confidentiality', covered: true },
      { name: 'Privacy', covered: false },
    ]);
    expect(report.opinion.unmodified).toBe(true);
    expect(report.opinion.text).toMatch(/^In our opinion, AWS' management's assertion/);
    expect(report.exclusions[0]!.quote).toMatch(/not conducted for the purpose of evaluating AWS' cybersecurity risk management program/);
  });

  it('builds the section tree from the layout, with heading paths and source lines', () => {
    expect(report.sections.map((s) => s.title)).toEqual([
      'Report of Independent Accountants',
      "Management's Assertion Regarding the Effectiveness of Its Controls Over the Amazon Web Services System Based on the Trust Services Principles and Criteria for Security, Availability, and Confidentiality",
      'AWS Background',
      'Infrastructure',
      'Components of the System',
      'People',
      'Data',
      'Availability',
      'Confidentiality',
    ]);
    expect(report.sections[0]!.children.map((s) => s.title)).toEqual(['Approach', 'Inherent limitations', 'Opinion']);
    const lines = text.split('\n');
    for (const s of flatten(report.sections)) {
      if (s.path.length > 1 || !s.title.startsWith('Management')) expect(lines[s.lines.start - 1]!.replace(/:$/, '')).toBe(s.title);
      expect(s.lines.end).toBeGreaterThanOrEqual(s.lines.start);
    }
  });

  it('matches the committed structured JSON, so data/reports stays in step with its text', () => {
    const committed = JSON.parse(readFileSync('data/reports/aws-soc3-2017.json', 'utf8'));
    expect(committed).toEqual(report);
    expect(validateReport(committed, 'data/reports/aws-soc3-2017.json')).toEqual(committed);
    expect(loadDefaultReport()).toEqual(report);
  });
});

describe('parsing a changed copy of the report', () => {
  it('picks up a service added to the scope list and described under its category', () => {
    let t = edit(text, '- Amazon Connect\n', '- Amazon Connect\n- Amazon Example Service (AES)\n');
    t = edit(t, 'Contact Center\n\nAmazon Connect\n', 'Contact Center\n\nAmazon Example Service (AES)\n\nAmazon Example Service does things for testing.\n\nAmazon Connect\n');
    const changed = parse(t);
    expect(changed.services).toHaveLength(52);
    expect(changed.services.find((s) => s.name === 'Amazon Example Service (AES)')).toMatchObject({ category: 'Contact Center', abbreviation: 'AES' });
  });

  it('drops a service removed from both the list and the descriptions', () => {
    let t = edit(text, '- AWS Shield\n', '');
    t = edit(t, 'AWS Shield\n\nAWS Shield is a managed Distributed Denial of Service (DDoS) protection service that safeguards web applications running on AWS. AWS Shield provides constant detection and automatic inline mitigations that minimize application downtime and latency.\n\n', '');
    const changed = parse(t);
    expect(changed.services).toHaveLength(50);
    expect(changed.services.map((s) => s.name)).not.toContain('AWS Shield');
  });

  it('reads another period, another auditor date and another region', () => {
    let t = edit(text, 'For the Period April 1, 2017 – September 30, 2017', 'For the Period October 1, 2017 – March 31, 2018');
    t = edit(t, 'Ernst & Young LLP\n\nOctober 26, 2017', 'Ernst & Young LLP\n\nMay 15, 2018');
    t = edit(t, 'Asia Pacific (Mumbai), and South America', 'Asia Pacific (Mumbai), Europe (Paris), and South America');
    const changed = parse(t);
    expect(changed.period).toMatchObject({ start: '2017-10-01', end: '2018-03-31' });
    expect(changed.auditor.reportDate).toBe('2018-05-15');
    expect(changed.regions.map((r) => r.name)).toContain('Europe (Paris)');
    expect(changed.regions).toHaveLength(16);
  });
});

describe('refusing a malformed report', () => {
  const refusal = (t: string) => {
    try {
      parse(t, 'broken.txt');
    } catch (error) {
      expect(error).toBeInstanceOf(ReportError);
      return (error as Error).message;
    }
    throw new Error('the report was accepted');
  };

  it('names the file and the missing period', () => {
    expect(refusal(edit(text, 'For the Period April 1, 2017 – September 30, 2017\n', ''))).toMatch(/^broken\.txt: no report period/);
  });

  it('names the missing scope list', () => {
    expect(refusal(edit(text, 'The scope of services covered in this report includes:', 'Some services follow.'))).toMatch(/^broken\.txt: no scope list/);
  });

  it('names a listed service that has no description', () => {
    expect(refusal(edit(text, '- Amazon Connect\n', '- Amazon Connect\n- Amazon Phantom\n'))).toMatch(/not described under "Components of the System": Amazon Phantom/);
  });

  it('names a described service missing from the scope list', () => {
    expect(refusal(edit(text, '- Amazon WorkMail\n', ''))).toMatch(/missing from the scope list: Amazon WorkMail/);
  });

  it('refuses an empty file', () => {
    expect(refusal('')).toMatch(/empty/);
  });
});

describe('loading a report file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-'));

  it('reads report text or structured JSON alike', () => {
    const json = join(dir, 'copy.json');
    writeFileSync(json, JSON.stringify(report));
    expect(loadReport(json)).toEqual(report);
    expect(loadReport(FILE)).toEqual(report);
  });

  it('names the file when it is missing, not JSON, or missing a field', () => {
    expect(() => loadReport(join(dir, 'nope.txt'))).toThrow(/nope\.txt: no such file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadReport(bad)).toThrow(/bad\.json: is not valid JSON/);
    const { period: _period, ...withoutPeriod } = report;
    expect(() => validateReport(withoutPeriod, 'partial.json')).toThrow(/^partial\.json: not a valid structured report: period/);
  });

  it('checks sections at every depth, and names the one that is wrong', () => {
    // The report's schemas are made without zod's cycle support (schema.ts): the recursion must still reach down.
    const deep = structuredClone(report);
    const service = deep.sections.find((s) => s.children.some((c) => c.children.length))!.children.find((c) => c.children.length)!.children[0]!;
    service.children.push({ title: 'Deeper', path: [...service.path, 'Deeper'], text: '', lines: { start: 1, end: 1 }, children: [{ title: '', path: ['x'], text: '', lines: { start: 1, end: 1 }, children: [] }] });
    expect(() => validateReport(deep, 'deep.json')).toThrow(/^deep\.json: not a valid structured report: sections\.\d+\.children\.\d+\.children\.\d+\.children\.0\.children\.0\.title: /);
    service.children[0]!.children[0]!.title = 'Deepest';
    expect(validateReport(deep, 'deep.json')).toEqual(deep);
    // Every other schema keeps it: the module puts zod's own memoizer back.
    expect(z.config().memoizer).toBe(z.memoizer());
  });
});

describe('splitList', () => {
  it('splits on commas outside parentheses and drops the final "and"', () => {
    expect(splitList('A (x, y), B, and C')).toEqual(['A (x, y)', 'B', 'C']);
    expect(splitList('Security, Availability and Confidentiality')).toEqual(['Security', 'Availability', 'Confidentiality']);
    expect(splitList('Security')).toEqual(['Security']);
  });
});
