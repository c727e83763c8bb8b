import { Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link } from 'react-admin';
import { dataProvider } from '../../dataProvider';
import { formatCents, formatMicros } from '../../money';
import type { SimulationAuthor, SimulationComparison } from '../../api';
import { Fact, Facts } from '../../components/fields';
import Histogram from './Histogram';

const PARTS = [
  ['ReadingTime', 'Reading time'],
  ['Engagement', 'Engagement'],
  ['ReadRatioAdjustment', 'Read ratio adj.'],
  ['FollowerBonus', 'Follower bonus'],
  ['BoostBonus', 'Boost bonus'],
] as const;

const delta = (r: Record<string, unknown>, part: string) => formatMicros(r[`delta${part}Micros`] as string, { signed: true });

/** The largest gains or losses, with the breakdown of the difference. */
const Movers = ({ title, rows, testId }: { title: string; rows: SimulationAuthor[]; testId: string }) => (
  <Box sx={{ mt: 2 }}>
    <Typography variant="h6">{title}</Typography>
    {rows.length === 0 ? (
      <Typography color="text.secondary">None.</Typography>
    ) : (
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>Author</TableCell>
            <TableCell align="right">Run</TableCell>
            <TableCell align="right">Simulation</TableCell>
            <TableCell align="right">Difference</TableCell>
            {PARTS.map(([, label]) => (
              <TableCell key={label} align="right">
                {label}
              </TableCell>
            ))}
            <TableCell>Payout (run → simulation)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell>
                <Link to={`/members/${encodeURIComponent(r.authorId)}/show`}>{r.authorName || r.authorId}</Link>
              </TableCell>
              <TableCell align="right">{formatMicros(r.runEarningsMicros)}</TableCell>
              <TableCell align="right">{formatMicros(r.simEarningsMicros)}</TableCell>
              <TableCell align="right">
                <strong>{delta(r, 'Earnings')}</strong>
              </TableCell>
              {PARTS.map(([part]) => (
                <TableCell key={part} align="right">
                  {delta(r, part)}
                </TableCell>
              ))}
              <TableCell>
                {formatCents(r.runPayoutCents)} → {formatCents(r.simPayoutCents)}
                {r.crossing ? ` (${r.crossing === 'up' ? 'now paid' : 'now carried'})` : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </Box>
);

/** A finished simulation against its run: totals, distribution, histogram, top gainers and losers. */
export const Comparison = ({ id }: { id: string }) => {
  const [c, setC] = useState<SimulationComparison | null>(null);
  useEffect(() => {
    dataProvider.fetchJson<SimulationComparison>(`simulations/${id}/comparison`).then(({ data }) => setC(data));
  }, [id]);
  if (!c) return null;
  const t = c.totals;
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6">Compared with the run</Typography>
        <Facts>
          <Fact label="Story earnings, run">{formatMicros(t.runEarningsMicros)}</Fact>
          <Fact label="Story earnings, simulation">{formatMicros(t.simEarningsMicros)}</Fact>
          <Fact label="Difference">{formatMicros(t.deltaEarningsMicros, { signed: true })}</Fact>
          <Fact label="Paid out, run">{formatCents(t.runPayoutCents)}</Fact>
          <Fact label="Paid out, simulation">{formatCents(t.simPayoutCents)}</Fact>
          <Fact label="Authors">
            <span data-testid="simulation-counts">
              {t.gainers} gain, {t.losers} lose, {t.unchanged} unchanged (of {t.authors})
            </span>
          </Fact>
          <Fact label="Cross the payout threshold">
            {t.crossedUp} now paid, {t.crossedDown} now carried
          </Fact>
          <Fact label="Deciles of the change">{c.deciles.map((d) => formatMicros(d, { signed: true })).join(' · ') || '—'}</Fact>
        </Facts>
        <Typography variant="subtitle1" sx={{ mt: 2 }}>
          How much the {t.gainers + t.losers} authors whose earnings change gain or lose
        </Typography>
        <Histogram buckets={c.histogram} />
        <Movers title="Top losers" rows={c.topLosers} testId="top-losers" />
        <Movers title="Top gainers" rows={c.topGainers} testId="top-gainers" />
      </CardContent>
    </Card>
  );
};
