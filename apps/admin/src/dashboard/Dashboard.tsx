import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import BoltIcon from '@mui/icons-material/Bolt';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import PaymentsIcon from '@mui/icons-material/Payments';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import PriceCheckIcon from '@mui/icons-material/PriceCheck';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Box, Card, CardActionArea, CardContent, Skeleton, Typography } from '@mui/material';
import { Suspense, lazy, type ReactNode } from 'react';
import { Link, Title, useGetIdentity, useGetList, usePermissions } from 'react-admin';
import { can } from '../access';
import { Progress, StatusChip, filteredListPath } from '../components/fields';
import { formatUtc } from '../dates';
import { formatCents, formatMicros } from '../money';
import { formatCount } from '../numbers';
import type { PayoutRun } from '../resources/payout-runs';
import { IntegrityAlert } from './IntegrityAlert';

const PeriodCharts = lazy(() => import('./PeriodCharts'));

const Tile = ({
  icon,
  title,
  to,
  testId,
  children,
}: {
  icon: ReactNode;
  title: string;
  to: string;
  testId: string;
  children: ReactNode;
}) => (
  <Card sx={{ minWidth: 240, flex: '1 1 240px' }} data-testid={testId}>
    <CardActionArea component={Link} to={to} sx={{ height: '100%' }}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary', mb: 1 }}>
          {icon}
          <Typography variant="subtitle2">{title}</Typography>
        </Box>
        {children}
      </CardContent>
    </CardActionArea>
  </Card>
);

/** How many records a filter matches: one row fetched, the total read from Content-Range. */
function useCount(resource: string, filter: Record<string, unknown>, sort: { field: string; order: 'ASC' | 'DESC' }, enabled: boolean) {
  const { total, isPending, error } = useGetList(resource, { pagination: { page: 1, perPage: 1 }, sort, filter }, { enabled });
  return { total, loading: enabled && isPending, error };
}

const Count = ({ value, loading, unit }: { value?: number; loading: boolean; unit: string }) =>
  loading ? (
    <Skeleton width={80} height={48} />
  ) : (
    <Typography variant="h4" component="div">
      <span data-testid="count">{value === undefined ? '—' : formatCount(value)}</span>{' '}
      <Typography component="span" variant="body2" color="text.secondary">
        {unit}
      </Typography>
    </Typography>
  );

const Applications = () => {
  const pending = useCount('applications', { status: 'pending' }, { field: 'submittedAt', order: 'ASC' }, true);
  const eligible = useCount('applications', { status: 'pending', eligible: true }, { field: 'submittedAt', order: 'ASC' }, true);
  return (
    <Tile
      icon={<HowToRegIcon />}
      title="Pending applications"
      to={filteredListPath('applications', { status: 'pending' })}
      testId="tile-applications"
    >
      <Count value={pending.total} loading={pending.loading} unit="waiting" />
      <Typography variant="body2" color="text.secondary">
        {eligible.loading ? '…' : `${formatCount(eligible.total ?? 0)} pass all four checks`}
      </Typography>
    </Tile>
  );
};

const Nominations = () => {
  const pending = useCount('nominations', { status: 'pending' }, { field: 'nominatedAt', order: 'ASC' }, true);
  return (
    <Tile
      icon={<PlaylistAddCheckIcon />}
      title="Nomination queue"
      to={filteredListPath('nominations', { status: 'pending' })}
      testId="tile-nominations"
    >
      <Count value={pending.total} loading={pending.loading} unit="to decide" />
    </Tile>
  );
};

const Tickets = () => {
  const open = useCount('tickets', { status: 'open' }, { field: 'createdAt', order: 'ASC' }, true);
  return (
    <Tile icon={<SupportAgentIcon />} title="Open tickets" to={filteredListPath('tickets', { status: 'open' })} testId="tile-tickets">
      <Count value={open.error ? undefined : open.total} loading={open.loading} unit="open" />
    </Tile>
  );
};

/** Open tickets assigned to the signed-in staff user. */
const AssignedToMe = ({ me }: { me: string }) => {
  const mine = useCount('tickets', { status: 'open', assigneeId: me }, { field: 'createdAt', order: 'ASC' }, true);
  return (
    <Tile
      icon={<AssignmentIndIcon />}
      title="Assigned to me"
      to={filteredListPath('tickets', { status: 'open', assigneeId: me })}
      testId="tile-assigned"
    >
      <Count value={mine.error ? undefined : mine.total} loading={mine.loading} unit="open" />
    </Tile>
  );
};

