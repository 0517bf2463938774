import type { Citation, Intent, Item, Note, NoteKind, Suggestion, Verdict } from './answer.js';

/**
 * What a composer decides, before the engine turns it into an Answer: citations are still quotes (no ids),
 * attached to the items and notes they support. The engine (`finish` in engine.ts) merges the quotes under
 * one heading, gives them ids, derives `matches` from the items and generates `text` with `src/present/`.
 * Kept apart from engine.ts so that the composers and the router do not import the engine (no type cycle).
 */

/** A verbatim quote of the report, before it is merged and given an id. */
export type Quote = Omit<Citation, 'id' | 'quotes'>;

/** An item as a composer states it: its citations are the quotes themselves. */
export interface ReplyItem extends Omit<Item, 'citations'> {
  citations: Quote[];
}

/** A note as a composer states it, with the quotes it rests on. */
export interface ReplyNote {
  kind: NoteKind;
  text: string;
  citations?: Quote[];
}

/** The parts of an Answer a composer decides; the engine adds the question, the report, ids, matches and text. */
export interface Reply {
  intent: Intent;
  verdict: Verdict;
  items: ReplyItem[];
  notes: ReplyNote[];
  suggestions: Suggestion[];
  /** Quotes the answer rests on besides those of its items and notes (a list's source, a fact's sentence). */
  citations: Quote[];
}

/** A note of `kind` with `text`, citing `quotes`. */
export function note(kind: NoteKind, text: string, ...quotes: Quote[]): ReplyNote {
  return quotes.length ? { kind, text, citations: quotes } : { kind, text };
}

export type { Note };
