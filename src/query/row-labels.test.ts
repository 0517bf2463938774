import { describe, expect, it } from 'vitest';
import { stripRowLabel } from './row-labels.js';

describe('questionnaire row labels', () => {
  it('take the row label off before the question', () => {
    const cases: [string, string, string][] = [
      ['Q13: Is Amazon EC2 within the scope of the SOC 3 examination?', 'Q13', 'Is Amazon EC2 within the scope of the SOC 3 examination?'],
      ['B.2.1 Does the report cover the data centers in the EU (Ireland) region?', 'B.2.1', 'Does the report cover the data centers in the EU (Ireland) region?'],
      ['C-04 Is the AWS Lambda service included in the scope?', 'C-04', 'Is the AWS Lambda service included in the scope?'],
      ['D.2 Does the scope include AWS WAF?', 'D.2', 'Does the scope include AWS WAF?'],
      ['2.01 Is Amazon EBS in the scope of the report?', '2.01', 'Is Amazon EBS in the scope of the report?'],
      ['3.1.5 Was the examination conducted in accordance with AICPA attestation standards?', '3.1.5', 'Was the examination conducted in accordance with AICPA attestation standards?'],
      ['HECVAT DATA-05 Is data encrypted in transit?', 'HECVAT DATA-05', 'Is data encrypted in transit?'],
      ['VSA 3.4 Does the vendor conduct background checks?', 'VSA 3.4', 'Does the vendor conduct background checks?'],
      ['CAIQ A&A-02.1 Are independent audits conducted at least annually?', 'CAIQ A&A-02.1', 'Are independent audits conducted at least annually?'],
      ['A.1.4 Specify the period covered by the examination.', 'A.1.4', 'Specify the period covered by the examination.'],
      ['12) Is S3 in scope?', '12', 'Is S3 in scope?'],
      ['3. is s3 in scope', '3', 'is s3 in scope'],
      ['#7 Is Connect covered?', '#7', 'Is Connect covered?'],
      ['DSP-07 — Which regions are covered?', 'DSP-07', 'Which regions are covered?'],
      ['HECVAT HFIH-01 follow-up: is Amazon Connect within the attestation scope?', 'HECVAT HFIH-01 follow-up', 'is Amazon Connect within the attestation scope?'],
      ['CAIQ v4 STA-01 context - is AWS Direct Connect in scope of the report?', 'CAIQ v4 STA-01 context', 'is AWS Direct Connect in scope of the report?'],
    ];
    for (const [q, label, text] of cases) expect(stripRowLabel(q), q).toEqual({ text, label });
  });

  it('take off the requests for evidence after the question', () => {
    expect(stripRowLabel('Q12: Is Amazon Athena in scope of the SOC 3 report? If not, please explain how the service is assured.')).toEqual({ text: 'Is Amazon Athena in scope of the SOC 3 report?', label: 'Q12' });
    expect(stripRowLabel('Are independent audits conducted at least annually? Provide evidence.').text).toBe('Are independent audits conducted at least annually?');
    expect(stripRowLabel('Is S3 in scope? If so, which period?').text).toBe('Is S3 in scope?');
    expect(stripRowLabel('Is S3 in scope? Please attach the report.').text).toBe('Is S3 in scope?');
    for (const q of ['If not S3, is EC2 in scope?', 'Is S3 in scope? Is EC2?', 'Please provide the audit period.', 'is s3 covered? if not why']) {
      expect(stripRowLabel(q).text, q).toBe(q === 'is s3 covered? if not why' ? 'is s3 covered?' : q);
    }
  });

  it('take off the answer options a row ends with', () => {
    expect(stripRowLabel('Is Amazon EC2 included in the scope of the report? (Y/N)').text).toBe('Is Amazon EC2 included in the scope of the report?');
    expect(stripRowLabel('Is the Seoul region included? (Yes / No / N/A)').text).toBe('Is the Seoul region included?');
    expect(stripRowLabel('Do all employees complete annual security awareness training? Y/N').text).toBe('Do all employees complete annual security awareness training?');
    expect(stripRowLabel('Is S3 in scope [Yes/No]').text).toBe('Is S3 in scope?');
    for (const q of ['Y/N', 'is the NY edge location covered?', 'Is S3 in scope?']) expect(stripRowLabel(q).text, q).toBe(q);
  });

  it('keep every word of what is no row label', () => {
    for (const q of ['Q4 2017 covered?', 'Q3 is S3 covered', 'CC6.1 logical access in scope?', 'eu-west-1 covered?', 'us-east-1 Is it covered?', 'S3 in scope?', 'EC2 Is it covered?', '99.9 uptime?', 'TLS 1.2 supported?', 'Is 2.01 covered?', '2017. Is S3 covered?', 'Route 53 Is it covered?', 'D.2', '2.01 ']) {
      expect(stripRowLabel(q), q).toEqual({ text: q });
    }
  });

  it('read the question cell of a row pasted from a spreadsheet, with the fields that name what it asks about', () => {
    const cases: [string, string][] = [
      ['SIG Lite A.12.3 | Is Amazon DynamoDB covered by the SOC report? | (Yes/No/N/A) | Evidence: scope page', 'Is Amazon DynamoDB covered by the SOC report?'],
      ['Row 58 | Is VM Import/Export covered by the audit? | (Yes/No/N/A)', 'Is VM Import/Export covered by the audit?'],
      ['ISO 27001 Annex A mapping | A.15.1 Supplier relationships | Service: Amazon WorkSpaces | Covered by supplier attestation? (Y/N) | Evidence ref', 'Amazon WorkSpaces: Covered by supplier attestation?'],
      ['SIG Lite A.4.4 | Date of management\'s assertion | (Free text) | Evidence: attach assertion page', "Date of management's assertion"],
      ['Q-114\tIs Amazon Redshift within the audited system boundary?\tYes/No/N/A', 'Is Amazon Redshift within the audited system boundary?'],
    ];
    for (const [q, text] of cases) expect(stripRowLabel(q).text, q).toBe(text);
  });

  it('keep a cell that may qualify the question, as a sentence before it', () => {
    expect(stripRowLabel('HIPAA | Is S3 covered?').text).toBe('HIPAA. Is S3 covered?');
  });

  it("ask the question under a criterion's column, before it or after it", () => {
    expect(stripRowLabel('Privacy | Is S3 covered?').text).toBe('Is S3 covered for Privacy?');
    expect(stripRowLabel('Is S3 covered? | processing  integrity').text).toBe('Is S3 covered for processing  integrity?');
    expect(stripRowLabel('TSC: Availability | Is DynamoDB in scope? | (Yes/No)').text).toBe('Is DynamoDB in scope for Availability?');
    expect(stripRowLabel('**Privacy** | Is S3 covered?').text).toBe('Is S3 covered for Privacy?');
    expect(stripRowLabel('[PI] | Is EC2 in scope?').text).toBe('Is EC2 in scope for Processing Integrity?');
    expect(stripRowLabel('TSC Privacy | Is S3 covered?').text).toBe('Is S3 covered for Privacy?');
    expect(stripRowLabel('Privacy criteria | Is S3 covered?').text).toBe('Is S3 covered for Privacy?');
    // (Only a question of scope: any other is answered as asked, the column its heading.)
    expect(stripRowLabel('Privacy | Are backups performed?').text).toBe('Are backups performed?');
    // (A word of a criterion's name in a longer cell is that cell's, not a column.)
    expect(stripRowLabel('Privacy notice | Is S3 covered?').text).toBe('Privacy notice. Is S3 covered?');
  });
});
