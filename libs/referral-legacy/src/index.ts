export * from './referral-rules.js';
export * from './referral-credit.entity.js';
export * from './referral-credits.service.js';
export * from './referral-jobs.js';
export * from './referral-legacy.module.js';
