/**
 * The words of questions that are not names: what a question asks (scope, a fact, a list, a description,
 * help) and the filler around it. General English and the field's terms, not knowledge about any service.
 */

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Filler: never a name, never a subject. */
export const STOPWORDS = words(`
  a an the is are was were be been being am does do did done has have had it its it's this that these those
  of for to in on at by with from as into onto over than then so such any all each every some our my your their
  his her we i you they them me us he she please pls plz can could would should will shall may might must
  tell about also both either neither nor whether if yet still there here which what whats who whom whose when
  where why how hey hi hello thanks thank ok okay bot question quick know want need check confirm verify let
  just currently now really actually under within part listed anything something else s yes no not
  and or & plus vs versus as well too like via per many much number count describe description explain define
  definition say says said someone anyone somebody anybody everyone folks team ask asks asking asked want wants
  wanted wondering wonder curious idea summarize summarise summary needs needed knows check checking tell
  look looking during one account accounts production prod indicate following below above these items item respond
  answer mark select whether each
  use using used run running store storing host hosting deploy deploying rely relying get gets got happen happens happened available
  offered provided supported enabled allowed fine good ok safe today currently still current
`);

/**
 * Words about who asks and why ("for our customer", "for a prospect", "securely"): they never name anything
 * the report covers, and do not make an answer less certain.
 */
export const CONTEXT_WORDS = words(`
  customer customers client clients prospect prospects partner partners user users team teams company companies
  deal deals rfp questionnaire questionnaires security-questionnaire vendor-assessment due diligence review
  securely safely fully really actually only usually generally specifically exactly properly correctly
  officially formally definitely certainly basically particular particularly especially
`);

/**
 * Words for what customers build and keep on AWS. The report covers AWS's system, not customers' content
 * ("Customers are responsible for ... their content"), so a question about them is not answered by a yes.
 */
export const CONTENT_WORDS = words(`application applications app apps workload workloads content website websites code files data`);

/** Words of a scope question ("is X in scope / covered / included ...?"). */
export const SCOPE_WORDS = words(`
  scope scoped inscope covered cover covers coverage included include includes including audited audit audits
  attested attestation certified certification compliant compliance soc soc3 soc2 soc1 3 2 1 report reports
  assessed examined listed supported eligible approved contained contain contains mentioned mention mentions
  named excluded exclude excludes outside out examination boundary boundaries within perimeter attest attests
  controls control system systems described describes falls fall falling belong belongs among explicitly assured
  assurance reasonable reviewed evaluated validated verified tested test testing throughout according based
  effective effectively operating operated protected right
`);

/** Words that ask about everywhere at once ("in all regions", "globally"): the report names its regions one by one. */
export const EVERYWHERE_WORDS = words(`globally worldwide everywhere global anywhere`);

/** Other compliance programmes' words: ignored when looking for the subject of a question. */
export const PROGRAM_WORDS = words(`hipaa pci dss iso 27001 27017 27018 27701 9001 fedramp gdpr hitrust irap c5 ens isae ssae 3402 16 18 type ii baa moderate high
  sox fips 140 nist 800 53 171 ccpa cpra cjis itar fisma nis2 dora csa star tisax cmmc glba ferpa coppa pipeda lgpd mtcs k-isms ismap hds`);

/**
 * Other compliance programmes, as folded phrases: a question about one of them is not answered by a SOC 3
 * report, whatever it says about scope.
 */
export const OTHER_PROGRAMS: Record<string, string> = {
  hipaa: 'HIPAA',
  'pci dss': 'PCI DSS',
  pci: 'PCI DSS',
  'iso 27001': 'ISO 27001',
  'iso 27017': 'ISO 27017',
  'iso 27018': 'ISO 27018',
  iso: 'ISO',
  fedramp: 'FedRAMP',
  gdpr: 'GDPR',
  hitrust: 'HITRUST',
  irap: 'IRAP',
  c5: 'C5',
  'soc 1': 'SOC 1',
  soc1: 'SOC 1',
  'soc 2': 'SOC 2',
  soc2: 'SOC 2',
  'ssae 16': 'SSAE 16',
  'ssae 18': 'SSAE 18',
  'isae 3402': 'ISAE 3402',
  isae: 'ISAE',
  ssae: 'SSAE',
  ens: 'ENS',
  sox: 'SOX',
  fips: 'FIPS 140',
  'nist 800 53': 'NIST 800-53',
  'nist 800 171': 'NIST 800-171',
  nist: 'NIST',
  ccpa: 'CCPA',
  cpra: 'CPRA',
  cjis: 'CJIS',
  itar: 'ITAR',
  fisma: 'FISMA',
  nis2: 'NIS2',
  dora: 'DORA',
  'csa star': 'CSA STAR',
  tisax: 'TISAX',
  cmmc: 'CMMC',
  glba: 'GLBA',
  ferpa: 'FERPA',
  pipeda: 'PIPEDA',
  lgpd: 'LGPD',
  ismap: 'ISMAP',
  mtcs: 'MTCS',
  'soc for cybersecurity': 'SOC for Cybersecurity',
};

/** Words that name the kind of thing asked about. */
export const KIND_WORDS = {
  service: words('service services product products offering offerings aws amazon'),
  region: words('region regions datacenter datacenters az azs center centers centre centres'),
  edge: words('edge edges location locations pop pops point points presence cdn'),
  country: words('country countries'),
  place: words('city cities place places geography geographies state states province provinces county metro area'),
  category: words('category categories type types kind kinds group groups'),
  criterion: words('criteria criterion principle principles tsc tsp trust categories'),
};

/** Questions that ask for a list. */
export const LIST_WORDS = words('list which show enumerate all every name names what whats');
/** Questions that ask for a count. */
export const COUNT_PHRASES = ['how many', 'number of', 'count of', 'count'];
/** Questions that ask what something is. */
export const DESCRIBE_PHRASES = ['what is', 'what s', 'whats', 'what does', 'what do', 'describe', 'description', 'tell me about', 'explain', 'what kind of service', 'what type of service', 'define', 'definition'];
/** Help. */
export const HELP_WORDS = words('help usage commands command examples example start hello hi hey menu options');
/** Phrases that ask what the bot can do. */
export const HELP_PHRASES = ['what can you do', 'what can i ask', 'how do i use', 'how does this work', 'what do you know', 'who are you', 'what are you'];

