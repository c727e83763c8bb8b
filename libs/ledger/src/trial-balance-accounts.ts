/**
 * The trial balance shows the authors' accounts (`author:<key>`, one per author) as one line,
 * `authors`: their detail is each author's ledger. No imports: the console reads it too.
 */
export const AUTHORS_ACCOUNT = 'authors';

/** The trial balance line of an account (SQL over a column holding `ledger_entries.account`). */
export const trialBalanceAccountSql = (account: string) =>
  `CASE WHEN starts_with(${account}, 'author:') THEN '${AUTHORS_ACCOUNT}' ELSE ${account} END`;
