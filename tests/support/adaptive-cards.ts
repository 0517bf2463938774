import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// Microsoft's Adaptive Cards renderer (the package Teams' own web client builds on). Its ES build imports
// files without extensions, which Node cannot resolve; its UMD bundle loads as is, and parsing and
// validating need no DOM.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/**
 * Every warning or error Microsoft's renderer reports for `card`: from `AdaptiveCard.parse` (unknown
 * elements, bad values, a version it does not know) and from `validateProperties` (duplicate ids, missing
 * required properties, ...). An empty list means the card is clean.
 */
export function cardProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}
