/**
 * One turn, the same for every surface: a plain question in (the adapter has removed its platform's
 * syntax), the core's Answer (help is recognised by the core, never by an adapter), the surface's rendering,
 * the reply sent; or, when answering or rendering fails, the surface's failure reply, which claims nothing.
 * After the reply is sent, `onTurn` (the audit trail, when configured) is told what happened.
 *
 * Adding a surface means a renderer (`Surface`) and a transport (`send`), nothing else.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Answer, Engine, ReportRef } from '../src/index.js';
import type { Logger } from './logger.js';

/** Where a turn came from. */
export type Platform = 'slack' | 'teams';

/** How a surface renders a turn's outcome. */
export interface Surface<R> {
  /**
   * The reply for an Answer (any verdict, help included). `turn.answerId` names this answer (the feedback
   * buttons carry it; the audit row is keyed by it).
   */
  render(answer: Answer, turn: { answerId: string }): R;
  /** The reply when no Answer could be given (the core or the renderer failed). */
  failure(report: ReportRef): R;
}

/** What happened in one turn (handed to `onTurn` after the reply is sent). */
export interface TurnRecord {
  platform: Platform;
  /** The question as the core read it (platform syntax already removed). */
  question: string;
  /** The Answer, unless answering failed. */
  answer?: Answer;
  /** True when the failure reply was sent instead of an answer. */
  failed: boolean;
  /** True when the transport reported the reply delivered. */
  sent: boolean;
  /** The report the engine answers from. */
  report: ReportRef;
  /** Platform ids of the asker and the conversation, when the adapter knows them. */
  user?: string;
  conversation?: string;
  /** What the turn was (a message, a slash command, a button); free text for the audit. */
  via?: string;
  /** The answer's id (a UUID), as the reply's feedback buttons carry it. */
  answerId: string;
  /** The workspace (Slack team id, Teams tenant id), when the adapter knows it. */
  workspace?: string;
  /** From the question's arrival (`TurnInput.receivedAt`) to the reply sent, in milliseconds. */
  latencyMs: number;
}

/** What runs turns. */
export interface TurnDeps {
  engine: Engine;
  logger: Logger;
  /** Told of every turn after its reply was sent (or failed to send). Errors in it are logged, never thrown. */
  onTurn?: (record: TurnRecord) => void | Promise<void>;
}

/** One turn's input. */
export interface TurnInput {
  platform: Platform;
  question: string;
  user?: string;
  conversation?: string;
  via?: string;
  workspace?: string;
  /** When the question arrived, from `performance.now()` (default: when runTurn starts). */
  receivedAt?: number;
}

/** The report an engine answers from, in the Answer's shape. */
export function reportRef(engine: Engine): ReportRef {
  const { id, title, period } = engine.report;
  return { id, title, periodStart: period.start, periodEnd: period.end };
}

/**
 * Runs one turn: answer, render, send, then `onTurn`. `send` resolves `false` when the reply could not be
 * delivered (the transport has logged why); if it throws, `onTurn` still runs and the error is rethrown, so
 * that the transport's own error handling (botbuilder's onTurnError) applies. Nothing else throws.
 */
export async function runTurn<R>(deps: TurnDeps, input: TurnInput, surface: Surface<R>, send: (reply: R) => Promise<boolean | void>): Promise<TurnRecord> {
  const { engine, logger } = deps;
  const receivedAt = input.receivedAt ?? performance.now();
  const answerId = randomUUID();
  const report = reportRef(engine);
  let answer: Answer | undefined;
  let reply: R;
  try {
    answer = engine.answer(input.question);
    reply = surface.render(answer, { answerId });
  } catch (error) {
    // The core promises not to throw; if it (or a renderer) does, say so rather than guess. The error may
    // carry internals: logged, never shown.
    logger.error({ err: error, platform: input.platform }, 'answering a question failed');
    answer = undefined;
    reply = surface.failure(report);
  }
  let sent = false;
  let sendError: { error: unknown } | undefined;
  try {
    sent = (await send(reply)) !== false;
  } catch (error) {
    sendError = { error };
  }
  const record: TurnRecord = {
    platform: input.platform,
    question: input.question,
    ...(answer ? { answer } : {}),
    failed: answer === undefined,
    sent,
    report,
    ...(input.user ? { user: input.user } : {}),
    ...(input.conversation ? { conversation: input.conversation } : {}),
    ...(input.via ? { via: input.via } : {}),
    answerId,
    ...(input.workspace ? { workspace: input.workspace } : {}),
    latencyMs: performance.now() - receivedAt,
  };
  if (answer) logger.debug({ platform: input.platform, intent: answer.intent, verdict: answer.verdict, sent }, 'answered');
  try {
    await deps.onTurn?.(record);
  } catch (error) {
    logger.error({ err: error, platform: input.platform }, 'recording the turn failed');
  }
  if (sendError) throw sendError.error;
  return record;
}
