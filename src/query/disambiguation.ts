/**
 * A name set apart from a look-alike in the question itself: "is connect (not direct connect) in scope?",
 * "Directory Service, not Cloud Directory, covered?". The question asks about the first name only; the words after
 * the cue are not asked about. Read as written, "direct connect" was a second subject and "not" made the answer
 * information ("2 services: ..."), never the plain answer about Connect.
 *
 * The cue (data/vocabulary/disambiguation.json) must follow an opening parenthesis, a comma or a dash, and what
 * it sets apart runs to the closing parenthesis, the next comma or the end of the sentence, at most `maxWords`
 * words. A `keeps` word right after the cue ("not just", "not in scope", "not sure") makes it no disambiguation.
 * Pure; run on the raw question before anything reads its words (rewrite.ts).
 */

import { VOCABULARY } from '../data/vocabulary.js';
import { fold } from './normalize.js';
import { note, type ReplyNote } from './reply.js';

const { cues, keeps, maxWords } = VOCABULARY.disambiguation;
const KEEPS = new Set(keeps);

/** A cue's folded words as a pattern over raw text ("i e not" matches "i.e. not", "don t" matches "don't"), longest cues first. */
const CUE = [...cues]
  .sort((a, b) => b.length - a.length)
  .map((c) => c.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join("[\\s.'’]+"))
  .join('|');
/**
 * An opening parenthesis, a comma, a dash or the end of a sentence ("Is Cloud Directory covered? Not Directory
 * Service, the Cloud Directory one."), then a cue and a space.
 */
// ("Please don't confuse with Amazon Connect.": a cue may be asked politely.)
const OPENER = new RegExp(`(\\(|,|\\s[-–—]|[?!.](?=\\s))\\s*(?:please\\s+|pls\\s+)?(?:${CUE})\\.?\\s+`, 'giu');
/**
 * A correction ("I meant Cognito not Cognitio", "sorry, i mean Connect, not Direct Connect"): what follows a bare
 * cue is the name corrected, set apart like any look-alike.
 */
const CORRECTION = /^\W*(?:sorry\W+|oops\W+)?i\s+mean[t]?\b/iu;
const BARE_OPENER = new RegExp(`(,|\\s)\\s*(?:${CUE})\\s+`, 'giu');

/** One disambiguation left out: the words as typed, with their cue ("(not direct connect)"). */
export interface SetApart {
  typed: string;
}

/** The question without the look-alikes it sets apart, and what was left out, in order. */
export function readDisambiguation(question: string): { text: string; setApart: SetApart[] } {
  const setApart: SetApart[] = [];
  let text = question;
  const opener = CORRECTION.test(question) ? BARE_OPENER : OPENER;
  opener.lastIndex = 0;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const restStart = m.index + m[0].length;
    const paren = m[1] === '(';
    const sentence = /^[?!.]$/u.test(m[1]!) || opener === BARE_OPENER;
    const rest = text.slice(restStart);
    const stop = paren ? rest.search(/[)?!]/u) : rest.search(sentence ? /[,;)?!.]|\s[-–—]\s/u : /[,;)?!]|\s[-–—]\s/u);
    const end = stop < 0 ? rest.length : stop;
    const words = fold(rest.slice(0, end)).split(' ').filter(Boolean);
    if (words.length === 0 || words.length > maxWords || KEEPS.has(words[0]!)) continue;
    // Its closing parenthesis, or the comma or dash after it, goes with it ("Directory Service, not Cloud
    // Directory, covered?" reads "Directory Service covered?").
    const closer = paren ? (rest[end] === ')' ? 1 : 0) : (/^(?:[,;]|\s[-–—]\s)/u.exec(rest.slice(end))?.[0].length ?? 0);
    // (A sentence's own end stays: "covered? Not Directory Service, ..." keeps its "?".)
    const from = m[1] === ',' || paren || opener === BARE_OPENER ? m.index : m.index + 1;
    setApart.push({ typed: text.slice(from, restStart + end + closer).trim() });
    const before = text.slice(0, from).trimEnd();
    const after = text.slice(restStart + end + closer).trimStart();
    text = after === '' || /^[?!.]/u.test(after) ? `${before}${after}` : `${before} ${after}`;
    opener.lastIndex = from;
  }
  return { text, setApart };
}

/** The `reading` note: "Reading the question without “(not direct connect)”: it sets a look-alike apart.". */
export function disambiguationReading(setApart: SetApart[]): ReplyNote {
  return note('reading', `Reading the question without ${setApart.map((s) => `“${s.typed}”`).join(', ')}: ${setApart.length > 1 ? 'they set look-alikes apart' : 'it sets a look-alike apart'}, not asked about.`);
}
