/*
 * The API's errors in words (issue 16): what went wrong and what to do, with field labels
 * from labels.ts, never the API's field or rule names. `describeError` is the message of a
 * notice; `fieldErrors` the messages under a form's fields (react-admin's `body.errors`).
 */
import { fieldLabel } from './labels.js';

interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: unknown;
}
interface ErrorLike {
  status?: number;
  message?: string;
  body?: ApiErrorBody;
}

const withCount = (n: string) => Number(n).toLocaleString('en-US');

/** class-validator's and the API's wording of a field problem → what to do. */
const REWRITES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^must be an integer number$/, () => 'enter a whole number'],
  [/^must be an integer from (-?\d+) to (-?\d+)$/, (_, a, b) => `enter a whole number from ${withCount(a)} to ${withCount(b)}`],
  [/^must not be greater than (-?\d+)$/, (_, n) => `enter at most ${withCount(n)}`],
  [/^must not be less than (-?\d+)$/, (_, n) => `enter at least ${withCount(n)}`],
  [/^must be shorter than or equal to (\d+) characters$/, (_, n) => `use at most ${withCount(n)} characters`],
  [/^must be longer than or equal to 1 characters$/, () => 'fill this in'],
  [/^must be longer than or equal to (\d+) characters$/, (_, n) => `use at least ${withCount(n)} characters`],
  [/^must be (\d+) to (\d+) characters\b.*$/, (_, _a, b) => `fill this in (at most ${withCount(b)} characters)`],
  [/^(should not be empty|must be a string|may be omitted but must not be null)$/, () => 'fill this in'],
  [/^must be one of the following values: (.*)$/, (_, v) => `choose one of: ${v.replace(/_/g, ' ')}`],
  [/^must be a date \(YYYY-MM-DD\)$/, () => 'enter a date as YYYY-MM-DD'],
];

/** One field's problem in words: "Birth date: a birth date cannot be in the future…". */
export function problemText(field: string, message: string): string {
  const name = field.split('.').pop() ?? field;
  let rest = message
    .replace(new RegExp(`^(${escape(field)}|${escape(name)})(:|\\b)\\s*`), '')
    .replace(/^property \S+ should not exist$/, 'is not a field of this form')
    .trim();
  for (const [re, to] of REWRITES) {
    const m = re.exec(rest);
    if (m) {
      rest = to(...m);
      break;
    }
  }
  return `${fieldLabel(field)}: ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The field problems of an error body, one per field (the first), as [field, text]. */
function problems(body: ApiErrorBody | undefined): Array<[string, string]> {
  const d = body?.details as unknown;
  const list: Array<{ field?: unknown; message?: unknown }> = Array.isArray(d)
    ? d
    : d && typeof d === 'object' && 'field' in d
      ? [d as { field?: unknown; message?: unknown }]
      : d && typeof d === 'object' && 'details' in d && (d as { details?: { field?: unknown } }).details?.field
        ? [{ field: (d as { details: { field: unknown } }).details.field, message: body?.message }]
        : [];
  const seen = new Map<string, string>();
  for (const p of list) {
    if (typeof p.field !== 'string' || seen.has(p.field)) continue;
    seen.set(p.field, problemText(p.field, String(p.message ?? body?.message ?? 'is not valid')));
  }
  return [...seen];
}

/** `{birthDate: "Birth date: …"}` for a form (react-admin shows each under its input). */
export function fieldErrors(body: ApiErrorBody | undefined): Record<string, string> | undefined {
  const list = problems(body);
  return list.length ? Object.fromEntries(list.map(([f, text]) => [f, text.slice(text.indexOf(': ') + 2)])) : undefined;
}

/** What to do when a rule refuses an action (the API's message says what the rule is). */
export const RULE_HINTS: Record<string, string> = {
  all_checks_pass: 'Reject it with the failing check as the reason, or re-check once the writer fixed it.',
  not_already_enrolled: 'Open the partner instead: they are in the program already.',
  four_eyes: 'Ask another finance person to approve: whoever started a run cannot approve it.',
  no_computed_run: 'Start the payout run of that month (Payout runs) and wait until it is computed.',
  period_not_closed: 'Pick a month that has ended.',
  read_ratio_bounds: 'Make the lowest read-ratio multiplier at most the highest.',
  resolution_required: 'Write the resolution the writer will read.',
  not_resolved: 'Resolve the ticket first.',
  payout_state_transition: 'Pick a state this payout can move to.',
  boost_not_started: 'An upcoming boost cannot be ended; it can be left to start.',
  bulk_limit: 'Select fewer items.',
  assignee_not_support: 'Assign it to a support person.',
  no_self_lockout: 'Ask another admin to make this change.',
  no_self_reset: 'Ask another admin to reset your second factor.',
  stale_run: 'Recompute the run, then approve it.',
};

const sentence = (s: string) => {
  const t = s.trim();
  if (!t) return t;
  const cap = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]\)?$/.test(cap) ? cap : `${cap}.`;
};

/** A notice's text for a failed request: what went wrong, in words, and what to do. */
export function describeError(e: unknown): string {
  const err = e as ErrorLike;
  const body = err?.body;
  const fields = problems(body);
  if (err?.status === 400 && fields.length) return `Please check: ${fields.map(([, text]) => text).join('; ')}.`;
  const message = body?.message ?? err?.message ?? 'Something went wrong';
  const rule = (body?.details as { rule?: string } | undefined)?.rule;
  const plain = sentence(message.replace(/^[a-z][A-Za-z.]*: /, (m) => (fields.length ? '' : m)));
  const text = fields.length ? `${fields.map(([, t]) => t).join('; ')}` : plain;
  if (err?.status === 422 || rule) return [sentence(text), rule && RULE_HINTS[rule]].filter(Boolean).join(' ');
  if (err?.status === 409) return `${sentence(text)} Someone may have changed it meanwhile: reload to see it as it is now.`;
  if (err?.status === 404) return `${sentence(text)} It may have been removed, or the link is wrong.`;
  if (!err?.status || err.status >= 500) return `${sentence(message)} Try again; if it keeps failing, tell an admin.`;
  return sentence(text);
}
