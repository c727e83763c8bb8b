import { conflict } from '../http/errors.js';

/**
 * Review claims: a reviewer (or curator) working an item of a review queue holds a claim
 * on it, so that two people never work the same item. A claim lasts this long unless it is
 * renewed (the console renews it while the item stays open) and ends with the decision.
 */
export const CLAIM_SECONDS = 10 * 60;

/** The claim as the API shows it: null fields when nobody holds an unexpired claim. */
export interface ClaimView {
  claimedBy: string | null;
  claimedByEmail: string | null;
  claimedUntil: Date | null;
}

/** What a queue's repository reports about an item it could not claim or decide. */
export interface ClaimHolder {
  status: string;
  /** The holder of an unexpired claim, when someone is; null otherwise. */
  claimedBy: string | null;
  claimedByEmail: string | null;
  claimedUntil: Date | null;
}

/**
 * SQL (trusted): the item is free for the staff member whose id is the parameter `actor`:
 * unclaimed, claimed by them, or claimed with an expired claim.
 */
export const claimFreeFor = (alias: string, actor: string) =>
  `(${alias}.claimed_by IS NULL OR ${alias}.claimed_by = ${actor} OR ${alias}.claimed_until <= now())`;

/** SQL (trusted): the unexpired claim's holder, else null. */
export const activeClaimant = (alias: string) => `CASE WHEN ${alias}.claimed_until > now() THEN ${alias}.claimed_by END`;

/** 409 `claimed`: someone else holds an unexpired claim on the item (never a decision behind their back). */
export function claimedByOther(what: string, id: string, holder: ClaimHolder) {
  const until = holder.claimedUntil ? new Date(holder.claimedUntil).toISOString().slice(11, 16) : '';
  return conflict(
    `${what} ${id} is being reviewed by ${holder.claimedByEmail ?? 'another staff member'}${until ? ` (claimed until ${until} UTC)` : ''}`,
    {
      reason: 'claimed',
      claimedBy: holder.claimedBy,
      claimedByEmail: holder.claimedByEmail,
      claimedUntil: holder.claimedUntil,
    },
  );
}
