/**
 * Saved replies are plain text with `{{placeholder}}`s (spaces inside the braces allowed).
 * Saving a reply with an unknown placeholder is refused; rendering fills the known ones
 * and leaves any it has no value for in place (listed in `missing`) for support to edit.
 */
export const PLACEHOLDERS = {
  writerName: "the writer's name",
  writerFirstName: "the first word of the writer's name",
  writerUsername: "the writer's username",
  agentName: 'the name of the support agent rendering the reply',
  ticketId: 'the ticket id',
  ticketSubject: "the ticket's subject",
  storyTitle: "the title of the ticket's story",
  period: "the period, YYYY-MM (the ticket's, else the last computed one)",
  periodName: 'the period as "October 2026"',
  previousPeriodName: 'the month before, as "September 2026"',
  earnings: "the period's earnings (stories + referrals + adjustments)",
  previousEarnings: "the previous period's earnings",
  change: 'the change in earnings from the previous period, signed',
  storyEarnings: "the period's story earnings",
  referralEarnings: "the period's legacy referral earnings",
  adjustments: "the period's adjustments",
  balance: "the statement's balance",
  payout: "the statement's payout",
  carried: 'the amount carried over to the next period',
  minimumPayout: 'the minimum payout',
  topCause: 'the largest cause of the change, as a sentence',
  causes: 'every cause of the change, one "- " line each',
  explanation: 'the whole writer-facing earnings explanation',
  nextPayout: 'when the writer is paid next and how much, in words (the payout projection)',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

/** The placeholders whose values come from the earnings explanation (they need a computed run). */
export const EXPLANATION_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set<Placeholder>([
  'previousPeriodName',
  'earnings',
  'previousEarnings',
  'change',
  'storyEarnings',
  'referralEarnings',
  'adjustments',
  'balance',
  'payout',
  'carried',
  'minimumPayout',
  'topCause',
  'causes',
  'explanation',
]);

const PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name);

/** The distinct placeholder names a template uses, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PATTERN)].map((m) => m[1]!))];
}

export const unknownPlaceholders = (template: string): string[] => placeholdersIn(template).filter((n) => !isPlaceholder(n));

export interface Rendered {
  text: string;
  /** Placeholders left in the text because there was no value for them. */
  missing: string[];
}

export function renderTemplate(template: string, values: Partial<Record<Placeholder, string>>): Rendered {
  const missing = new Set<string>();
  const text = template.replace(PATTERN, (whole, name: string) => {
    const value = isPlaceholder(name) ? values[name] : undefined;
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}
