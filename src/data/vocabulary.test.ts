import { describe, expect, it } from 'vitest';
import { validateVocabulary } from './vocabulary.js';
import { fold } from '../query/normalize.js';

describe('the vocabulary files', () => {
  const v = validateVocabulary();

  it('validate against their schemas, every set with a source', () => {
    expect(Object.keys(v.questionWords.sets)).toContain('stopwords');
    for (const set of [...Object.values(v.questionWords.sets), ...Object.values(v.questionWords.kinds)]) expect(set.source.length).toBeGreaterThan(8);
  });

  it('hold folded phrases only, so that they match folded questions', () => {
    const all = [...v.chatFiller.phrases, ...Object.values(v.facts.facts).flat(), ...v.programmes.programmes.flatMap((p) => p.phrases), ...v.vendors.otherProviders.flatMap((p) => p.words)];
    for (const phrase of all) expect(fold(phrase), phrase).toBe(phrase);
  });

  it('give each programme phrase to one programme only', () => {
    const seen = new Map<string, string>();
    for (const p of v.programmes.programmes) {
      for (const phrase of p.phrases) {
        expect(seen.get(phrase) ?? p.name, phrase).toBe(p.name);
        seen.set(phrase, p.name);
      }
    }
  });

  it('hold the corporate suffixes folded, each one word', () => {
    for (const w of v.corporateSuffixes.words) expect(fold(w).split(' '), w).toEqual([w]);
  });

  it('names each audit firm once, with aliases that fold to themselves', () => {
    const names = v.auditFirms.firms.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('read each British spelling as one American word that differs from it, both folded', () => {
    for (const [british, american] of Object.entries(v.britishSpellings.spellings)) {
      expect(fold(british).split(' '), british).toEqual([british]);
      expect(fold(american).split(' '), american).toEqual([american]);
      expect(american, british).not.toBe(british);
    }
  });
});
