/**
 * Which letters sit next to each other on a QWERTY keyboard: a typo that changes one letter for another mostly
 * hits a neighbouring key ("scooe" for "scope"), and one that changes it for a far key is more often another word
 * ("scans" is not a typo of "spans"). Pure; letters a–z only, anything else has no neighbours.
 * Layout: the three letter rows of ISO/IEC 9995 QWERTY (as US and UK keyboards have them), each key touching the
 * keys beside it and the two or three it touches in the rows above and below (rows are offset by half a key).
 */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;

const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, Set<string>>();
  const at = (row: number, col: number) => ROWS[row]?.[col];
  ROWS.forEach((keys, row) => {
    [...keys].forEach((key, col) => {
      // Row r+1 is shifted half a key right of row r: key (r, c) touches (r+1, c-1) and (r+1, c), and (r-1, c), (r-1, c+1).
      const near = [at(row, col - 1), at(row, col + 1), at(row - 1, col), at(row - 1, col + 1), at(row + 1, col - 1), at(row + 1, col)];
      out.set(key, new Set(near.filter((k): k is string => k !== undefined)));
    });
  });
  return out;
})();

/** True when the two letters are neighbouring keys (case-insensitive); false for the same letter or a non-letter. */
export function adjacentKeys(a: string, b: string): boolean {
  return NEIGHBOURS.get(a.toLowerCase())?.has(b.toLowerCase()) ?? false;
}

/**
 * True unless `typed` differs from `target` by exactly one changed letter that is not a neighbouring key: the
 * reading of a one-edit typo that a slip of the finger explains (letters added, dropped or swapped always are).
 * Both strings are expected to be within one edit of each other.
 */
export function slipOfTheFinger(typed: string, target: string): boolean {
  if (typed.length !== target.length) return true;
  const differ: number[] = [];
  for (let i = 0; i < typed.length; i++) if (typed[i] !== target[i]) differ.push(i);
  if (differ.length !== 1) return true;
  const i = differ[0]!;
  return adjacentKeys(typed[i]!, target[i]!);
}
