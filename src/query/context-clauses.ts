import { VOCABULARY } from '../data/vocabulary.js';
import type { Token } from './normalize.js';
import { PhraseIndex } from './phrases.js';
import { CONTENT_WORDS } from './vocabulary.js';

/**
 * Clauses about who asks and what for: "our client is a german bank – is S3 in scope?", "aussie customer asking
 * about EC2", "customer in healthcare wants to know if RDS is covered", "for a data lake: athena and glue covered?".
 * Their words put the yes in doubt ("The report does not mention “german bank”"), though they never name what the
 * report covers. Every word must still be accounted for, so these are read only as whole clauses of three declared
 * patterns, over the reviewed words of data/vocabulary/context-clauses.json:
 *
 * - asker: modifiers (demonyms and sectors) ending in an asker ("german bank", "telco prospect", "bank"), with "for"
 *   and determiners before it and purposes after it when they are there ("for an insurance carrier RFP");
 * - sector: an asker, then "in"/"from", then a sector, with "sector"/"industry" after it or not ("customer in
 *   healthcare", "client in the financial services industry"), or "in the" and a sector and a sector noun;
 * - purpose: "for", then modifiers and a purpose ("for a data lake", "for their data warehouse"); after an asker,
 *   with how it uses what was asked before it ("the prospect uses it for BI", "our client wants to use them for a
 *   data lake").
 *
 * A clause never takes a word of a name the lexicon found (`inName`): "is Athena for a data lake covered?" still
 * asks about Athena, and no unknown word is ever dropped ("S3 Glacier Deep Archive" keeps "Deep Archive"); but for
 * where the asker is from, after "from" ("client is from france", "customer from the EU"): a place's name there
 * (`inPlaceName`) says who asks, not where a service runs; and a category's name before a purpose ("for our contact
 * centre RFP", `inCategoryName`) says what the project is.
 */

const { askers, modifiers, sectors, sectorNouns, purposes, usages, usageTails, usedBy, migrations, migrationModifiers, hostedOn, residency, askVerbs } = VOCABULARY.contextClauses;
const index = (phrases: string[]) => new PhraseIndex([...new Set(phrases)].map((p) => p.split(' ')).sort((a, b) => b.length - a.length), (p) => p);
const ASKERS = index(askers);
/**
 * A sector may modify an asker as a modifier does: "telco prospect", "public sector lead", "logistics firm"; so may
 * a purpose: "our data warehouse vendor", "a data lake customer".
 */
const MODIFIERS = index([...modifiers, ...sectors, ...purposes]);
const SECTORS = index(sectors);
const SECTOR_NOUNS = index(sectorNouns);
const PURPOSES = index(purposes);
const USAGES = index(usages);
const TAILS = index(usageTails);
const USED_BY = index(usedBy);
const HOSTED_ON = index(hostedOn);
const RESIDENCY = index(residency);
const ASK_VERBS = index(askVerbs);
/** The migration phrases as word lists, longest first (data/vocabulary/context-clauses.json `migrations`). */
/** Words between a migration phrase and what is left behind (data/vocabulary/context-clauses.json), longest first. */
const MIGRATION_MODIFIERS = [...new Set(migrationModifiers)].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
const MIGRATIONS = [...new Set(migrations)].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
/** Words that may stand between the parts of a clause: "a", "the", "our" ("for a data lake", "in the financial sector"). */
const DETERMINERS = new Set(['a', 'an', 'the', 'our', 'my', 'their', 'his', 'her', 'your', 'this', 'that', 'one', 'some', 'its']);
/** Whose system it is: "their ledger", "our app". */
const POSSESSIVES = new Set(['our', 'my', 'their', 'his', 'her']);

/** Words that open the asker's own fiscal period after a sector ("US fed FY17"). */
const FISCAL = /^(?:fy\d*|fiscal)$/u;

