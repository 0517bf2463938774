import type { AliasData } from '../data/aliases.js';
import type { Report, Service } from '../report/schema.js';
import { fold } from './normalize.js';

/**
 * The lexicon: every name a question may use for something the report lists or that we know it does not
 * list, folded (see `fold`), mapped to what it names. Built once per report from the report itself and
 * the reviewed alias tables; looked up by exact phrase only (fuzzy matching lives in `fuzzy.ts`).
 */

/** What a phrase names. */
export type Entity =
  | { type: 'service'; name: string }
  | { type: 'unlisted'; name: string; related: string[] }
  /** A feature, tier or edition of a listed service (data/aliases/features.json): `kind` says which ("tier"). */
  | { type: 'feature'; name: string; of: string; kind: string }
  | { type: 'family'; name: string; members: string[]; others: string[] }
  | { type: 'region'; name: string; listed: boolean; code?: string; country?: string }
  | { type: 'edge'; name: string }
  | { type: 'country'; name: string }
  /** A part of the world ("Europe", "APAC"): the countries it holds. */
  | { type: 'group'; name: string; countries: string[] }
  | { type: 'criterion'; name: string; covered: boolean }
  | { type: 'category'; name: string };

/** How a phrase came to name its entity: the report's own name, or an alias of a given kind. */
/** How a phrase names its entity. `shorthand`: a criterion's chat shorthand, a name only beside another criterion ("sec, avail, conf"). */
export type Via = 'name' | 'abbreviation' | 'later_name' | 'short_name' | 'concept' | 'also_known_as' | 'code' | 'city' | 'country' | 'shorthand';

/** One thing a phrase names, and how the phrase came to name it. */
export interface Hit {
  entity: Entity;
  via: Via;
  /** True when the phrase comes from the reviewed alias tables rather than from the report's own names. */
  reviewed?: boolean;
  /** The phrase as written in the report or the alias table (for "X is the later name of Y"). */
  phrase: string;
}

/** Every known phrase of one report, with the lookups the answers need (built by {@link buildLexicon}). */
export interface Lexicon {
  /** Folded phrase -> hits. */
  exact: Map<string, Hit[]>;
  /** Folded phrase without spaces -> hits ("cloud front" finds "cloudfront"). */
  compact: Map<string, Hit[]>;
  /** Longest phrase, in tokens. */
  maxTokens: number;
  /** Every distinct phrase with its hits, for the fuzzy fallback. */
  phrases: { phrase: string; key: string; hits: Hit[] }[];
  /** Region entries by report name and by code, for answers. */
  regionsByCountry: Map<string, Entity[]>;
  edgesByCountry: Map<string, string[]>;
  /** Canonical country of each edge location (after country aliases: "England" -> "United Kingdom"). */
  edgeCountry: Map<string, string>;
  /** Data region (code, name) for each report region name, when one is linked. */
  regionInfo: Map<string, { code: string; name: string; city?: string; country: string }>;
  /** Services by name. */
  services: Map<string, Service>;
  /** The vendor words service names start with, folded ("amazon", "aws"). */
  vendorWords: Set<string>;
  /** Aliases that match only exactly as typed ("US", not "us"): surface -> hits. */
  caseSensitive: Map<string, Hit[]>;
  /** Listed service name -> folded words that may follow its name to say what it is ("cdn" after CloudFront). */
  glosses: Map<string, Set<string>>;
  /** Case-sensitive aliases that are the place in lower case too in a declared context ("in the us"): folded alias -> hits and words. */
  lowercaseContexts: Map<string, { hits: Hit[]; after: Set<string>; before: Set<string> }>;
  /**
   * Short names that are also ordinary words, folded: the folded words before which they are not names, and the
   * patterns of words right before them (folded, `*` any one word) that make them a verb.
   */
  commonWords: Map<string, { notBefore: Set<string>; verbAfter: string[][] }>;
  /** Countries whose edge locations are states ("Texas, United States"). */
  stateLevelCountries: Set<string>;
  /** The criteria's numbers ("A1.2", "CC6.1") as patterns over the lowercased word, each with the report's criterion it numbers (data/aliases/criteria.json `ids`). */
  criterionIds: { re: RegExp; criterion: { name: string; covered: boolean } }[];
  /**
   * Edge locations named by a state whose name is also another country's ("Georgia, United States"), by name:
   * that country and its cities, folded ("tbilisi"). From data/aliases/places.json `sharedNames`.
   */
  sharedNames: Map<string, { country: string; cities: Set<string> }>;
}

