/** Questions longer than this many characters (UTF-16 code units) get a short "too long" answer, unread. */
export const MAX_QUESTION_LENGTH = 1000;
