import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import type { CaseDetail } from './constants';

type Row = NonNullable<CaseDetail['stake']>['authors'][number];

const Rows = ({ rows, testId }: { rows: Row[]; testId: string }) => (
  <>
    {rows.map((a) => (
      <TableRow key={a.authorId} data-testid={testId}>
        <TableCell>{`${a.authorName} (${a.authorId})`}</TableCell>
        <TableCell align="right">{formatMicros(a.nowMicros)}</TableCell>
        <TableCell align="right">{formatMicros(a.afterMicros)}</TableCell>
        <TableCell align="right">{formatMicros(a.deltaMicros, { signed: true })}</TableCell>
      </TableRow>
    ))}
  </>
);

/**
 * What excluding the case does to the money: each of its authors' story earnings now → with
 * the case excluded (the period's computed run; without one, the change only), and the
 * writers who gain. After an exclusion the same figures stay (the run that applied it is the "after").
 */
export const CaseStake = ({ r }: { r: CaseDetail }) => {
  const s = r.stake;
  if (!s) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="case-stake">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Before / after the exclusion
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom data-testid="stake-basis">
          {s.run
            ? `Earnings in the period's ${s.run.status} run${s.run.applied ? ', which already applied this exclusion' : ''}.`
            : `${s.runNote ?? ''}.`}{' '}
          {`${formatCount(r.stakeGainers ?? 0)} other writer${r.stakeGainers === 1 ? '' : 's'} would gain.`}
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Author</TableCell>
              <TableCell align="right">Now</TableCell>
              <TableCell align="right">With the case excluded</TableCell>
              <TableCell align="right">Change</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <Rows rows={s.authors} testId="stake-author" />
            {s.topGainers.length ? (
              <TableRow>
                <TableCell colSpan={4}>
                  <Typography variant="subtitle2">Largest gainers</Typography>
                </TableCell>
              </TableRow>
            ) : null}
            <Rows rows={s.topGainers} testId="stake-gainer" />
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};