const ActiveBoosts = () => {
  const active = useCount('boosts', { state: 'active' }, { field: 'startsAt', order: 'DESC' }, true);
  return (
    <Tile icon={<BoltIcon />} title="Active boosts" to={filteredListPath('boosts', { state: 'active' })} testId="tile-boosts">
      <Count value={active.total} loading={active.loading} unit="running" />
    </Tile>
  );
};

const AwaitingApproval = () => {
  const computed = useCount('payout-runs', { status: 'computed' }, { field: 'period', order: 'DESC' }, true);
  return (
    <Tile
      icon={<VerifiedIcon />}
      title="Runs awaiting approval"
      to={filteredListPath('payout-runs', { status: 'computed' })}
      testId="tile-approvals"
    >
      <Count value={computed.total} loading={computed.loading} unit="computed" />
    </Tile>
  );
};

/** Approved runs whose payouts are not marked paid yet (finance's next step after approval). */
const AwaitingMarkPaid = () => {
  const approved = useGetList<PayoutRun>('payout-runs', {
    pagination: { page: 1, perPage: 3 },
    sort: { field: 'period', order: 'ASC' },
    filter: { status: 'approved' },
  });
  const runs = approved.data ?? [];
  return (
    <Tile
      icon={<PriceCheckIcon />}
      title="Runs waiting to be marked paid"
      to={runs.length === 1 ? `/payout-runs/${runs[0].id}/show` : filteredListPath('payout-runs', { status: 'approved' })}
      testId="tile-mark-paid"
    >
      <Count value={approved.total} loading={approved.isPending} unit="approved, not paid" />
      <Typography variant="body2" color="text.secondary" data-testid="mark-paid-periods">
        {runs.length
          ? runs.map((r) => `${r.period}: ${formatCount(r.paidAuthors)} authors, ${formatCents(r.paidOutCents)}`).join(' · ')
          : 'Nothing to mark paid'}
      </Typography>
    </Tile>
  );
};

/** The latest run (by period): its state, and progress while it computes (polled). */
const CurrentRun = () => {
  const { data, isPending } = useGetList<PayoutRun>(
    'payout-runs',
    { pagination: { page: 1, perPage: 1 }, sort: { field: 'period', order: 'DESC' } },
    { refetchInterval: (q) => (q.state.data?.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false) },
  );
  const run = data?.[0];
  return (
    <Tile icon={<PaymentsIcon />} title="Current payout run" to={run ? `/payout-runs/${run.id}/show` : '/payout-runs'} testId="tile-run">
      {isPending ? (
        <Skeleton width={160} height={48} />
      ) : run ? (
        <>
          <Typography variant="h5" component="div" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            {run.period} <StatusChip value={run.status} />
          </Typography>
          {run.status === 'queued' || run.status === 'running' ? (
            <Progress value={run.progress ?? 0} />
          ) : (
            <Typography variant="body2" color="text.secondary">
              {run.poolMicros !== null ? `Pool ${formatMicros(run.poolMicros)}, allocated ${formatMicros(run.allocatedMicros)}` : ''}
              {run.computedAt ? ` · computed ${formatUtc(run.computedAt)}` : ''}
            </Typography>
          )}
        </>
      ) : (
        <Typography color="text.secondary">No run yet</Typography>
      )}
    </Tile>
  );
};

export const Dashboard = () => {
  const { permissions } = usePermissions<string[]>();
  const { identity } = useGetIdentity();
  const roles = permissions ?? [];
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Dashboard" />
      <Typography variant="h5" gutterBottom data-testid="dashboard-heading">
        Waiting for {identity?.fullName ?? 'you'}
      </Typography>
      {can(roles, 'ledger-integrity', 'show') ? <IntegrityAlert /> : null}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 3 }}>
        {can(roles, 'applications', 'list') ? <Applications /> : null}
        {can(roles, 'nominations', 'list') ? <Nominations /> : null}
        {can(roles, 'tickets', 'list') ? <Tickets /> : null}
        {can(roles, 'tickets', 'edit') && identity?.id ? <AssignedToMe me={String(identity.id)} /> : null}
        <CurrentRun />
        {can(roles, 'payout-runs', 'approve') ? <AwaitingApproval /> : null}
        {can(roles, 'payout-runs', 'mark-paid') ? <AwaitingMarkPaid /> : null}
        {can(roles, 'nominations', 'list') ? <ActiveBoosts /> : null}
      </Box>
      <Suspense fallback={<Skeleton variant="rectangular" height={320} />}>
        <PeriodCharts />
      </Suspense>
    </Box>
  );
};
