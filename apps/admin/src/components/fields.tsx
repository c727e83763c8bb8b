import { Box, Chip, LinearProgress, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useRecordContext } from 'react-admin';
import { formatDay, formatUtc } from '../dates';
import { formatCents, formatMicros } from '../money';
import { formatBpsPercent } from '../numbers';

/** A value by dotted path ("params.boostDays"). */
export function pick(record: Record<string, unknown> | undefined, source: string): unknown {
  let v: unknown = record;
  for (const part of source.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

interface FieldProps {
  source: string;
  label?: ReactNode;
  /** Used by show layouts. */
  sortable?: boolean;
}

const Mono = ({ children }: { children: ReactNode }) => (
  <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
    {children}
  </Typography>
);

/** Integer micro-dollars as "$1,234.56". */
export const MoneyField = ({ source, signed }: FieldProps & { signed?: boolean }) => {
  const record = useRecordContext();
  return <Mono>{formatMicros(pick(record, source) as string, { signed })}</Mono>;
};

/** Integer cents as "$12.34". */
export const CentsField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <Mono>{formatCents(pick(record, source) as string)}</Mono>;
};

/** A timestamp in UTC, zone shown. */
export const UtcField = ({ source, seconds }: FieldProps & { seconds?: boolean }) => {
  const record = useRecordContext();
  return <Mono>{formatUtc(pick(record, source) as string, { seconds })}</Mono>;
};

/** A calendar date (no zone). */
export const DayField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <Mono>{formatDay(pick(record, source) as string)}</Mono>;
};

/** Basis points as a percentage with two decimals (the one percentage helper, numbers.ts). */
export const formatBps = (bps: unknown): string => formatBpsPercent(bps as string | null | undefined);

export const BpsField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <Mono>{formatBps(pick(record, source))}</Mono>;
};

const STATUS_COLORS: Record<string, 'default' | 'success' | 'error' | 'warning' | 'info' | 'primary'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'error',
  active: 'success',
  suspended: 'warning',
  removed: 'error',
  left: 'default',
  boosted: 'success',
  declined: 'error',
  refused: 'default',
  upcoming: 'info',
  ended: 'default',
  queued: 'info',
  running: 'info',
  computed: 'primary',
  paid: 'success',
  failed: 'error',
  payable: 'success',
  below_threshold: 'default',
  payout_account_not_ready: 'warning',
  forfeited: 'error',
  transferred: 'success',
  on_hold: 'warning',
  reversed: 'error',
  released: 'info',
  open: 'warning',
  resolved: 'success',
  credit: 'success',
  reversal: 'error',
};

export const StatusChip = ({ value }: { value: unknown }) =>
  value === null || value === undefined ? (
    <span>—</span>
  ) : (
    <Chip size="small" label={String(value).replace(/_/g, ' ')} color={STATUS_COLORS[String(value)] ?? 'default'} />
  );

export const StatusField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <StatusChip value={pick(record, source)} />;
};

export const YesNo = ({ value }: { value: unknown }) =>
  value === null || value === undefined ? <span>—</span> : <span>{value ? 'yes' : 'no'}</span>;

export const YesNoField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <YesNo value={pick(record, source)} />;
};

/** Progress 0–100 with the number. */
export const Progress = ({ value, label }: { value: number; label?: string }) => (
  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 160 }}>
    <Box sx={{ flex: 1 }}>
      <LinearProgress variant="determinate" value={Math.max(0, Math.min(100, value))} aria-label={label ?? 'progress'} />
    </Box>
    <Typography variant="body2" sx={{ minWidth: 40 }} data-testid="progress-value">
      {value}%
    </Typography>
  </Box>
);

/** A JSON value shown compactly (audit before/after, evidence). */
export const JsonBlock = ({ value }: { value: unknown }) => (
  <Box
    component="pre"
    sx={{
      m: 0,
      p: 1,
      bgcolor: 'action.hover',
      borderRadius: 1,
      fontSize: 12,
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      maxWidth: 640,
    }}
  >
    {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
  </Box>
);

export const Hint = ({ title, children }: { title: string; children: ReactNode }) => (
  <Tooltip title={title}>
    <span>{children}</span>
  </Tooltip>
);

/** "storyId" → "story id". */
export const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

/** A labelled fact in a detail header. */
export const Fact = ({ label, children }: { label: string; children?: ReactNode }) => (
  <Box sx={{ minWidth: 160 }}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Box sx={{ typography: 'body2' }}>{children ?? '—'}</Box>
  </Box>
);

export const Facts = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, mb: 2 }}>{children}</Box>
);

/** A link to a list filtered by the given values (react-admin's `?filter=` URL). */
export const filteredListPath = (resource: string, filter: Record<string, unknown>) =>
  `/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
