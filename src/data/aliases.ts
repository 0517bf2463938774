import * as z from 'zod';
import { checkReviewed as check, source } from './reviewed.js';
import servicesJson from '../../data/aliases/services.json' with { type: 'json' };
import unlistedJson from '../../data/aliases/unlisted-services.json' with { type: 'json' };
import regionsJson from '../../data/aliases/regions.json' with { type: 'json' };
import placesJson from '../../data/aliases/places.json' with { type: 'json' };
import topicsJson from '../../data/aliases/topics.json' with { type: 'json' };
import featuresJson from '../../data/aliases/features.json' with { type: 'json' };
import criteriaJson from '../../data/aliases/criteria.json' with { type: 'json' };
import categoriesJson from '../../data/aliases/categories.json' with { type: 'json' };

/**
 * The reviewed knowledge the core uses besides the report: alias tables under `data/aliases/`, each entry
 * with its source. Validated here, once, with zod: a malformed table fails loudly at start, naming it.
 */


/** Reviewed aliases of listed services (data/aliases/services.json), with the vendor prefixes, families and ordinary-word short names. */
export const ServiceAliasesSchema = z.lazy(() =>
  z.object({
    vendorPrefixes: z.array(z.string().min(1)),
    aliases: z.array(
      z.object({
        alias: z.string().min(1),
        /** The service exactly as a report's scope list spells it. */
        service: z.string().min(1),
        /** abbreviation, later_name, short_name; concept: a plain term for what the report says the service is ("DNS"). */
        kind: z.enum(['abbreviation', 'later_name', 'short_name', 'concept']),
        source,
      }),
    ),
    families: z.array(z.object({ name: z.string().min(1), includes: z.array(z.string()).optional(), source })),
    /** Short names that are also ordinary words: not a name when followed by one of `notBefore` ("connect to"). */
    commonWords: z.array(
      z.object({
        word: z.string().min(1),
        notBefore: z.array(z.string().min(1)),
        /**
         * The words right before it that make it the ordinary verb of a subject asked about ("what period does the
         * audit comprehend?"): each pattern a few words, `*` any one word.
         */
        verbAfter: z.array(z.string().min(1)).optional(),
        source,
      }),
    ),
    /**
     * Words that may follow a service's name, often in brackets, to say what it is without naming anything else
     * ("Amazon CloudFront (CDN)"): accounted for beside the name only, never a name on their own ("CDN" alone is
     * an edge location's kind word).
     */
    glosses: z.array(z.object({ service: z.string().min(1), words: z.array(z.string().min(1)).min(1), source })).optional(),
  }),
);

/** Well-known services a report does not list (data/aliases/unlisted-services.json). */
export const UnlistedServicesSchema = z.lazy(() =>
  z.object({
    entries: z.array(
      z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)), related: z.array(z.string()).optional(), source }),
    ),
  }),
);

/**
 * Features, tiers, editions, storage classes and purchasing options of a service (data/aliases/features.json):
 * `of` is the service as a report's scope list spells it; `kind` is what the feature is of it, in AWS's words
 * ("tier", "storage class"), used in the answer ("…, a tier of it, as such").
 */
export const ServiceFeaturesSchema = z.object({
  features: z.array(
    z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)), of: z.string().min(1), kind: z.string().min(1), source }),
  ),
});

/** AWS regions with codes, names, aliases, country and city (data/aliases/regions.json). */
export const RegionTableSchema = z.lazy(() =>
  z.object({
    source,
    /** What a region code looks like: an unknown name of this shape is asked about as a region. */
    codePattern: z.string().min(1),
    regions: z.array(
      z.object({
        code: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'expected a region code like us-east-1'),
        name: z.string().min(1),
        aliases: z.array(z.string().min(1)),
        country: z.string().min(1),
        city: z.string().min(1).optional(),
      }),
    ),
  }),
);

/** Country and city aliases and parts of the world (data/aliases/places.json). */
export const PlacesSchema = z.lazy(() =>
  z.object({
    source,
    countries: z.array(
      z.object({
        alias: z.string().min(1),
        country: z.string().min(1),
        caseSensitive: z.boolean().optional(),
        /**
         * When a case-sensitive alias typed in lower case ("us") is the place after all: right after one of `after`
         * ("in the us") or right before one of `before` ("us regions"), folded words. `examples` are read as the
         * place, `notExamples` are not ("tell us", "is S3 covered for us?"); a test asks both.
         */
        lowercaseWhen: z
          .object({ after: z.array(z.string().min(1)), before: z.array(z.string().min(1)), examples: z.array(z.string().min(1)).min(1), notExamples: z.array(z.string().min(1)).min(1), source })
          .optional(),
      }),
    ),
    /** Other names of cities ("Bombay" for "Mumbai"). */
    cities: z.array(z.object({ alias: z.string().min(1), city: z.string().min(1) })),
    /** Countries whose edge locations the report names by state or province rather than by city. */
    stateLevelCountries: z.array(z.string().min(1)),
    /**
     * A state the report names an edge location by ("Georgia, United States") whose name is also another country's,
     * with that country's cities: "Tbilisi, Georgia" is a place in that country, not the state.
     */
    sharedNames: z.array(z.object({ name: z.string().min(1), state: z.string().min(1), country: z.string().min(1), countryCities: z.array(z.string().min(1)).min(1), source })).optional(),
    /**
     * Adjectives of countries ("German" for Germany), read as the country only before a kind of place ("German
     * sites", "Japanese regions"): alone they are who asks ("a german bank"), see context-clauses.json.
     */
    demonyms: z.object({ before: z.array(z.string().min(1)).min(1), adjectives: z.array(z.object({ adjective: z.string().min(1), country: z.string().min(1) })).min(1), source }).optional(),
    /** Parts of the world ("Europe", "APAC") as the countries they hold. */
    groups: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)), countries: z.array(z.string().min(1)).min(1) })),
  }),
);

