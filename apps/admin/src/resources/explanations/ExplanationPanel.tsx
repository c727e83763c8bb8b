import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Divider,
  List,
  ListItem,
  ListItemText,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Suspense, lazy } from 'react';
import { Link } from 'react-admin';
import { MoneyText } from '../../components/MoneyText';
import { Fact, Facts, StatusChip } from '../../components/fields';
import { useFetchJson } from '../../components/useFetchJson';
import { formatUtc } from '../../dates';
import { roundingLineLabel } from '@libs/help-desk/src/rounding-line';
import { formatMicros, formatCents, shownChangeCents, shownParts } from '../../money';
import { StatementLines } from '../statements';
import { formatCount } from '../../numbers';
import type { Explanation } from '../../api';

const BreakdownChart = lazy(() => import('./BreakdownChart'));

const signedAmount = (text: string, n: bigint) => {
  return <Chip size="small" label={text} color={n > 0n ? 'success' : n < 0n ? 'error' : 'default'} variant="outlined" />;
};

/** The writer's earnings explanation: the statement, the per-story breakdown and the ranked causes of the change. */
export const ExplanationView = ({ e }: { e: Explanation }) => {
  const c = e.comparison;
  const money = c.causes.filter((x) => String(x.amountMicros) !== '0');
  const notes = c.causes.filter((x) => String(x.amountMicros) === '0');
  // The change as shown (now − before, each to the cent); the causes plus one line add up to it.
  const changeCents = shownChangeCents(c.earningsMicros, c.previousEarningsMicros);
  const causes = shownParts(
    money.map((x) => x.amountMicros),
    c.changeMicros,
    { wholeCents: changeCents },
  );
  return (
    <Box data-testid="explanation">
      <Typography variant="h6">
        {e.author.name} (@{e.author.username}), {e.period}
      </Typography>
      <Facts>
        <Fact label="Run">
          <Link to={`/payout-runs/${e.run.id}/show`}>{e.run.period}</Link> <StatusChip value={e.run.status} />
          {e.run.final ? '' : ' (not approved: may change)'}
        </Fact>
        {e.ticket?.periodIsDefault ? <Fact label="Period">the last computed one (the ticket names none)</Fact> : null}
        <Fact label={`Earnings ${c.period}`}>{formatMicros(c.earningsMicros)}</Fact>
        <Fact label={`Earnings ${c.previousPeriod}`}>{c.hasPreviousRun ? formatMicros(c.previousEarningsMicros) : 'no run'}</Fact>
        <Fact label="Change">
          <span data-testid="change">{signedAmount(formatCents(changeCents, { signed: true }), changeCents)}</span>
        </Fact>
      </Facts>

      <Typography variant="subtitle1" sx={{ mt: 1 }}>
        Why it changed
      </Typography>
      <List dense data-testid="causes" data-breakdown data-whole-testid="change">
        {money.map((cause, i) => (
          <ListItem
            key={`${cause.kind}-${cause.storyId ?? ''}-${i}`}
            data-role="part"
            secondaryAction={<span data-amount>{signedAmount(causes.parts[i]!, BigInt(String(cause.amountMicros)))}</span>}
            sx={{ pr: 14 }}
          >
            <ListItemText primary={<MoneyText text={`${i + 1}. ${cause.text}`} />} secondary={cause.kind.replace(/_/g, ' ')} />
          </ListItem>
        ))}
        {money.length === 0 ? (
          <ListItem>
            <ListItemText primary="No change in money terms." />
          </ListItem>
        ) : null}
        {causes.rounding ? (
          <ListItem data-role="part" secondaryAction={<span data-amount>{signedAmount(causes.rounding, 0n)}</span>} sx={{ pr: 14 }}>
            <ListItemText
              primary={roundingLineLabel(c.notItemized)}
              secondary="what the amounts under a cent and the rounding of each line leave"
            />
          </ListItem>
        ) : null}
      </List>
      {notes.length ? (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, mb: 1 }}>
          {notes.map((n, i) => (
            <Alert key={`${n.kind}-${i}`} severity="info" variant="outlined">
              <MoneyText text={n.text} />
            </Alert>
          ))}
        </Box>
      ) : null}

      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle1">Statement</Typography>
      {e.statement ? (
        <>
          <Facts>
            <Fact label="Status">
              <StatusChip value={e.statement.status} />
            </Fact>
            <Fact label="Payout state">
              <StatusChip value={e.statement.payoutState} />
            </Fact>
            <Fact label="Payout account">
              {e.payoutAccount
                ? `${e.payoutAccount.status}, tax ${e.payoutAccount.taxStatus}${e.payoutAccount.ready ? ' (ready)' : ' (not ready)'}`
                : 'none'}
            </Fact>
            <Fact label="Enrollment">{e.enrollment.enrolledNow ? 'enrolled' : 'not enrolled now'}</Fact>
          </Facts>
          <Box data-testid="explanation-statement">
            <StatementLines s={e.statement} />
          </Box>
        </>
      ) : (
        <Typography color="text.secondary">No statement for {e.period} (nothing earned, or not a partner then).</Typography>
      )}

      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle1">Per story</Typography>
      {e.stories.some((s) => s.inRun) ? (
        <Suspense fallback={<Skeleton variant="rectangular" height={200} />}>
          <BreakdownChart stories={e.stories} />
        </Suspense>
      ) : null}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Story</TableCell>
            <TableCell align="right">Earnings</TableCell>
            <TableCell align="right">Before</TableCell>
            <TableCell align="right">Change</TableCell>
            <TableCell align="right">Views</TableCell>
            <TableCell align="right">Reads</TableCell>
            <TableCell align="right">Member reads</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {e.stories.map((s) => (
            <TableRow key={s.storyId}>
              <TableCell>
                {s.title}{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  {s.storyId}
                </Typography>
              </TableCell>
              <TableCell align="right">{formatMicros(s.earningsMicros)}</TableCell>
              <TableCell align="right">{s.previous ? formatMicros(s.previous.earningsMicros) : '—'}</TableCell>
              <TableCell align="right">
                {formatCents(shownChangeCents(s.earningsMicros, s.previous?.earningsMicros ?? 0), { signed: true })}
              </TableCell>
              <TableCell align="right">{formatCount(s.views)}</TableCell>
              <TableCell align="right">{formatCount(s.reads)}</TableCell>
              <TableCell align="right">{formatCount(s.memberReads)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {e.adjustments.length ? (
        <>
          <Typography variant="subtitle1" sx={{ mt: 2 }}>
            Adjustments
          </Typography>
          {e.adjustments.map((a) => (
            <Typography key={a.id} variant="body2">
              {formatMicros(a.amountMicros, { signed: true })}: {a.reason} ({formatUtc(a.createdAt)})
            </Typography>
          ))}
        </>
      ) : null}
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle1">What the writer sees</Typography>
      <Box component="pre" sx={{ whiteSpace: 'pre-wrap', typography: 'body2', bgcolor: 'action.hover', p: 1, borderRadius: 1 }}>
        <MoneyText text={e.writerText} />
      </Box>
    </Box>
  );
};

/** Loads an explanation (`tickets/<id>/explanation` or `explanations/<author>/<period>`) and shows it. */
export const ExplanationPanel = ({ path }: { path: string }) => {
  const state = useFetchJson<Explanation>(path);
  return (
    <Card>
      <CardContent>
        <Typography variant="overline">Earnings explanation</Typography>
        {state.error ? <Alert severity="warning">{state.error}</Alert> : null}
        {!state.data && !state.error ? <Skeleton variant="rectangular" height={240} /> : null}
        {state.data ? <ExplanationView e={state.data} /> : null}
      </CardContent>
    </Card>
  );
};
