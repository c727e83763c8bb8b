import { Alert, Box, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link } from 'react-admin';
import type { MonthEstimate } from '../../api';
import { IfCan } from '../../components/actions';
import { Fact, Facts } from '../../components/fields';
import { useFetchJson } from '../../components/useFetchJson';
import { formatMicros } from '../../money';

/**
 * The open month's earnings so far, estimated from the days aggregated so far with the
 * engine's rules: an author's (their stories) or one story's. Always labelled as an
 * estimate with the last day it includes.
 */
export const MonthEstimatePanel = (props: { authorId?: string; storyId?: string }) => (
  <IfCan resource="estimates" action="show">
    <EstimateFacts {...props} />
  </IfCan>
);

const EstimateFacts = ({ authorId, storyId }: { authorId?: string; storyId?: string }) => {
  const path = authorId ? `estimates/authors/${encodeURIComponent(authorId)}` : `estimates/stories/${encodeURIComponent(storyId ?? '')}`;
  const state = useFetchJson<MonthEstimate>(path);
  const e = state.data;
  return (
    <Box data-testid="month-estimate" sx={{ my: 2 }}>
      <Typography variant="subtitle1">Earnings this month so far</Typography>
      {state.error ? <Alert severity="warning">{state.error}</Alert> : null}
      {!e && !state.error ? <Skeleton variant="rectangular" height={48} /> : null}
      {e ? (
        e.asOf ? (
          <>
            <Facts>
              <Fact label={`Estimate as of ${e.asOf}`}>
                <span data-testid="month-estimate-amount">{formatMicros(e.storyEarningsMicros)}</span>
              </Fact>
              <Fact label="Month">{e.period}</Fact>
            </Facts>
            <Typography variant="caption" color="text.secondary" data-testid="month-estimate-label">
              Estimate as of {e.asOf} (UTC, the last day of reading data included); the month's run decides the amount.
            </Typography>
            {authorId && e.stories.length > 0 ? (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Story</TableCell>
                    <TableCell align="right">Estimate</TableCell>
                    <TableCell align="right">Member reads</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {e.stories.map((s) => (
                    <TableRow key={s.storyId}>
                      <TableCell>
                        <Link to={`/stories/${encodeURIComponent(s.storyId)}/show`}>{s.storyId}</Link>
                      </TableCell>
                      <TableCell align="right">{formatMicros(s.earningsMicros)}</TableCell>
                      <TableCell align="right">{s.memberReads}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </>
        ) : (
          <Typography variant="body2" data-testid="month-estimate-label">
            No estimate for {e.period} yet: no day of it has been aggregated.
          </Typography>
        )
      ) : null}
    </Box>
  );
};
