/**
 * Who reads members (`GET /api/members`): they carry personal data (email, birth date) and
 * charges, so the roles that act on members see them (reviewers check membership and age,
 * support answers members, finance pays writers); curators work on stories and publications.
 * No imports: the console's access table uses it as it is.
 */
export const MEMBER_READERS = ['reviewer', 'support', 'finance'] as const;
