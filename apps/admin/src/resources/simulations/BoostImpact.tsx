import { Alert, Box, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link } from 'react-admin';
import { formatParameter } from '@libs/payouts/src/earnings-parameter-fields';
import type { components } from '../../api-types';
import { IfCan } from '../../components/actions';
import { dataProvider } from '../../dataProvider';
import { formatMicros } from '../../money';

type Impact = components['schemas']['BoostImpactView'];
type Estimate = components['schemas']['BoostImpactEstimateView'];

/** What a boost moved to its story once it ended: the run minus a simulation without it, per month of its window. */
export const BoostImpact = ({ boostId }: { boostId: string }) => {
  const [impact, setImpact] = useState<Impact | null>(null);
  useEffect(() => {
    dataProvider.fetchJson<Impact>(`boosts/${encodeURIComponent(boostId)}/impact`).then(({ data }) => setImpact(data));
  }, [boostId]);
  return (
    <IfCan resource="boosts" action="impact">
      <Box sx={{ mt: 2 }} data-testid="boost-impact">
        <Typography variant="h6">Boost impact</Typography>
        {!impact ? (
          <Typography color="text.secondary">Computing what the boost moved…</Typography>
        ) : impact.state !== 'ended' ? (
          <Typography color="text.secondary">Known from the payout runs once the boost has ended.</Typography>
        ) : (
          <>
            <Typography>
              <strong>{formatMicros(impact.realisedMicros, { signed: true })}</strong> moved to the story: its earnings in the payout runs
              minus a simulation of the same months without this boost
              {impact.complete ? '' : ' (so far: not every month of the window has an approved run)'}.
            </Typography>
            {impact.periods.map((p) => (
              <Typography key={p.period} variant="body2" color="text.secondary">
                {p.period}:{' '}
                {p.runId ? (
                  <>
                    {formatMicros(p.runMicros)} in the run, {formatMicros(p.withoutBoostMicros)} without the boost (
                    <Link to={`/simulations/${p.simulationId}/show`}>simulation</Link>)
                  </>
                ) : (
                  'no approved run yet'
                )}
              </Typography>
            ))}
          </>
        )}
      </Box>
    </IfCan>
  );
};

/** On a pending nomination: the estimated money the boost would move, labelled as an estimate. */
export const NominationEstimate = ({ nominationId }: { nominationId: string }) => {
  const [e, setE] = useState<Estimate | null>(null);
  useEffect(() => {
    dataProvider.fetchJson<Estimate>(`nominations/${encodeURIComponent(nominationId)}/impact-estimate`).then(({ data }) => setE(data));
  }, [nominationId]);
  if (!e) return null;
  return (
    <Alert severity="info" sx={{ mt: 2 }} data-testid="boost-estimate">
      {e.estimatedMicros === null ? (
        'Estimate of the boost impact: none yet (no approved payout run to take the readership from).'
      ) : (
        <>
          <strong>Estimate:</strong> a boost ({formatParameter('boostBps', e.boostBps)} for {e.boostDays} days) would move about{' '}
          <strong>{formatMicros(e.estimatedMicros, { signed: true })}</strong> to this story, from its current readership (it earned{' '}
          {formatMicros(e.basisEarningsMicros)} from {e.basisMemberReads} member reads in {e.basisPeriod}). An estimate, not a result: the
          real effect is known from the runs after the boost.
        </>
      )}
    </Alert>
  );
};
