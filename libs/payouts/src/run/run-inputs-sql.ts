/*
 * The run's inputs besides the reading data, as SQL over the period ($1): what a computed
 * run used, and what approval compares with the present (the stale-run rule).
 */

/**
 * The live holds of authors with a statement for the period (a hold is not per period: it
 * applies to every run computed while it lasts).
 */
const liveHoldsText = `coalesce((SELECT string_agg(decision_ref || ':' || author_key, ',' ORDER BY decision_ref)
    FROM payout_holds WHERE released_at IS NULL AND forfeited_at IS NULL
      AND author_key IN (SELECT author_key FROM statements WHERE period = $1)), '')`;

/** The period's ($1) live exclusions as text, in a fixed order (an input of the run's digest). */
const liveExclusionsText = `coalesce((SELECT string_agg(decision_ref || ':' || member_key || ':' || story_key, ',' ORDER BY decision_ref, member_key, story_key)
    FROM earnings_exclusions WHERE period = $1 AND revoked_at IS NULL), '')`;

/** The digest of the period's ($1) live exclusions, and the decisions they belong to. */
export const exclusionsUsedSql = `SELECT md5(${liveExclusionsText}) AS digest,
    coalesce((SELECT array_agg(DISTINCT decision_ref ORDER BY decision_ref) FROM earnings_exclusions WHERE period = $1 AND revoked_at IS NULL), '{}') AS refs`;

/**
 * A digest of the period's ($1) adjustments, referral credits, live exclusions and live
 * holds: the run's inputs besides the reading data. Approval refuses a run whose inputs
 * changed after it was computed.
 */
export const inputsDigestSql = `SELECT md5(
    coalesce((SELECT string_agg(id::text || ':' || amount_micros, ',' ORDER BY id) FROM adjustments WHERE period = $1), '') || '|' ||
    coalesce((SELECT string_agg(id::text || ':' || amount_micros, ',' ORDER BY id) FROM referral_credits WHERE period = $1), '') || '|' ||
    ${liveExclusionsText} || '|' || ${liveHoldsText}) AS digest`;
