import { describe, expect, it } from 'vitest';
import { loadAliasData } from '../data/aliases.js';
import { loadDefaultReport } from '../report/loader.js';
import { buildLexicon } from './lexicon.js';
import { cleanQuestion, tokenize } from './normalize.js';
import { scan } from './scan.js';

const data = loadAliasData();
const lexicon = buildLexicon(loadDefaultReport(), data);
const countriesIn = (q: string) => scan(tokenize(cleanQuestion(q)), lexicon).flatMap((s) => s.hits.filter((h) => h.entity.type === 'country').map((h) => h.entity.name));

describe('a case-sensitive place alias typed in lower case', () => {
  const declared = data.places.countries.filter((c) => c.lowercaseWhen);

  it('is declared for at least one alias ("us")', () => {
    expect(declared.length).toBeGreaterThan(0);
  });

  it.each(declared.flatMap((c) => c.lowercaseWhen!.examples.map((q) => [q, c.country] as const)))('reads %j as the place (%s) in its declared context', (q, country) => {
    expect(countriesIn(q)).toContain(country);
  });

  it.each(declared.flatMap((c) => c.lowercaseWhen!.notExamples.map((q) => [q, c.country] as const)))('does not read %j as a place (%s) elsewhere', (q, country) => {
    expect(countriesIn(q)).not.toContain(country);
  });
});

describe('scanning run-together names', () => {
  it('marks a name found only with its spaces changed ("directconnect"), and not one typed as the report spells it', () => {
    const [joined] = scan(tokenize(cleanQuestion('is directconnect covered')), lexicon).filter((s) => s.hits.length > 0);
    expect(joined).toMatchObject({ surface: 'directconnect', joined: true });
    const [spelled] = scan(tokenize(cleanQuestion('is Direct Connect covered')), lexicon).filter((s) => s.hits.length > 0);
    expect(spelled?.joined).toBeUndefined();
  });
});
