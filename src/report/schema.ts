import * as z from 'zod';

/**
 * One heading of the report and the text under it.
 * Source: every heading line of the report text (a short line with no closing full stop, followed by its
 * body; or a bold `**...**` block), nested by the layout: the accountants' report's sub-headings under it,
 * the categories and services under "Components of the System".
 */
export interface Section {
  /** The heading as the report spells it, without Markdown emphasis or a closing colon. */
  title: string;
  /** Heading chain from the top of the report down to this section, this title last. */
  path: string[];
  /** The body under the heading up to the next heading, verbatim (paragraphs joined by blank lines). */
  text: string;
  /** 1-based line numbers in the source text: the heading line and the last line of the body. */
  lines: { start: number; end: number };
  children: Section[];
}

// The report's schemas are made without zod's cycle support (its memoizer, on by default since zod 4.6): a
// recursive schema then keeps every object it checks in a WeakMap, in case the input refers back to itself, and
// that was most of checking a 10,000-service report (10,000 sections) and of the garbage collector's work after.
// A report is read from JSON text or built by the parser as a tree: neither can hold a cycle. The memoizer is put
// back when they are made, for every other schema (zod reads it when it makes a container, not when it checks).
//
// They are made on the first check of a report, not at import: making them was a tenth of a cold `ask`
// (bench: cold ask, issue 10), which answers from the bundled report without checking it (src/report/loader.ts).
const noCycles: z.core.$ZodMemoizer = { attach() {}, guard() {}, alloc: (_inst, _payload, empty) => empty };

/** Makes all of the report's schemas at once, without cycle support (see above). */
function build() {
  const previous = z.config().memoizer;
  z.config({ memoizer: noCycles });
  try {
    /** An ISO calendar date, `YYYY-MM-DD`. */
    const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

    const SectionSchema: z.ZodType<Section> = z.object({
      title: z.string().min(1),
      path: z.array(z.string().min(1)).min(1),
      text: z.string(),
      lines: z.object({ start: z.number().int().positive(), end: z.number().int().positive() }),
      // Made now, with the others, not on first use as z.lazy(() => z.object(...)) would: after build() the memoizer is back.
      children: z.array(z.lazy(() => SectionSchema)),
    });

    /**
     * A service in scope. Source: the bullet list after "The scope of services covered in this report
     * includes:" (name), and the service's heading and paragraph under "Components of the System"
     * (category, description).
     */
    const ServiceSchema = z.object({
      /** Exactly as the scope list spells it, e.g. "Amazon EC2 Container Service (ECS)". */
      name: z.string().min(1),
      /** The abbreviation in parentheses at the end of the name, e.g. "ECS"; absent when the name has none. */
      abbreviation: z.string().min(1).optional(),
      /** The category heading under "Components of the System", e.g. "Compute". */
      category: z.string().min(1),
      /** The description paragraph(s) under the service's heading, verbatim. */
      description: z.string().min(1),
      /** Other names the description itself gives ("also known as AWS Microsoft AD"). */
      alsoKnownAs: z.array(z.string().min(1)),
      /** Heading path of the description section. */
      path: z.array(z.string().min(1)).min(1),
    });

    /**
     * A region whose data centers are in scope. Source: the sentence "The scope of locations covered in this
     * report includes the data centers in the ... Regions."
     */
    const RegionSchema = z.object({
      /** Exactly as the report spells it, e.g. "US East (Northern Virginia)". */
      name: z.string().min(1),
    });

    /**
     * An edge location in scope. Source: the bullet list after "The following AWS Edge Locations are also
     * covered in this report:". A bullet is "City, Country", or one name that is both (e.g. "Singapore").
     */
    const EdgeLocationSchema = z.object({
      /** The whole bullet as the report spells it, e.g. "Montréal, Canada". */
      name: z.string().min(1),
      city: z.string().min(1),
      country: z.string().min(1),
    });

    /**
     * A trust services criterion (category) named by the report. Source: the title block ("Relevant to
     * Security, Availability, and Confidentiality") for those covered, and the title of the TSP section the
     * opinion refers to (*Trust Services Principles and Criteria for ...*) for all that it names.
     */
    const CriterionSchema = z.object({
      /** Capitalised as a heading, e.g. "Security", "Processing Integrity". */
      name: z.string().min(1),
      covered: z.boolean(),
    });

    /** A verbatim excerpt of the report with the section it stands under. */
    const SourceQuoteSchema = z.object({
      quote: z.string().min(1),
      path: z.array(z.string().min(1)).min(1),
    });

    /**
     * The structured form of one SOC 3 report: what `npm run ingest` writes and the query core reads.
     * Every field is taken from the report text by the parser in `./parser.ts`; the `*Source` fields keep the
     * verbatim line each fact was read from, so answers can cite it.
     */
    const ReportSchema = z.object({
      schemaVersion: z.literal(1),
      /** Short stable id, from the report file's name, e.g. "aws-soc3-2017". */
      id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lowercase id'),
      /** The first line of the report, e.g. "Service Organization Controls 3 Report". */
      title: z.string().min(1),
      /** "Report on the ..." line of the title block, e.g. "Report on the Amazon Web Services System". */
      subtitle: z.string().min(1),
      /** The system examined, e.g. "Amazon Web Services System". */
      system: z.string().min(1),
      /** The service organization, from "To the Management of ...", e.g. "Amazon Web Services, Inc.". */
      serviceOrganization: z.string().min(1),
      serviceOrganizationSource: SourceQuoteSchema,
      /** The period examined, from "For the Period ... – ...". */
      period: z.object({ start: isoDate, end: isoDate, source: SourceQuoteSchema }),
      /** The independent accountants: firm as signed, and the date of their report. */
      auditor: z.object({ firm: z.string().min(1), reportDate: isoDate, source: SourceQuoteSchema, dateSource: SourceQuoteSchema.optional() }),
      /** Date of management's assertion (ISO). */
      assertionDate: isoDate.optional(),
      /** The trust services criteria named by the report; `covered` says whether the examination addressed it. */
      criteria: z.array(CriterionSchema).min(1),
      /**
       * Where the criteria stand: the title block's "Relevant to …" line (`covered`), the accountants' sentence naming
       * the criteria's title (`named`), and the framework it cites ("TSP section 100A"), when it does.
       */
      criteriaSource: z.object({ covered: SourceQuoteSchema, named: SourceQuoteSchema.optional(), framework: z.string().optional() }),
      /** The accountants' opinion: verbatim paragraph, and whether it is unmodified ("fairly stated"). */
      opinion: z.object({ text: z.string().min(1), unmodified: z.boolean(), source: SourceQuoteSchema }),
      /** Verbatim statements of what the examination did not cover (e.g. a cybersecurity risk management program). */
      exclusions: z.array(SourceQuoteSchema),
      /** Management's assertion that the controls were effective ("... we assert that ..."), verbatim. */
      assertion: SourceQuoteSchema.optional(),
      /** The caveat that the evaluation does not project to later periods ("projections of any evaluation ... future periods ..."). */
      futurePeriodsCaveat: SourceQuoteSchema.optional(),
      /** What customers are responsible for ("Customers are responsible for ... their content"), verbatim. */
      customerResponsibility: SourceQuoteSchema.optional(),
      /** Section tree, in report order. */
      sections: z.array(SectionSchema).min(1),
      /** Services in scope, in the order of the scope list. */
      services: z.array(ServiceSchema).min(1),
      servicesSource: SourceQuoteSchema,
      /** Category headings under "Components of the System", in report order. */
      categories: z.array(z.string().min(1)),
      regions: z.array(RegionSchema),
      regionsSource: SourceQuoteSchema.optional(),
      edgeLocations: z.array(EdgeLocationSchema),
      edgeLocationsSource: SourceQuoteSchema.optional(),
    });
    return { SectionSchema, ServiceSchema, RegionSchema, EdgeLocationSchema, CriterionSchema, SourceQuoteSchema, ReportSchema };
  } finally {
    // zod's own memoizer (zod installs it on the first schema it makes: the lazy ones below, at import).
    z.config({ memoizer: previous ?? z.memoizer() });
  }
}

