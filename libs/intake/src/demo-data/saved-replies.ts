import type { TicketCategory } from './vocabulary.js';

/**
 * The demo's saved replies, one or more per ticket category, written with the help desk's
 * placeholders (libs/help-desk/src/saved-reply-template.ts), so that "Fill for this ticket"
 * has a reply for every ticket of the demo.
 */
export const DEMO_SAVED_REPLIES: { title: string; category: TicketCategory; body: string }[] = [
  {
    title: 'Earnings changed: the causes',
    category: 'earnings_drop',
    body:
      'Hi {{writerFirstName}},\n\nThanks for asking. Your earnings went from {{previousEarnings}} in {{previousPeriodName}} to {{earnings}} in {{periodName}} ({{change}}).\n' +
      '{{topCause}}\n\nEverything that changed:\n{{causes}}\n\nBest,\n{{agentName}}',
  },
  {
    title: 'Payout on its way',
    category: 'missing_payout',
    body:
      'Hi {{writerFirstName}},\n\nYour statement for {{periodName}} has a balance of {{balance}}; the payout of {{payout}} is sent once finance marks the run paid, ' +
      'usually within a few days of approval. Amounts under {{minimumPayout}} are carried to the next month ({{carried}} this time).\n\nBest,\n{{agentName}}',
  },
  {
    title: 'Eligibility: the four requirements',
    category: 'eligibility',
    body:
      'Hi {{writerFirstName}},\n\nTo join the Partner Program you need all four: an active membership, a story published in the last six months, ' +
      'a supported country, and to be 18 or older. A reviewer has your application; you will hear from us when it is decided.\n\nBest,\n{{agentName}}',
  },
  {
    title: 'Legacy referrals',
    category: 'referral',
    body:
      'Hi {{writerFirstName}},\n\nMembers you referred before 1 September 2023 still earn you a share of their membership each month; ' +
      'in {{periodName}} that was {{referralEarnings}}. Referrals made after that date do not count any more.\n\nBest,\n{{agentName}}',
  },
  {
    title: 'About boosts',
    category: 'boost',
    body:
      'Hi {{writerFirstName}},\n\nCurators boost stories that publications nominate; a boost lasts a fixed number of days and members who read the story ' +
      'during it count more in your earnings. Your story earnings for {{periodName}} were {{storyEarnings}}.\n\nBest,\n{{agentName}}',
  },
  {
    title: 'We are looking into it',
    category: 'other',
    body: 'Hi {{writerFirstName}},\n\nThanks for letting us know about "{{ticketSubject}}". We are looking into it and will come back to you on ticket {{ticketId}}.\n\nBest,\n{{agentName}}',
  },
];