/** Whether two entities are the same thing (type and name), without building a key string per comparison. */
const sameEntity = (a: Entity, b: Entity) => a.type === b.type && a.name === b.name;

/** How many spaces a folded phrase holds (its tokens less one). */
function countSpaces(key: string): number {
  let n = 0;
  for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) n++;
  return n;
}

/**
 * Whether folded `text` holds folded `phrase` as whole words (` ${text} `.includes(` ${phrase} `), without
 * building either padded string.
 */
function hasPhrase(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if ((at === 0 || text.charCodeAt(at - 1) === 32) && (end === text.length || text.charCodeAt(end) === 32)) return true;
  }
  return false;
}

/** Builds the lexicon for one report. Pure; O(names). */
export function buildLexicon(report: Report, data: AliasData): Lexicon {
  const exact = new Map<string, Hit[]>();
  const compactMap = new Map<string, Hit[]>();
  // Each key once, with the first phrase folded to it (the one shown for it) and its hits: the same array as
  // exact's, so hits added later are seen here too.
  const phrases: Lexicon['phrases'] = [];
  let maxTokens = 1;

  // A family word ("Kinesis", "IoT") is answered as the family, never as one member's short name.
  const familyKeys = new Set(data.services.families.map((f) => fold(f.name)));
  // The listed services that some phrase of theirs holds each family's words in (a family's members), found as
  // the phrases are added: a handful of families, so a few indexOf per phrase, where an index of every word
  // of every service's phrases was a Map of Sets as large as the report's vocabulary.
  const familyServices = new Map<string, Set<string>>([...familyKeys].map((k) => [k, new Set<string>()]));
  const add = (phrase: string, hit: Omit<Hit, 'phrase'> & { phrase?: string }): void => {
    // "Identity & Access Management" and "Identity and Access Management" are one name.
    if (/ and /i.test(phrase)) addKey(phrase.replace(/ and /gi, ' & '), hit);
    if (/ & /.test(phrase)) addKey(phrase.replace(/ & /g, ' and '), hit);
    addKey(phrase, hit);
  };
  const addKey = (phrase: string, hit: Omit<Hit, 'phrase'> & { phrase?: string }) => {
    const key = fold(phrase);
    if (!key) return;
    if (hit.via === 'short_name' && hit.entity.type === 'service' && familyKeys.has(key)) return;
    const full: Hit = { entity: hit.entity, via: hit.via, phrase: hit.phrase ?? phrase, ...(hit.reviewed ? { reviewed: true } : {}) };
    if (full.entity.type === 'service') {
      for (const [family, members] of familyServices) if (hasPhrase(key, family)) members.add(full.entity.name);
    }
    const list = exact.get(key);
    if (!list) {
      const hits = [full];
      exact.set(key, hits);
      // The first phrase folded to a key is the one shown for it.
      phrases.push({ phrase, key, hits });
    } else if (!list.some((h) => sameEntity(h.entity, full.entity))) list.push(full);
    const spaces = countSpaces(key);
    maxTokens = Math.max(maxTokens, spaces + 1);
    const c = spaces ? key.replace(/ /g, '') : key;
    // Very short run-together forms ("u s" -> "us") would catch ordinary words.
    if (c.length < 4 && c !== key) return;
    const clist = compactMap.get(c);
    if (!clist) compactMap.set(c, [full]);
    else if (!clist.some((h) => sameEntity(h.entity, full.entity))) clist.push(full);
  };

  const vendors = data.services.vendorPrefixes;
  const withoutVendor = (name: string) => {
    for (const v of vendors) if (name.startsWith(`${v} `)) return name.slice(v.length + 1);
    return undefined;
  };
  const withoutAbbreviation = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, '');

  // Services in scope: the report's names and what it derives from them.
  const services = new Map<string, Service>();
  const listed = new Set(report.services.map((s) => s.name));
  for (const s of report.services) {
    services.set(s.name, s);
    const entity: Entity = { type: 'service', name: s.name };
    const base = withoutAbbreviation(s.name);
    // "Amazon Simple Workflow" for "Amazon Simple Workflow Service": the generic last word is often dropped,
    // as long as two words remain after the vendor.
    const noService = /^(.+\S)\s+Service$/.exec(base)?.[1];
    // Each distinct form once: most names have no abbreviation, and the base is the name itself.
    const forms = new Set([s.name, base, ...(noService && (withoutVendor(noService) ?? noService).split(' ').length >= 2 ? [noService] : [])]);
    for (const n of forms) {
      add(n, { entity, via: n === s.name || n === base ? 'name' : 'short_name', phrase: s.name });
      const bare = withoutVendor(n);
      if (bare) add(bare, { entity, via: 'short_name', phrase: s.name });
    }
    if (s.abbreviation) {
      add(s.abbreviation, { entity, via: 'abbreviation', phrase: s.abbreviation });
      for (const v of vendors) add(`${v} ${s.abbreviation}`, { entity, via: 'abbreviation', phrase: `${v} ${s.abbreviation}` });
    }
    for (const aka of s.alsoKnownAs) {
      add(aka, { entity, via: 'also_known_as' });
      const bare = withoutVendor(aka);
      if (bare) add(bare, { entity, via: 'also_known_as', phrase: aka });
    }
  }
  for (const a of data.services.aliases) {
    if (!listed.has(a.service)) continue; // an alias of a service this report does not list names nothing here
    const entity: Entity = { type: 'service', name: a.service };
    add(a.alias, { entity, via: a.kind, reviewed: true });
    const bare = withoutVendor(a.alias);
    if (bare) add(bare, { entity, via: a.kind, phrase: a.alias, reviewed: true });
  }

  // Well-known services this report does not list (unless it does).
  const unlistedNames: string[] = [];
  for (const u of data.unlisted.entries) {
    if (listed.has(u.name)) continue;
    const phrases = [u.name, ...u.aliases];
    // An alias that is also a listed service's name or reviewed alias stays with the listed service.
    const entity: Entity = { type: 'unlisted', name: u.name, related: (u.related ?? []).filter((r) => listed.has(r)) };
    unlistedNames.push(u.name);
    for (const p of phrases) {
      if ((exact.get(fold(p)) ?? []).some((h) => h.entity.type === 'service')) continue;
      add(p, { entity, via: p === u.name ? 'name' : 'short_name', phrase: u.name });
    }
  }

  // Features, tiers and editions of a service: of a listed one, neither listed nor denied ("Shield Advanced");
  // of a service this report does not list, not listed either.
  for (const f of data.features.features) {
    if (listed.has(f.name)) continue;
    const entity: Entity = listed.has(f.of) ? { type: 'feature', name: f.name, of: f.of, kind: f.kind } : { type: 'unlisted', name: f.name, related: [] };
    if (entity.type === 'unlisted') unlistedNames.push(f.name);
    for (const p of [f.name, ...f.aliases]) {
      if ((exact.get(fold(p)) ?? []).some((h) => h.entity.type === 'service')) continue;
      add(p, { entity, via: p === f.name ? 'name' : 'short_name', phrase: f.name });
    }
  }

  // Families: a word many services share; answered with what the report lists, and what it does not. Members
  // (familyServices, gathered by addKey) in the order of the scope list.
  for (const f of data.services.families) {
    const key = fold(f.name);
    const contains = (name: string) => ` ${fold(name)} `.includes(` ${key} `);
    const found = familyServices.get(key)!;
    const members = found.size ? report.services.filter((s) => found.has(s.name)).map((s) => s.name) : [];
    const others = [...new Set([...unlistedNames.filter(contains), ...(f.includes ?? []).filter((n) => !listed.has(n))])];
    if (exact.has(key)) continue; // a family word that is itself a name is that name
    const entity: Entity = { type: 'family', name: f.name, members, others };
    add(f.name, { entity, via: 'name' });
    for (const v of vendors) add(`${v} ${f.name}`, { entity, via: 'name', phrase: f.name });
  }

  // Country names: the report's (edge locations) and the region table's, with their aliases.
  const countryAlias = new Map(data.places.countries.map((c) => [fold(c.alias), c.country]));
  const canonicalCountry = (name: string) => countryAlias.get(fold(name)) ?? name;

  // Regions: link each report region to the region table by name or alias.
  const regionInfo = new Map<string, { code: string; name: string; city?: string; country: string }>();
  const regionsByCountry = new Map<string, Entity[]>();
  const linked = new Set<string>();
  const regionByName = new Map<string, (typeof data.regions.regions)[number]>();
  for (const d of data.regions.regions) for (const n of [d.name, ...d.aliases]) if (!regionByName.has(fold(n))) regionByName.set(fold(n), d);
  for (const r of report.regions) {
    const entry = regionByName.get(fold(r.name));
    const entity: Entity = { type: 'region', name: r.name, listed: true, ...(entry ? { code: entry.code, country: entry.country } : {}) };
    add(r.name, { entity, via: 'name' });
    if (entry) {
      linked.add(entry.code);
      regionInfo.set(r.name, { code: entry.code, name: entry.name, ...(entry.city ? { city: entry.city } : {}), country: entry.country });
      add(entry.code, { entity, via: 'code', phrase: entry.code });
      for (const n of [entry.name, ...entry.aliases]) add(n, { entity, via: 'name', phrase: r.name });
      if (entry.city) add(entry.city, { entity, via: 'city', phrase: entry.city });
      const list = regionsByCountry.get(entry.country) ?? [];
      list.push(entity);
      regionsByCountry.set(entry.country, list);
    }
  }
  for (const d of data.regions.regions) {
    if (linked.has(d.code)) continue;
    const entity: Entity = { type: 'region', name: d.name, listed: false, code: d.code, country: d.country };
    add(d.code, { entity, via: 'code', phrase: d.code });
    for (const n of [d.name, ...d.aliases]) add(n, { entity, via: 'name', phrase: d.name });
    if (d.city) add(d.city, { entity, via: 'city', phrase: d.city });
    const list = regionsByCountry.get(d.country) ?? [];
    list.push(entity);
    regionsByCountry.set(d.country, list);
  }

  // Edge locations: the bullet, and its city.
  const edgesByCountry = new Map<string, string[]>();
  const edgeCountry = new Map<string, string>();
  for (const e of report.edgeLocations) {
    const entity: Entity = { type: 'edge', name: e.name };
    add(e.name, { entity, via: 'name' });
    add(e.city, { entity, via: 'city', phrase: e.name });
    const country = canonicalCountry(e.country);
    edgeCountry.set(e.name, country);
    edgesByCountry.set(country, [...(edgesByCountry.get(country) ?? []), e.name]);
  }

  const countries = new Set([...edgesByCountry.keys(), ...regionsByCountry.keys()]);
  for (const c of countries) add(c, { entity: { type: 'country', name: c }, via: 'country' });
  const caseSensitive = new Map<string, Hit[]>();
  const lowercaseContexts: Lexicon['lowercaseContexts'] = new Map();
  for (const c of data.places.countries) {
    const hit: Hit = { entity: { type: 'country', name: c.country }, via: 'country', phrase: c.alias };
    if (c.caseSensitive) caseSensitive.set(c.alias, [hit]);
    if (c.caseSensitive && c.lowercaseWhen) lowercaseContexts.set(fold(c.alias), { hits: [hit], after: new Set(c.lowercaseWhen.after.map(fold)), before: new Set(c.lowercaseWhen.before.map(fold)) });
    else add(c.alias, hit);
  }
  for (const e of report.edgeLocations) if (canonicalCountry(e.country) !== e.country) add(e.country, { entity: { type: 'country', name: canonicalCountry(e.country) }, via: 'country' });

  // Other names of cities: the same hits as the name they stand for.
  for (const c of data.places.cities) {
    for (const hit of exact.get(fold(c.city)) ?? []) add(c.alias, { ...hit, phrase: hit.phrase });
  }
  // "German sites", "Japanese edge locations": a country's adjective before a kind of place is that country.
  for (const d of data.places.demonyms?.adjectives ?? []) {
    const entity: Entity = { type: 'country', name: canonicalCountry(d.country) };
    for (const kind of data.places.demonyms!.before) add(`${d.adjective} ${kind}`, { entity, via: 'country', phrase: d.country });
  }
  // Parts of the world, by the countries they hold.
  for (const g of data.places.groups) {
    const entity: Entity = { type: 'group', name: g.name, countries: g.countries };
    for (const n of [g.name, ...g.aliases]) add(n, { entity, via: 'country', phrase: g.name });
  }

  // Trust services criteria and service categories.
  for (const c of report.criteria) {
    const entity: Entity = { type: 'criterion', name: c.name, covered: c.covered };
    add(c.name, { entity, via: 'name' });
    // "integrity of processing": a two-word criterion's words turned round with "of", as questionnaires write it.
    const words = c.name.split(' ');
    if (words.length === 2) add(`${words[1]} of ${words[0]}`, { entity, via: 'name', phrase: c.name });
  }
  // Users' abbreviations of the criteria the report names (data/aliases/criteria.json).
  for (const a of data.criteria?.criteria ?? []) {
    const c = report.criteria.find((x) => x.name.toLowerCase() === a.criterion.toLowerCase());
    if (!c) continue;
    const entity: Entity = { type: 'criterion', name: c.name, covered: c.covered };
    for (const alias of a.aliases) {
      const hit: Hit = { entity, via: a.inListOnly ? 'shorthand' : 'abbreviation', phrase: alias, reviewed: true };
      if (a.caseSensitive) caseSensitive.set(alias, [...(caseSensitive.get(alias) ?? []), hit]);
      else add(alias, hit);
    }
  }
  for (const c of report.categories) {
    const entity: Entity = { type: 'category', name: c };
    // (British spelling too: "Contact Centre".)
    const variants = new Set([c, c.replace(/&/g, 'and'), c.replace(/\s*&\s*/g, ' '), c.replace(/Center\b/g, 'Centre')]);
    for (const v of variants) {
      add(v, { entity, via: 'name', phrase: c });
      if (!/s$/i.test(v)) add(`${v}s`, { entity, via: 'name', phrase: c });
    }
  }
  // Users' short words for the categories the report names (data/aliases/categories.json): "db", "call center".
  for (const a of data.categories?.categories ?? []) {
    const c = report.categories.find((x) => x.toLowerCase() === a.category.toLowerCase());
    if (!c) continue;
    for (const alias of a.aliases) add(alias, { entity: { type: 'category', name: c }, via: 'abbreviation', phrase: alias, reviewed: true });
  }

  const criterionIds = (data.criteria?.ids?.ids ?? []).flatMap((i) => {
    const c = report.criteria.find((x) => x.name.toLowerCase() === i.criterion.toLowerCase());
    return c ? [{ re: new RegExp(i.pattern, 'u'), criterion: { name: c.name, covered: c.covered } }] : [];
  });
  return { criterionIds, exact, compact: compactMap, maxTokens, phrases, regionsByCountry, edgesByCountry, edgeCountry, regionInfo, services, glosses: new Map((data.services.glosses ?? []).filter((g) => listed.has(g.service)).map((g) => [g.service, new Set(g.words.map(fold))])), vendorWords: new Set(vendors.map(fold)), caseSensitive, lowercaseContexts, commonWords: new Map(data.services.commonWords.map((c) => [fold(c.word), { notBefore: new Set(c.notBefore.map(fold)), verbAfter: (c.verbAfter ?? []).map((p) => p.split(' ').map((w) => (w === '*' ? w : fold(w)))) }])), stateLevelCountries: new Set(data.places.stateLevelCountries), sharedNames: new Map((data.places.sharedNames ?? []).map((n) => [n.state, { country: n.country, cities: new Set(n.countryCities.map(fold)) }])) };
}
