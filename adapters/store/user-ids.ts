/**
 * What the audit log keeps of a user (AUDIT_USER_IDS): `keep` the platform's id, `hash` a salted HMAC of
 * it (the default: the same person is the same value in the log, and the id cannot be read back without
 * the salt), `drop` nothing. A vote needs a voter for "one vote per user per answer"; with `drop` it is a
 * hash of the user *and the answer*, which no two answers share, so it links no one across answers.
 */
import { createHmac } from 'node:crypto';

/** AUDIT_USER_IDS. */
export type UserIdPolicy = 'keep' | 'hash' | 'drop';

/** Who asked: a platform's user id in its workspace. */
export interface UserRef {
  platform: string;
  workspace?: string;
  user: string;
}

/** The hex digits of a hash kept (64 bits: collisions are out of reach for any one deployment's users). */
const HASH_HEX = 16;

const hmac = (salt: string, text: string) => createHmac('sha256', salt).update(text).digest('hex').slice(0, HASH_HEX);

/** The platform's id with its workspace, e.g. "slack:T123:U456". */
const qualified = (u: UserRef) => `${u.platform}:${u.workspace ?? ''}:${u.user}`;

/** The user id to keep in the audit log, or undefined with `drop`. */
export function auditUserId(policy: UserIdPolicy, salt: string, user: UserRef | undefined): string | undefined {
  if (!user || policy === 'drop') return undefined;
  if (policy === 'keep') return user.user;
  return `h:${hmac(salt, qualified(user))}`;
}

/** The voter key of a vote on `answerId`: the audit user id, or with `drop` a per-answer hash. */
export function voterKey(policy: UserIdPolicy, salt: string, user: UserRef, answerId: string): string {
  if (policy === 'drop') return `a:${hmac(salt, `${answerId}:${qualified(user)}`)}`;
  return auditUserId(policy, salt, user)!;
}
