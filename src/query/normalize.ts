/**
 * Turning chat text into something to match: platform mention syntax and Markdown removed, accents and
 * case folded, punctuation made into spaces. Pure functions, no platform knowledge beyond the two mention
 * syntaxes a question may still carry (Slack `<@U123>`, Teams `<at>Bot</at>`).
 */

/** One word of the question: `norm` to match on, `surface` as the user typed it. */
export interface Token {
  norm: string;
  surface: string;
  /** The whitespace-delimited word it came from, e.g. "us-east-7" for "east" (for echoing unknown terms). */
  word: string;
  /** Typed with a capital letter (not as the first word of the question), or starting with a digit: name-like. */
  capitalised: boolean;
  /** Contains a digit. */
  digits: boolean;
  /** A comma or semicolon stands between this token and the one before: a list boundary. */
  afterComma: boolean;
  /** A dash standing alone ("1 May 2017 – 31 July 2017") is between this token and the one before: it may join a range. */
  afterDash?: boolean;
  /** The list boundary before this token is a slash inside a word ("VM Import/Export", "S3/EBS"). */
  afterSlash?: boolean;
  /**
   * The last token of a sentence, and how it ended: "?", "!" or "." ("Does the SOC 3 cover Redshift? Filling out a
   * vendor risk assessment."). Not after an abbreviation ("e.g.", "Inc.", "U.S.").
   */
  sentenceEnd?: '?' | '!' | '.';
  /** The word opens a quotation ("'Media shall ...", "“Are penetration ...") or closes one ("... procedures.'"). */
  quote?: 'open' | 'close' | 'both';
  /** An opening bracket stands right before this token ("(AWS CloudHSM)", "[ECS]"): what follows glosses what came before. */
  afterBracket?: boolean;
}

/** Words that end with a full stop without ending a sentence. */
const ABBREVIATIONS = new Set(['inc', 'ltd', 'llc', 'llp', 'corp', 'co', 'vs', 'etc', 'approx', 'no', 'nr', 'mr', 'ms', 'mrs', 'dr', 'st', 'jr', 'sr', 'dept', 'fig', 'sec', 'ref', 'cf']);

/** How a whitespace word ends a sentence, if it does ("covered?", "assessment.", not "e.g." nor "Inc."). */
function sentenceEndOf(word: string): Token['sentenceEnd'] {
  const m = /([?!.])[)"'”’»]*$/u.exec(word);
  if (!m) return undefined;
  if (m[1] !== '.') return m[1] as '?' | '!';
  const bare = word.replace(/[.)"'”’»]+$/u, '');
  return bare.length > 1 && !bare.includes('.') && /[\p{L}\p{N}]$/u.test(bare) && !ABBREVIATIONS.has(bare.toLowerCase()) ? '.' : undefined;
}

/** Lowercase, accents removed (NFKD), "&" kept as a word, every other non-alphanumeric as a space. */
export function fold(text: string): string {
  // Most names and most of a report are plain ASCII: there, the Unicode classes are exactly [a-z0-9] once
  // lowercased, and a non-Unicode pattern is several times faster (load + index of a 10,000-service report
  // spent a sixth of its time here).
  if (ASCII.test(text)) return foldAscii(text);
  return text.includes('\n') ? foldByLines(text) : foldUnicode(text);
}

/** `fold` of plain ASCII text. */
function foldAscii(text: string): string {
  const lower = text.toLowerCase();
  return (lower.includes('&') ? lower.replace(/&/g, ' & ') : lower).replace(/[^a-z0-9&]+/g, ' ').trim();
}

/**
 * `fold` of text of several lines, some not ASCII: only the lines that are not go through the Unicode classes,
 * the runs of lines between them take the ASCII path. The same string: a line break is folded to a space
 * either way, and nothing that folding does reads across one (NFKD composes nothing with it, a final sigma ends
 * at it). A 10,000-service report's scope list (10,000 lines) is one section with "São Paulo" in it.
 */
function foldByLines(text: string): string {
  const parts: string[] = [];
  const push = (folded: string) => {
    if (folded) parts.push(folded);
  };
  const nonAscii = /[^\x00-\x7f]/g;
  let from = 0;
  for (let m = nonAscii.exec(text); m; m = nonAscii.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const newline = text.indexOf('\n', m.index);
    const lineEnd = newline < 0 ? text.length : newline;
    if (lineStart > from) push(foldAscii(text.slice(from, lineStart)));
    push(foldUnicode(text.slice(lineStart, lineEnd)));
    from = nonAscii.lastIndex = lineEnd;
  }
  if (from < text.length) push(foldAscii(text.slice(from)));
  return parts.join(' ');
}

/** `fold` for any text, through the Unicode classes: the path for non-ASCII text, and the reference its ASCII fast path must agree with (fold.test.ts). */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' & ')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim();
}

