import { Alert, Box, Button, Skeleton, Typography } from '@mui/material';
import type { PayoutProjection } from '../../api';
import { Fact, Facts } from '../../components/fields';
import { useFetchJson } from '../../components/useFetchJson';
import { formatCents, formatMicros } from '../../money';

const OUTCOMES: Record<PayoutProjection['outcome'], string> = {
  payout_pending: 'approved, being paid',
  next_run: 'paid by the next run',
  estimated: 'estimated',
  below_threshold: 'below the minimum',
  account_not_ready: 'payout account not ready',
  forfeited: 'forfeited',
  no_statement: 'no statement yet',
};

const accountText = (a: PayoutProjection['account']) =>
  a ? `${a.ready ? 'ready' : 'not ready'} (account ${a.status}, tax ${a.taxStatus})` : 'none set up';

/** The ticket's writer context: "when will I be paid?" in the writer's words, with the facts behind it. */
export const PayoutProjectionPanel = ({ ticketId, onUse }: { ticketId: string; onUse?: (text: string) => void }) => {
  const state = useFetchJson<PayoutProjection>(`tickets/${encodeURIComponent(ticketId)}/payout-projection`);
  const p = state.data;
  return (
    <Box data-testid="payout-projection" sx={{ mb: 2 }}>
      <Typography variant="subtitle1">When will they be paid?</Typography>
      {state.error ? <Alert severity="warning">{state.error}</Alert> : null}
      {!p && !state.error ? <Skeleton variant="rectangular" height={80} /> : null}
      {p ? (
        <>
          <Facts>
            <Fact label="Next payout">{p.amountCents === null ? 'no date yet' : formatCents(p.amountCents)}</Fact>
            <Fact label="Paid by">{p.payBy ?? '—'}</Fact>
            <Fact label="Projection">{OUTCOMES[p.outcome]}</Fact>
            <Fact label="Carried">{formatMicros(p.carriedMicros)}</Fact>
            <Fact label="Minimum payout">{formatMicros(p.thresholdMicros)}</Fact>
            <Fact label="Still needed">{formatMicros(p.shortfallMicros)}</Fact>
            <Fact label="On hold">{p.holds.length ? formatCents(p.heldCents) : 'nothing'}</Fact>
            {p.released.length ? <Fact label="Released from review hold">{formatCents(p.releasedCents)}</Fact> : null}
            <Fact label="Payout account">{accountText(p.account)}</Fact>
            <Fact label={`Estimate for ${p.openPeriod}`}>{p.estimate ? formatMicros(p.estimate.amountMicros) : 'none yet'}</Fact>
          </Facts>
          <Box
            data-testid="payout-projection-text"
            data-raw-number
            sx={{ bgcolor: 'action.hover', p: 1.5, borderRadius: 1, typography: 'body2' }}
          >
            {p.text}
          </Box>
          {onUse ? (
            <Button size="small" sx={{ mt: 1 }} onClick={() => onUse(p.text)} data-testid="payout-projection-use">
              Use in reply
            </Button>
          ) : null}
        </>
      ) : null}
    </Box>
  );
};
