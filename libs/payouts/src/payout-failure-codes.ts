/*
 * Why a payout failed or came back, as the processor reports it (Stripe's payout
 * `failure_code` values), with what it means and what to tell the writer. Data only, no
 * imports: the API, the settlement preview and the console read the same table.
 */

export interface PayoutFailureCode {
  /** What happened, for finance. */
  meaning: string;
  /** What to tell the writer (their next step), in words they can act on. */
  tellWriter: string;
  /** Whether the writer must change something before a new transfer can succeed. */
  writerMustAct: boolean;
}

export const PAYOUT_FAILURE_CODES = {
  account_closed: {
    meaning: 'The bank account has been closed.',
    tellWriter: 'Your bank account was closed, so the transfer came back. Add an open bank account in your payout settings.',
    writerMustAct: true,
  },
  account_frozen: {
    meaning: 'The bank account has been frozen.',
    tellWriter: 'Your bank has frozen the account. Ask your bank to lift the freeze, or add another account in your payout settings.',
    writerMustAct: true,
  },
  bank_account_restricted: {
    meaning: 'The bank account has restrictions on the type or number of payouts allowed.',
    tellWriter: 'Your bank account does not accept this kind of transfer. Ask your bank, or add another account in your payout settings.',
    writerMustAct: true,
  },
  bank_ownership_changed: {
    meaning: 'The destination bank account is no longer valid because its branch has changed ownership.',
    tellWriter:
      'Your bank changed owner and the old account details no longer work. Enter your new account details in your payout settings.',
    writerMustAct: true,
  },
  could_not_process: {
    meaning: 'The bank could not process this payout.',
    tellWriter:
      'Your bank could not process the transfer. Nothing is needed from you: the amount is back in your balance and we will send it again.',
    writerMustAct: false,
  },
  debit_not_authorized: {
    meaning: 'Debit transactions are not approved on the bank account.',
    tellWriter: 'Your bank refused the transfer as not authorised. Ask your bank to allow transfers from Stripe, or add another account.',
    writerMustAct: true,
  },
  declined: {
    meaning: 'The bank declined this transfer.',
    tellWriter: 'Your bank declined the transfer. Ask your bank why, or add another account in your payout settings.',
    writerMustAct: true,
  },
  incorrect_account_holder_address: {
    meaning: 'The bank notified us that the account holder address is incorrect.',
    tellWriter: 'The address on your payout account does not match your bank’s records. Correct it in your payout settings.',
    writerMustAct: true,
  },
  incorrect_account_holder_name: {
    meaning: 'The bank notified us that the account holder name is incorrect.',
    tellWriter: 'The name on your payout account does not match your bank’s records. Correct it in your payout settings.',
    writerMustAct: true,
  },
  incorrect_account_holder_tax_id: {
    meaning: 'The bank notified us that the account holder tax id is incorrect.',
    tellWriter: 'The tax id on your payout account does not match your bank’s records. Correct it in your payout settings.',
    writerMustAct: true,
  },
  insufficient_funds: {
    meaning: 'The platform’s balance could not cover the payout.',
    tellWriter:
      'The transfer was delayed on our side. Nothing is needed from you: the amount is back in your balance and we will send it again.',
    writerMustAct: false,
  },
  invalid_account_number: {
    meaning: 'The routing number seems correct, but the account number is invalid.',
    tellWriter: 'Your bank account number is not valid. Check it and enter it again in your payout settings.',
    writerMustAct: true,
  },
  invalid_currency: {
    meaning: 'The bank was unable to process this payout because of its currency.',
    tellWriter: 'Your bank account cannot receive US dollars. Add an account that accepts USD in your payout settings.',
    writerMustAct: true,
  },
  no_account: {
    meaning: 'The bank account details on file are probably incorrect: no account was found.',
    tellWriter: 'Your bank found no account with these details. Check the account and routing numbers in your payout settings.',
    writerMustAct: true,
  },
  unsupported_card: {
    meaning: 'The bank no longer supports payouts to this card.',
    tellWriter: 'Your bank no longer accepts transfers to this card. Add a bank account in your payout settings.',
    writerMustAct: true,
  },
} as const satisfies Record<string, PayoutFailureCode>;

export type PayoutFailureCodeName = keyof typeof PAYOUT_FAILURE_CODES;
export const PAYOUT_FAILURE_CODE_NAMES = Object.keys(PAYOUT_FAILURE_CODES) as PayoutFailureCodeName[];

/** A code the table does not know (processors add codes): shown as such, with the general advice. */
export const UNKNOWN_FAILURE_CODE: PayoutFailureCode = {
  meaning: 'A failure code this console does not know yet: see the processor’s dashboard.',
  tellWriter: 'Your transfer did not go through. The amount is back in your balance; we will contact you if anything is needed.',
  writerMustAct: false,
};

/** How a failure code may be written: Stripe's are lower-case words joined by underscores. */
export const FAILURE_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export const failureCodeInfo = (code: string): PayoutFailureCode =>
  Object.prototype.hasOwnProperty.call(PAYOUT_FAILURE_CODES, code)
    ? PAYOUT_FAILURE_CODES[code as PayoutFailureCodeName]
    : UNKNOWN_FAILURE_CODE;