const ASCII = /^[\x00-\x7f]*$/;

/** `fold` without spaces: "Cloud Front" and "cloudfront" meet here. */
export function compact(text: string): string {
  return fold(text).replace(/ /g, '');
}

/**
 * The question as a person would read it: chat mentions, Slack links and Markdown emphasis removed,
 * white space collapsed. Used for display and for the user's own terms in "not listed" answers.
 */
export function cleanQuestion(raw: string): string {
  return raw
    // Control and format characters (escape sequences, zero-width and bidi marks) carry no words and must
    // never be echoed back to a terminal or a chat client.
    // Line breaks and bullets separate items of a list, as commas do.
    .replace(/[\r\n\v\f]+\s*(?:[-*•·]|\d+[.)])?\s*/g, ' , ')
    .replace(/\t/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    // A mention typed as text ("hey @compliance-bot you there?", pasted or from a client that sends no markup):
    // whom the message is addressed to, never a word asked about.
    .replace(/(^|[\s(,;])@[A-Za-z][\w.-]*/g, '$1 ')
    .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/gi, ' ')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    .replace(/<#[A-Z0-9]+(?:\|([^>]*))?>/gi, ' $1 ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/gi, ' $1 ')
    .replace(/<(?:https?|mailto):[^>]*>/gi, ' ')
    // An emoji shortcode as Slack and Teams send them typed (":pray:", ":+1:", ":white_check_mark:") carries no
    // words (https://api.slack.com/reference/surfaces/formatting#emoji).
    .replace(/(^|\s):(?:[+-]1|(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]+):(?=\s|$|[?!.,;])/gi, '$1 ')
    // A Markdown link ("[S3](https://...)", as Teams and pasted text carry them): its text.
    .replace(/\[([^\]]*)\]\((?:https?|mailto):[^)\s]*\)/gi, ' $1 ')
    .replace(/```+|`+|\*\*|__|~~/g, ' ')
    .replace(/(^|\s)[*_~]+|[*_~]+(?=\s|$|[?!.,;:])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    // HTML tags typed or pasted ("<b>S3</b>", which Slack sends as "&lt;b&gt;S3&lt;/b&gt;") carry no words.
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word without surrounding punctuation; a closing parenthesis stays only when the word opened one ("(ECS)"). */
function trimWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  // A percentage keeps its sign ("99.99%"): it says what the number is.
  if (PERCENT.test(word)) return `${trimWord(word.replace(PERCENT_SIGN, ''))}%`;
  const w = word.replace(WORD_EDGES, '');
  return w.endsWith(')') && !w.includes('(') ? w.replace(CLOSING, '') : w.startsWith('(') && !w.includes(')') ? w.slice(1) : w;
}
const PERCENT = /\p{N}%[^\p{L}\p{N}]*$/u;
const PERCENT_SIGN = /%[^\p{L}\p{N}]*$/u;
const WORD_EDGES = /^[^\p{L}\p{N}(]+|[^\p{L}\p{N})]+$/gu;
const CLOSING = /\)+$/;
const OPENING = /^[^\p{L}\p{N}]*[([]/u;

const LIST_MARKS = /[,;|+•·]/g;
const SLASH_IN_WORD = /(?<=\S)\/(?=\S)/g;
const SLASH_ALONE = /\s\/\s/g;
const SPACES = /\s+/;
const COMMAS = /^,+$/;
const DASHES = /^[-‐‑‒–—]+$/u;
/** A quotation mark opening a word ("'Media", "“Are") or closing one ("procedures.'", "tested?”"), not an apostrophe inside. */
const QUOTE_OPEN = /^[("'“‘«]*["'“‘«][\p{L}\p{N}]/u;
const QUOTE_CLOSE = /[\p{L}\p{N}][.?!,;:]*["'”’»][.?!,;:)]*$/u;
/** One digit and a full stop ("3."). */
const ONE_DIGIT_END = /^\p{N}\.$/u;
/** A word of letters and digits only, which needs no splitting. */
const PLAIN_WORD = /^[A-Za-z0-9]+$/;
const WORD_BREAKS = /[^\p{L}\p{N}\p{M}&]+/u;
const AMPERSAND = /(&)/;
const CAPITAL_START = /^[\p{Lu}\p{N}]/u;
const DIGIT = /\p{N}/u;

/** Words a quotation needs to be a requirement quoted from a questionnaire, not a name in quotes ("'the S3 query thing'"). */
export const QUOTED_REQUIREMENT_WORDS = 6;

/** The folded words of each quotation among `tokens` (by Token.quote), in order: "'Media shall be ...'" as its words. */
export function quotations(tokens: readonly Token[]): string[][] {
  const out: string[][] = [];
  let inside: string[] | undefined;
  for (const t of tokens) {
    if (t.quote === 'open') inside = [t.norm];
    else if (inside) {
      inside.push(t.norm);
      if (t.quote === 'close') {
        out.push(inside);
        inside = undefined;
      }
    }
  }
  return out;
}

/** Token positions inside quotation marks (Token.quote), both marks' tokens included, a one-word quotation too. */
export function quotedPositions(tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  let open = -1;
  tokens.forEach((t, k) => {
    if (t.quote === 'both') out.add(k);
    else if (t.quote === 'open') open = k;
    else if (t.quote === 'close' && open >= 0) {
      for (let j = open; j <= k; j++) out.add(j);
      open = -1;
    }
  });
  return out;
}

/** Splits cleaned text into tokens, keeping each word's surface form. */
export function tokenize(clean: string): Token[] {
  const tokens: Token[] = [];
  let first = true;
  let comma = false;
  let dash = false;
  // Commas and semicolons become words of their own: they mark list boundaries ("S3, Foo and EC2").
  // Commas, semicolons, slashes, pipes, plus signs and bullets between names mark list items.
  let slash = false;
  // (The patterns are module constants: a regular expression literal in the loop is a new object each time, and
  // tokenising was the largest share of what a question allocates.)
  for (const word of clean.replace(LIST_MARKS, ' , ').replace(SLASH_IN_WORD, ' ,/ ').replace(SLASH_ALONE, ' , ').split(SPACES)) {
    if (COMMAS.test(word)) {
      comma = true;
      continue;
    }
    // A slash inside a word ("Import/Export", "S3/EBS") may join a name's parts or list names: remembered.
    if (word === ',/') {
      comma = true;
      slash = true;
      continue;
    }
    // A dash of its own leaves no token (it has no letters); the token after it remembers it, for date ranges.
    if (DASHES.test(word)) {
      dash = true;
      continue;
    }
    const before = tokens.length;
    let trimmed: string | undefined;
    // Split on the same characters `fold` turns into spaces, so surface and norm stay aligned.
    for (const piece of PLAIN_WORD.test(word) ? [word] : word.split(WORD_BREAKS)) {
      if (!piece) continue;
      for (const part of piece.includes('&') ? piece.split(AMPERSAND) : [piece]) {
        if (!part) continue;
        const norm = fold(part);
        if (!norm) continue;
        // The first word of a sentence is capitalised by grammar, not because it is a name.
        const capitalised = !first && CAPITAL_START.test(part);
        const digits = DIGIT.test(part);
        trimmed ??= trimWord(word);
        for (const n of norm.includes(' ') ? norm.split(' ') : [norm]) {
          const token: Token = { norm: n, surface: part, word: trimmed, capitalised, digits, afterComma: comma };
          if (dash) token.afterDash = true;
          if (slash) token.afterSlash = true;
          if (tokens.length === before && OPENING.test(word)) token.afterBracket = true;
          tokens.push(token);
          comma = false;
          dash = false;
          slash = false;
        }
        first = false;
      }
    }
    // ("SOC 3. Is S3 covered?": a one-digit number ends a sentence after a word of it, never as a list's "2." opening one.)
    if (tokens.length > before) {
      const opens = QUOTE_OPEN.test(word);
      const closes = QUOTE_CLOSE.test(word);
      if (opens && closes && tokens.length - before === 1) tokens[before]!.quote = 'both';
      else {
        if (opens) tokens[before]!.quote = 'open';
        if (closes) tokens[tokens.length - 1]!.quote = tokens[tokens.length - 1]!.quote === 'open' ? 'both' : 'close';
      }
    }
    const end = tokens.length > before ? (sentenceEndOf(word) ?? (ONE_DIGIT_END.test(word) && before > 0 && !tokens[before - 1]!.sentenceEnd ? '.' : undefined)) : undefined;
    if (end) tokens[tokens.length - 1]!.sentenceEnd = end;
  }
  return tokens;
}
