import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { NO_ACCESS_MESSAGE } from './authProvider';
import { formatCount } from './numbers';

const messages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    auth: { ...englishMessages.ra.auth, username: 'Email' },
    page: { ...englishMessages.ra.page, access_denied: 'Access denied' },
    notification: {
      ...englishMessages.ra.notification,
      not_authorized: NO_ACCESS_MESSAGE,
      // Fallbacks only: each resource says what happened (below), forms with the record's name (useSavedNotice).
      created: 'Created',
      updated: 'Changes saved',
      deleted: 'Deleted',
    },
    message: {
      ...englishMessages.ra.message,
      access_denied: `${NO_ACCESS_MESSAGE} page: your roles do not include it.`,
      invalid_form: 'Some fields need a change: see the messages under them.',
    },
  },
  // What happened, per resource (react-admin's notices pass no record, so no names here).
  resources: {
    countries: {
      notifications: {
        created: 'Country added to the supported list',
        updated: 'Country saved',
        deleted: 'Country removed from the supported list',
      },
    },
    'saved-replies': {
      notifications: { created: 'Saved reply added', updated: 'Saved reply saved', deleted: 'Saved reply deleted' },
    },
    'staff-users': { notifications: { created: 'Staff account created', updated: 'Staff account saved' } },
    adjustments: { notifications: { created: 'Adjustment added' } },
    tickets: { notifications: { created: 'Ticket opened', updated: 'Ticket saved' } },
    applications: { notifications: { created: 'Application entered' } },
    'payout-runs': { notifications: { created: 'Payout run started' } },
    'earnings-parameters': { notifications: { updated: 'Earnings parameters saved' } },
  },
};

const polyglot = polyglotI18nProvider(() => messages, 'en', [{ name: 'en', value: 'English' }], { allowMissing: true });

/**
 * Integer values interpolated into messages are counts ("1-10 of 1,000", "3,120 items
 * selected"): grouped by the one count helper. `smart_count` stays a number (it picks the plural).
 */
export const groupCounts = (options: Record<string, unknown> | undefined) =>
  options &&
  Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k, k !== 'smart_count' && typeof v === 'number' && Number.isInteger(v) ? formatCount(v) : v]),
  );

export const i18nProvider = {
  ...polyglot,
  translate: (key: string, options?: Record<string, unknown>) => polyglot.translate(key, groupCounts(options)),
};
