/*
 * Length bounds of text fields, in characters (Unicode code points), one constant per
 * bound: the staff API's DTOs and intake's record validation (libs/intake/src/kinds.ts)
 * take them from here, so a field means the same whichever door it comes through.
 */

/** External ids (members, stories, records): "opaque strings of 1 to 64 characters" (spec/import-format.md). */
export const MAX_ID_LENGTH = 64;

/** A person's or an organisation's name, a username, a slug. */
export const MAX_NAME_LENGTH = 200;

/** An email address (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/** A one-line title: a ticket's subject, a story's title. */
export const MAX_TITLE_LENGTH = 300;

/** Free text: a ticket's body, a resolution, an internal note. */
export const MAX_TEXT_LENGTH = 20_000;

/** A short reason or note given with a decision (reject, decline, boost, suspend, adjust). */
export const MAX_REASON_LENGTH = 2000;
