/**
 * A1 references and what inserting columns does to them, as Excel does it: a reference to a column right of
 * the insertion point moves right; a range that spans the insertion point grows; everything else stays.
 * Used to keep a workbook's formulas, merges, conditional formats, filters and names pointing at the same
 * cells after the answer columns are inserted (ECMA-376 Part 1, 18.17 "Formulas", A1 reference style).
 */

/** 1-based column number of letters: "A" -> 1, "AA" -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Letters of a 1-based column number: 1 -> "A", 27 -> "AA". */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Excel's last column, XFD. */
export const MAX_COLUMN = 16_384;

/**
 * What an insertion is: `count` columns inserted after column `after` (1-based) of the sheet `sheet`.
 * A column `c > after` becomes `c + count`.
 */
export interface ColumnInsertion {
  sheet: string;
  after: number;
  count: number;
}

/** The new number of column `c` (1-based) after the insertion. */
export function shiftColumn(c: number, ins: ColumnInsertion): number {
  return c > ins.after ? c + ins.count : c;
}

/** A cell address "D7" shifted ("H7"); anything that is not an address is returned unchanged. */
export function shiftAddress(address: string, ins: ColumnInsertion): string {
  const m = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/i.exec(address);
  if (!m) return address;
  return `${m[1]}${columnLetters(shiftColumn(columnNumber(m[2]!), ins))}${m[3]}${m[4]}`;
}

/**
 * A range "B2:D9" (or one address, or a whole-column range "C:E") after the insertion: its last column moves
 * when it is right of the insertion point, its first column only when that one is too, so a range that
 * spans the insertion point grows by `count`. Space-separated lists of ranges ("A1:B2 D4") are handled.
 */
export function shiftRange(range: string, ins: ColumnInsertion): string {
  return range
    .split(' ')
    .map((part) => {
      const [from, to] = part.split(':');
      if (to === undefined) return shiftAddress(from!, ins);
      const whole = /^(\$?)([A-Z]{1,3})$/i;
      const a = whole.exec(from!);
      const b = whole.exec(to);
      if (a && b) return `${a[1]}${columnLetters(shiftColumn(columnNumber(a[2]!), ins))}:${b[1]}${columnLetters(shiftColumn(columnNumber(b[2]!), ins))}`;
      return `${shiftAddress(from!, ins)}:${shiftAddress(to, ins)}`;
    })
    .join(' ');
}

// A reference in a formula, optionally qualified by a sheet name ('My sheet'! or Sheet1!): a cell (A1, $A$1),
// a cell range (A1:B2) or a whole-column range (A:C). Whole-row ranges (1:3) do not change with columns.
const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*))!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const COL = String.raw`\$?[A-Za-z]{1,3}`;
const REFERENCE = new RegExp(
  String.raw`(?<![\w.$!'\u00c0-\uffff])(?:${SHEET})?(${CELL}(?::${CELL})?|${COL}:${COL})(?![\w(!\u00c0-\uffff])`,
  'g',
);

/**
 * A formula (without its leading "="; as exceljs holds it) with every reference to `ins.sheet` moved for the
 * insertion. `formulaSheet` is the sheet the formula stands on: unqualified references point there. String
 * literals ("C3"), function names (LOG10(…)) and structured references (Table1[Col]) are left alone.
 */
export function shiftFormula(formula: string, formulaSheet: string, ins: ColumnInsertion): string {
  // Split off string literals ("..." with "" as an escaped quote): nothing inside them is a reference.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((chunk, i) => {
      if (i % 2 === 1) return chunk;
      return chunk.replace(REFERENCE, (whole, quoted: string | undefined, bare: string | undefined, ref: string) => {
        const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : (bare ?? formulaSheet);
        if (sheet.toLowerCase() !== ins.sheet.toLowerCase()) return whole;
        // A name such as "TRUE" or "ABC" alone is no reference; only cells and column ranges reach here.
        if (!/\d/.test(ref) && !ref.includes(':')) return whole;
        const shifted = shiftRange(ref, ins);
        if (!/^[$A-Za-z]+\$?\d*(?::[$A-Za-z]+\$?\d*)?$/.test(shifted)) return whole;
        return whole.slice(0, whole.length - ref.length) + shifted;
      });
    })
    .join('');
}
