import { describe, expect, it } from 'vitest';
import { columnLetters, columnNumber, shiftFormula, shiftRange } from './a1.js';

const ins = { sheet: 'Questions', after: 2, count: 4 };

describe('inserting four columns after column B', () => {
  it('moves references right of B, keeps those left of it, and grows ranges across it', () => {
    expect(shiftFormula('C2+$D$3+A1+B9', 'Questions', ins)).toBe('G2+$H$3+A1+B9');
    expect(shiftFormula('SUM(A1:C9)*SUM(D1:E2)', 'Questions', ins)).toBe('SUM(A1:G9)*SUM(H1:I2)');
    expect(shiftFormula('COUNTA(C:C)+ROWS(1:3)', 'Questions', ins)).toBe('COUNTA(G:G)+ROWS(1:3)');
  });

  it('moves references to the sheet from other sheets, quoted or not, and nothing on other sheets', () => {
    expect(shiftFormula("Questions!C2+'Questions'!D2+Other!C2+C2", 'Other', ins)).toBe("Questions!G2+'Questions'!H2+Other!C2+C2");
    expect(shiftFormula("'My ''odd'' sheet'!C2", 'Other', { ...ins, sheet: "My 'odd' sheet" })).toBe("'My ''odd'' sheet'!G2");
  });

  it('leaves string literals, function names and structured references alone', () => {
    expect(shiftFormula('IF(C2="C2","D4",LOG10(C3))&Table1[Col C]', 'Questions', ins)).toBe('IF(G2="C2","D4",LOG10(G3))&Table1[Col C]');
  });

  it('converts between letters and numbers up to XFD', () => {
    expect([columnNumber('A'), columnNumber('Z'), columnNumber('AA'), columnNumber('XFD')]).toEqual([1, 26, 27, 16384]);
    expect([columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(16384)]).toEqual(['A', 'Z', 'AA', 'XFD']);
    expect(shiftRange('A1:B2 C4', ins)).toBe('A1:B2 G4');
  });
});