let built: Built | undefined;
type Built = ReturnType<typeof build>;
/** The report's schemas, made on first use. */
const schemas = () => (built ??= build());

// Each schema as zod's lazy schema of the one build() made: what each field is and where the parser reads it
// from is documented in build().
/** One heading of the report and the text under it (see {@link Section}). */
export const SectionSchema = z.lazy(() => schemas().SectionSchema);
/** A service in scope: name, abbreviation, category, description, other names, heading path. */
export const ServiceSchema = z.lazy(() => schemas().ServiceSchema);
export type Service = z.infer<Built['ServiceSchema']>;
/** A region whose data centers are in scope, as the report spells it. */
export const RegionSchema = z.lazy(() => schemas().RegionSchema);
export type Region = z.infer<Built['RegionSchema']>;
/** An edge location in scope: the bullet as spelled, its city and country. */
export const EdgeLocationSchema = z.lazy(() => schemas().EdgeLocationSchema);
export type EdgeLocation = z.infer<Built['EdgeLocationSchema']>;
/** A trust services criterion the report names, and whether the examination covered it. */
export const CriterionSchema = z.lazy(() => schemas().CriterionSchema);
export type Criterion = z.infer<Built['CriterionSchema']>;
/** A verbatim excerpt of the report with the section it stands under. */
export const SourceQuoteSchema = z.lazy(() => schemas().SourceQuoteSchema);
export type SourceQuote = z.infer<Built['SourceQuoteSchema']>;
/** The structured form of one SOC 3 report: what `npm run ingest` writes and the query core reads. */
export const ReportSchema = z.lazy(() => schemas().ReportSchema);
export type Report = z.infer<Built['ReportSchema']>;
