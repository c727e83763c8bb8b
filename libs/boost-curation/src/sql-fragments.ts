/*
 * SQL expressions the boost-curation repositories share (trusted text, no input).
 * Calendar-month arithmetic is done in UTC, whatever the session's time zone.
 */

/** `published_at` at most 6 calendar months before `at` (exactly 6 months old still counts). */
export const publishedWithinSixMonths = (publishedAt: string, at: string) =>
  `coalesce(${publishedAt} >= ((${at}) AT TIME ZONE 'UTC' - interval '6 months') AT TIME ZONE 'UTC', false)`;

/** Exact microseconds since the epoch, as text (read into a bigint). */
export const epochMicros = (ts: string) => `(extract(epoch FROM ${ts}) * 1000000)::bigint::text`;

/** The member is a partner now: an enrollment covering now. */
export const isPartnerNow = (memberKey: string) =>
  `EXISTS (SELECT 1 FROM enrollments e WHERE e.member_key = ${memberKey} AND e.enrolled_at <= now() AND (e.left_at IS NULL OR e.left_at > now()))`;

/** Whole days since publication (null for unpublished stories). */
export const ageDays = (publishedAt: string) => `floor(extract(epoch FROM now() - ${publishedAt}) / 86400)::int`;

/** State of a boost window at now: windows are half-open [starts_at, ends_at). */
export const boostState = (b: string) =>
  `(CASE WHEN ${b}.starts_at > now() THEN 'upcoming' WHEN ${b}.ends_at > now() THEN 'active' ELSE 'ended' END)`;

/** The UTC months a boost window overlaps (a set of month starts named by the caller's alias). */
export const boostMonths = (b: string) =>
  `generate_series(date_trunc('month', ${b}.starts_at AT TIME ZONE 'UTC'),
                   date_trunc('month', (${b}.ends_at - interval '1 microsecond') AT TIME ZONE 'UTC'), interval '1 month')`;
