/** Questions longer than this many characters (UTF-16 code units) get a short "too long" answer, unread. */
export const MAX_QUESTION_LENGTH = 1000;

/**
 * Characters of the report a topic answer quotes in its text (the evidence holds every quote found): a second
 * sentence is quoted only when both fit, so that the answer reads whole on every surface (Teams cuts a note at 600).
 */
export const TOPIC_QUOTE_CHARS = 480;