/** Users' words for topics mapped to the report's (data/aliases/topics.json). */
export const TopicsSchema = z.lazy(() =>
  z.object({
    source,
    synonyms: z.array(z.object({ terms: z.array(z.string().min(1)).min(1), reportTerms: z.array(z.string().min(1)).min(1) })),
  }),
);

/**
 * The trust services categories' names (`names`, the AICPA's five) and users' abbreviations of them
 * (data/aliases/criteria.json): "PI" (as typed only), and chat shorthand that names a criterion only in a list of
 * criteria (`inListOnly`: "sec, avail, conf").
 */
export const CriteriaAliasesSchema = z.lazy(() =>
  z.object({
    names: z.object({ names: z.array(z.string().min(1)).min(1), source }),
    criteria: z.array(
      z.object({ criterion: z.string().min(1), aliases: z.array(z.string().min(1)).min(1), caseSensitive: z.boolean().optional(), inListOnly: z.boolean().optional(), source }),
    ),
    /** The criteria's numbers ("A1.2", "CC6.1"): a regular expression over the lowercased word, and the category it numbers. */
    ids: z.object({ source, ids: z.array(z.object({ pattern: z.string().min(1), criterion: z.string().min(1), example: z.string().min(1) })).min(1) }).optional(),
  }),
);

/**
 * Users' short words for the service categories a report names (data/aliases/categories.json): "db" for Database,
 * "call center" for Contact Center. Applied only to categories the report names (report.categories).
 */
export const CategoryAliasesSchema = z.lazy(() =>
  z.object({
    categories: z.array(z.object({ category: z.string().min(1), aliases: z.array(z.string().min(1)).min(1), source })),
  }),
);

/** All alias tables, validated. */
export interface AliasData {
  services: z.infer<typeof ServiceAliasesSchema>;
  unlisted: z.infer<typeof UnlistedServicesSchema>;
  features: z.infer<typeof ServiceFeaturesSchema>;
  regions: z.infer<typeof RegionTableSchema>;
  places: z.infer<typeof PlacesSchema>;
  topics: z.infer<typeof TopicsSchema>;
  /** Absent in tables built by hand (tests): no abbreviations then. */
  criteria?: z.infer<typeof CriteriaAliasesSchema>;
  /** Absent in tables built by hand (tests): categories by their names only. */
  categories?: z.infer<typeof CategoryAliasesSchema>;
}


/**
 * Validates the project's alias tables (data/aliases/*.json) against their schemas.
 * @throws Error naming the file and the first bad field.
 */
export function validateAliasData(): AliasData {
  return {
    services: check(ServiceAliasesSchema, servicesJson, 'data/aliases/services.json'),
    unlisted: check(UnlistedServicesSchema, unlistedJson, 'data/aliases/unlisted-services.json'),
    features: check(ServiceFeaturesSchema, featuresJson, 'data/aliases/features.json'),
    regions: check(RegionTableSchema, regionsJson, 'data/aliases/regions.json'),
    places: check(PlacesSchema, placesJson, 'data/aliases/places.json'),
    topics: check(TopicsSchema, topicsJson, 'data/aliases/topics.json'),
    criteria: check(CriteriaAliasesSchema, criteriaJson, 'data/aliases/criteria.json'),
    categories: check(CategoryAliasesSchema, categoriesJson, 'data/aliases/categories.json'),
  };
}

/**
 * The project's alias tables as bundled with the code. They are part of the build, not input: the tests
 * validate them with {@link validateAliasData} (src/data/aliases.test.ts), so a cold start does not pay
 * for validating them again. Tables from anywhere else go through `validateAliasData`'s schemas.
 */
export function loadAliasData(): AliasData {
  return { services: servicesJson, unlisted: unlistedJson, features: featuresJson, regions: regionsJson, places: placesJson, topics: topicsJson, criteria: criteriaJson, categories: categoriesJson } as AliasData;
}
