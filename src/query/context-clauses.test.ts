import { describe, expect, it } from 'vitest';
import { contextClauseTokens, migrationBefore } from './context-clauses.js';
import { tokenize } from './normalize.js';

/** The words of the question's context clauses, with no name found in it. */
const clauseWords = (q: string, inName: number[] = []) => {
  const tokens = tokenize(q);
  const taken = contextClauseTokens(tokens, new Set(inName));
  return tokens.filter((_, k) => taken.has(k)).map((t) => t.norm).join(' ');
};

describe('clauses about who asks and what for', () => {
  it('read modifiers ending in an asker, an asker in a sector, and "for" with a purpose', () => {
    expect(clauseWords('our client is a german bank – is S3 in scope?')).toBe('client german bank');
    expect(clauseWords('aussie customer asking about EC2')).toBe('aussie customer');
    expect(clauseWords('customer in healthcare wants to know if RDS is covered')).toBe('customer in healthcare');
    expect(clauseWords('client in the financial services industry - is KMS in scope?')).toBe('client in the financial services industry');
    expect(clauseWords('for a data lake: athena and glue covered?')).toBe('for a data lake');
    expect(clauseWords('in the public sector space, is CloudTrail covered?')).toBe('in the public sector space');
  });

  it('read a sector as a modifier of an asker, with "for" before it and purposes after it', () => {
    expect(clauseWords('asking for a public sector lead')).toBe('for a public sector lead');
    expect(clauseWords('for an insurance carrier RFP: is KMS in scope?')).toBe('for an insurance carrier rfp');
    expect(clauseWords('one more from the telco prospect: VM Import/Export in scope?')).toBe('telco prospect');
    expect(clauseWords('is S3 covered for government?')).toBe('');
  });

  it('take no lone modifier, sector or purpose, and no word of a name', () => {
    expect(clauseWords('is the german region covered?')).toBe('');
    expect(clauseWords('is S3 covered for healthcare?')).toBe('');
    expect(clauseWords('is S3 Glacier Deep Archive covered')).toBe('');
    // "data lake" inside a name the lexicon found ("Data Lake Foo", tokens 1-3) is the name's.
    expect(clauseWords('for Data Lake Foo, is S3 covered?', [1, 2, 3])).toBe('');
  });
});

describe('a country before the asker or its sector', () => {
  /** As clauseWords, with the tokens at `places` inside a place's name (and so inside a name). */
  const withPlaces = (q: string, places: number[]) => {
    const tokens = tokenize(q);
    const taken = contextClauseTokens(tokens, new Set(places), new Set(places));
    return tokens.filter((_, k) => taken.has(k)).map((t) => t.norm).join(' ');
  };

  it('reads where the asker is, before an asker, a sector at the end, or the fiscal year (fresh set 44)', () => {
    expect(withPlaces('is S3 covered for a US federal customer?', [5])).toBe('us federal customer');
    expect(withPlaces('is us-east-1 covered? customer is US federal', [1, 2, 3, 7])).toBe('customer us federal');
    expect(withPlaces('customer FY is oct 2016 - sep 2017 (US fed FY17). does soc3 cover it', [7])).toContain('us fed');
  });

  it('leaves a country before a sector and the kind of place: a place asked about', () => {
    expect(withPlaces('is the US government region covered?', [2])).toBe('');
  });
});

describe('purposes of purposes and askers modified by a purpose', () => {
  it('read a purpose after a possessive, and a purpose before an asker', () => {
    expect(clauseWords("is Cognito in scope for our mobile app's auth?")).toBe('for our mobile app s auth');
    expect(clauseWords('filling out a vendor risk assessment for our data lake vendor')).toBe('for our data lake vendor');
  });
});

describe("the asker's own system and what it runs on", () => {
  it('read a possessive, up to three words and a hosting phrase before a name as context', () => {
    // "their ledger runs on DynamoDB": DynamoDB is token 4.
    expect(clauseWords('their ledger runs on DynamoDB, is it covered?', [4])).toBe('their ledger runs on');
    expect(clauseWords('our payments platform is hosted on EC2', [6])).toBe('our payments platform is hosted on');
  });

  it('take nothing before no name, and never the customer’s data', () => {
    expect(clauseWords('their ledger runs on spreadsheets')).toBe('');
    expect(clauseWords('their data lives in S3, covered?', [4])).toBe('');
  });
});

describe('what the asker is moving off', () => {
  it('finds the migration phrase right before a product, past determiners', () => {
    const tokens = tokenize("We're moving off our Oracle estate - is RDS in scope?");
    const oracle = tokens.findIndex((t) => t.norm === 'oracle');
    expect(tokens[migrationBefore(tokens, oracle)]!.norm).toBe('moving');
    expect(migrationBefore(tokenize('is Oracle covered?'), 1)).toBe(-1);
  });

  it('finds it past how the asker describes what they leave ("an on-prem Oracle estate", fresh set 45)', () => {
    const tokens = tokenize('Customer is migrating off an on-prem Oracle estate');
    const oracle = tokens.findIndex((t) => t.norm === 'oracle');
    expect(tokens[migrationBefore(tokens, oracle)]!.norm).toBe('migrating');
  });
});
