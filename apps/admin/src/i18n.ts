import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { NO_ACCESS_MESSAGE } from './authProvider';

const messages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    auth: { ...englishMessages.ra.auth, username: 'Email' },
    page: { ...englishMessages.ra.page, access_denied: 'Access denied' },
    message: { ...englishMessages.ra.message, access_denied: `${NO_ACCESS_MESSAGE} page: your roles do not include it.` },
    notification: { ...englishMessages.ra.notification, not_authorized: NO_ACCESS_MESSAGE },
  },
};

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ name: 'en', value: 'English' }], { allowMissing: true });
