import { describe, expect, it } from 'vitest';
import { cleanQuestion } from './normalize.js';

describe('cleaning a question as chat clients send it', () => {
  it('drops typed emoji shortcodes, which carry no words', () => {
    expect(cleanQuestion('hi team :wave: is Amazon ECR covered? :+1:')).toBe('hi team is Amazon ECR covered?');
    expect(cleanQuestion('is S3 in scope :white_check_mark: or not?')).toBe('is S3 in scope or not?');
  });

  it('keeps colons that are not shortcodes: times, labels, region codes', () => {
    expect(cleanQuestion('meeting at 10:30: is S3 covered?')).toBe('meeting at 10:30: is S3 covered?');
    expect(cleanQuestion('Q3: is us-east-1: covered?')).toBe('Q3: is us-east-1: covered?');
  });
});