/** The token indexes of the question's context clauses; `inName`: indexes inside a name the lexicon found. */
export function contextClauseTokens(
  tokens: readonly Token[],
  inName: ReadonlySet<number>,
  inPlaceName: ReadonlySet<number> = new Set(),
  inCategoryName: ReadonlySet<number> = new Set(),
): Set<number> {
  const words = tokens.map((t) => t.norm);
  const free = (k: number) => !inName.has(k);
  const out = new Set<number>();
  const take = (from: number, to: number) => {
    for (let k = from; k < to; k++) out.add(k);
  };
  /** The end of the phrase of `idx` at `k` (all free), or -1. */
  const phraseEnd = (idx: PhraseIndex<string[]>, k: number, isFree: (k: number) => boolean = free) => {
    const p = idx.at(words, k, isFree);
    return p ? k + p.length : -1;
  };
  // A category's name may modify a purpose ("for our contact centre RFP", "for an analytics project"): there it says
  // what the project is, not which services are asked about.
  const freeOrCategory = (k: number) => free(k) || inCategoryName.has(k);
  /** The end of a modifier from `at` (a category's name, or a reviewed modifier), or -1. */
  const modifierEnd = (at: number) => {
    let end = at;
    while (inCategoryName.has(end)) end++;
    return end > at ? end : phraseEnd(MODIFIERS, at, freeOrCategory);
  };
  const skipDeterminers = (k: number) => {
    while (k < words.length && DETERMINERS.has(words[k]!)) k++;
    return k;
  };
  /** A run of modifiers and askers from `k` that ends in an asker: its end, or -1. */
  const askerRun = (k: number) => {
    let end = -1;
    for (let at = k; at < words.length; ) {
      const asker = phraseEnd(ASKERS, at);
      const modifier = phraseEnd(MODIFIERS, at);
      const next = Math.max(asker, modifier);
      if (next < 0) break;
      // An asker ends the run here if nothing of the pattern follows it.
      if (asker === next) end = asker;
      at = next;
    }
    return end;
  };
  /** "in healthcare", "from the financial services industry", "in the public sector": its end, or -1. */
  const sectorAfter = (k: number, needNoun: boolean) => {
    if (words[k] !== 'in' && words[k] !== 'from') return -1;
    const at = skipDeterminers(k + 1);
    const sector = phraseEnd(SECTORS, at);
    if (sector < 0) return -1;
    const noun = phraseEnd(SECTOR_NOUNS, sector);
    return noun >= 0 ? noun : needNoun ? -1 : sector;
  };
  /** Modifiers from `k` and then a purpose ("whole backend", "data lake"): the purpose's end, or -1. */
  const purposeAt = (k: number) => {
    for (let m = modifierEnd(k); m >= 0 && phraseEnd(PURPOSES, k) < 0; m = modifierEnd(k)) k = m;
    return phraseEnd(PURPOSES, k);
  };
  /** The end of the purposes from `k` on, or `k` if none: "insurance carrier RFP", "migration project". */
  const purposesAfter = (k: number) => {
    for (;;) {
      // "for our mobile app's auth": a purpose of the purpose, after the possessive "s".
      const at = words[k] === 's' && phraseEnd(PURPOSES, k + 1) >= 0 ? k + 1 : k;
      const more = phraseEnd(PURPOSES, at);
      if (more < 0) return k;
      k = more;
    }
  };
  /** The end of the place's name that starts at `at`, or `at` when none does. */
  const placeEnd = (at: number) => {
    let place = at;
    while (place < words.length && inPlaceName.has(place)) place++;
    return place;
  };
  /** The end of a place right at `at` that another place of the question stands beside, or `at`. */
  const placeBesideAnother = (at: number) => {
    const place = placeEnd(at);
    return place > at && [...inPlaceName].some((k) => k < at || k >= place) ? place : at;
  };
  for (let i = 0; i < words.length; i++) {
    if (out.has(i)) continue;
    // "Our data must stay in Canada - is the Canada (Central) region covered?", "data location - is ca-central-1 in
    // the report?": a residency requirement says why a place is asked, and the place it names is the question's
    // only when the question names none of its own.
    const resident = phraseEnd(RESIDENCY, i);
    if (resident >= 0) {
      const afterIn = words[resident - 1] === 'in' ? resident : words[resident] === 'in' ? resident + 1 : -1;
      const end = afterIn >= 0 ? placeBesideAnother(skipDeterminers(afterIn)) : resident;
      take(i, end > afterIn ? end : resident);
      i = Math.max(end, resident) - 1;
      continue;
    }
    // "their ledger runs on DynamoDB", "our app is hosted on EC2": the asker's own system (up to three words that
    // name nothing, after a possessive), and how it runs on what is asked, before a name.
    if (POSSESSIVES.has(words[i]!)) {
      let k = i + 1;
      // (Not the customer's data or content: "is their data covered?" is what the report does not answer.)
      while (k < words.length && k - i <= 3 && free(k) && !CONTENT_WORDS.has(words[k]!) && phraseEnd(HOSTED_ON, k) < 0) k++;
      const on = k > i + 1 ? phraseEnd(HOSTED_ON, k) : -1;
      if (on >= 0 && on < words.length && inName.has(on)) {
        take(i, on);
        i = on - 1;
        continue;
      }
    }
    // "US federal customer", "a UK bank", "(US fed FY17)", "customer is US federal": a country's name before the
    // asker's sector or the asker: where the asker is, not a place asked about ("is us-east-1 covered? customer is US
    // federal" was "Partly: 20 of 21", the United States' regions; fresh set 44). Only a country's name that another
    // place of the question stands beside, or one before an asker, a sector at the clause's end, or the asker's fiscal
    // year ("is the US government region covered?" asks of a place).
    const place = placeEnd(i);
    if (place > i) {
      const asker = askerRun(place);
      const sector = phraseEnd(SECTORS, place);
      const afterSector = sector >= 0 ? purposesAfter(sector) : -1;
      // (At a clause's end, the question's or a comma's, or opening a bracket: "Our prospect (US healthcare) has asked".)
      const closes = sector >= 0 && (sector === words.length || !!tokens[sector]!.afterComma || !!tokens[i]!.afterBracket);
      const ends = sector >= 0 && (closes || FISCAL.test(words[sector]!) || afterSector > sector);
      const end = asker >= 0 ? asker : ends ? afterSector : -1;
      if (end > place) {
        take(i, end);
        i = end - 1;
        continue;
      }
    }
    // for (a|our ...) [modifiers] purpose
    if (words[i] === 'for') {
      const first = purposeAt(skipDeterminers(i + 1));
      // "for a migration project": purposes in a row are one.
      const purpose = first >= 0 ? purposesAfter(first) : -1;
      if (purpose >= 0) {
        take(i, purpose);
        i = purpose - 1;
        continue;
      }
    }
    // "as used by our mobile application", "as deployed in our data lake": what it is used for, with no asker.
    const used = phraseEnd(USED_BY, i);
    const usedFor = used >= 0 ? purposeAt(skipDeterminers(used)) : -1;
    if (usedFor >= 0) {
      const end = purposesAfter(usedFor);
      take(i, end);
      i = end - 1;
      continue;
    }
    // "in the healthcare sector"
    const standing = sectorAfter(i, true);
    if (standing >= 0) {
      take(i, standing);
      i = standing - 1;
      continue;
    }
    // "for a public sector lead", "for an insurance carrier RFP": "for" and its determiners go with the asker.
    const lead = words[i] === 'for' ? skipDeterminers(i + 1) : i;
    // (Not right after a name: "Glacier Bank", "Connect Hospital" are names the report does not list; "Bank" was
    // read as who asks and the answer was "Yes: Amazon Glacier", break-it round 10.)
    const afterName = lead === i && i > 0 && inName.has(i - 1) && !inPlaceName.has(i - 1);
    const run = afterName ? -1 : askerRun(lead);
    if (run >= 0) {
      const sector = sectorAfter(run, false);
      let end = purposesAfter(sector >= 0 ? sector : run);
      // "customer's fiscal H1": the asker's own purpose, after the possessive "s".
      if (end === run && words[run] === 's' && purposesAfter(run + 1) > run + 1) end = purposesAfter(run + 1);
      // "the prospect uses it for BI": a usage, "for" and a purpose after the asker; nothing of it without the purpose.
      // "the client runs their whole backend on it": the usage, then (after "for" or not) what it is used for,
      // then where ("there", "on it").
      const usage = phraseEnd(USAGES, end);
      if (usage >= 0) {
        const purpose = purposeAt(skipDeterminers(words[usage] === 'for' || words[usage] === 'as' ? usage + 1 : usage));
        if (purpose >= 0) {
          end = purposesAfter(purpose);
          const tail = phraseEnd(TAILS, end);
          if (tail >= 0) end = tail;
        }
      }
      // "client is from france", "customer from the EU": where the asker is from, a place the question does not ask
      // about (only a place's name, never a service's: "customer from Connect" is no clause).
      let from = end;
      while (from < words.length && (words[from] === 'is' || words[from] === 'are' || words[from] === 's')) from++;
      // So is "customer in Oz" when the question names a place of its own ("customer in Oz asks: is the sydney region
      // covered?"); alone, "is S3 covered for a customer in Germany?" may ask about Germany.
      // So is it when a verb of asking follows the place: "our customer in Oslo asks: is Lambda covered?".
      if (from > run - 1 && (words[from] === 'from' || words[from] === 'in')) {
        const first = skipDeterminers(from + 1);
        // (A place the lexicon does not know, "Oslo", is a capitalised word or three: read so only before a verb of asking.)
        let whole = placeEnd(first);
        if (whole === first) while (whole < words.length && whole - first < 3 && tokens[whole]!.capitalised && free(whole)) whole++;
        const asks = whole > first && phraseEnd(ASK_VERBS, whole) >= 0;
        const place = asks ? whole : words[from] === 'from' ? placeEnd(first) : placeBesideAnother(first);
        if (place > first) end = place;
      }
      take(i, end);
      i = end - 1;
    }
  }
  return out;
}

/**
 * Where a migration phrase ("moving off", "migrating from") ends right before token `start`, with determiners
 * between ("moving off our Oracle estate"): the phrase's first token, or -1. What follows it is what the asker
 * leaves behind, context of the question, not asked about.
 */
export function migrationBefore(tokens: readonly Token[], start: number): number {
  let end = start;
  // ("migrating off an on-prem Oracle estate": how the asker describes what they leave, then determiners.)
  for (let moved = true; moved; ) {
    moved = false;
    while (end > 0 && DETERMINERS.has(tokens[end - 1]!.norm)) (end--, (moved = true));
    for (const m of MIGRATION_MODIFIERS) {
      const from = end - m.length;
      if (from >= 0 && m.every((w, k) => tokens[from + k]!.norm === w)) {
        end = from;
        moved = true;
        break;
      }
    }
  }
  for (const phrase of MIGRATIONS) {
    const from = end - phrase.length;
    if (from >= 0 && phrase.every((w, k) => tokens[from + k]!.norm === w)) return from;
  }
  return -1;
}
