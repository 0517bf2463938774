import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAliasData, validateAliasData } from './aliases.js';
import { loadDefaultReport } from '../report/loader.js';
import { buildLexicon } from '../query/lexicon.js';
import { fold } from '../query/normalize.js';

const data = loadAliasData();
const report = loadDefaultReport();
const listed = new Set(report.services.map((s) => s.name));

describe('the reviewed alias tables', () => {
  it('pass their schemas, each entry with its source', () => {
    const checked = validateAliasData();
    expect(checked.services.aliases).toEqual(data.services.aliases);
    expect(checked.unlisted.entries).toEqual(data.unlisted.entries);
    expect(checked.regions.regions).toEqual(data.regions.regions);
  });

  it('map every alias to a service the report lists, spelled as the report spells it', () => {
    expect(data.services.aliases.filter((a) => !listed.has(a.service)).map((a) => a.service)).toEqual([]);
  });

  it('never name a listed service among the services the report does not list', () => {
    const listedKeys = new Set(report.services.map((s) => fold(s.name)));
    expect(data.unlisted.entries.filter((e) => listedKeys.has(fold(e.name))).map((e) => e.name)).toEqual([]);
    const related = data.unlisted.entries.flatMap((e) => e.related ?? []);
    expect(related.filter((r) => !listed.has(r))).toEqual([]);
  });

  it('link every region of the report to its code', () => {
    const lexicon = buildLexicon(report, data);
    expect(report.regions.filter((r) => !lexicon.regionInfo.has(r.name)).map((r) => r.name)).toEqual([]);
    expect(lexicon.regionInfo.get('US East (Northern Virginia)')?.code).toBe('us-east-1');
    expect(lexicon.regionInfo.get('EU (Ireland)')?.code).toBe('eu-west-1');
  });

  it('give topic words that occur in the report', () => {
    const text = fold(readFileSync('data/reports/aws-soc3-2017.txt', 'utf8'));
    const missing = data.topics.synonyms.flatMap((g) => g.reportTerms).filter((t) => !text.includes(fold(t)));
    expect(missing).toEqual([]);
  });

  it('give no alias twice for different services', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const a of data.services.aliases) {
      const prior = seen.get(fold(a.alias));
      if (prior && prior !== a.service) clashes.push(a.alias);
      seen.set(fold(a.alias), a.service);
    }
    expect(clashes).toEqual([]);
  });

  it('give each feature, tier or edition a service it is of, spelled as a scope list spells it, and never as an unlisted service too', () => {
    const checked = validateAliasData();
    expect(checked.features.features).toEqual(data.features.features);
    expect(data.features.features.filter((f) => !listed.has(f.of)).map((f) => f.of)).toEqual([]);
    const unlisted = new Set(data.unlisted.entries.flatMap((e) => [e.name, ...e.aliases].map(fold)));
    expect(data.features.features.flatMap((f) => [f.name, ...f.aliases]).filter((n) => unlisted.has(fold(n)))).toEqual([]);
  });

  it('read a feature of a listed service as that service\'s feature, and a feature of an unlisted one as not listed', () => {
    const lexicon = buildLexicon(report, data);
    expect(lexicon.exact.get(fold('Shield Advanced'))?.map((h) => h.entity)).toEqual([{ type: 'feature', name: 'AWS Shield Advanced', of: 'AWS Shield', kind: 'tier' }]);
    const withoutShield = { ...report, services: report.services.filter((s) => s.name !== 'AWS Shield') };
    expect(buildLexicon(withoutShield, data).exact.get(fold('Shield Advanced'))?.map((h) => h.entity.type)).toEqual(['unlisted']);
  });
});
