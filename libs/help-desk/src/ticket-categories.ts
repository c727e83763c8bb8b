/** What a writer's help-desk ticket is about (domain.md "Help desk"). No imports: the console and intake read it too. */
export const TICKET_CATEGORIES = ['earnings_drop', 'missing_payout', 'eligibility', 'referral', 'boost', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
