import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import LinkIcon from '@mui/icons-material/Link';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Box, Button, Card, CardContent, IconButton, Divider, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { Link, Show, useCanAccess, useGetList, useNotify, useRecordContext, useStore } from 'react-admin';
import { Fact, StatusChip, UtcField } from '../../components/fields';
import { formatDay, formatUtc } from '../../dates';
import { queueFilterOf } from '../../review-queue/api';
import { ClaimBanner } from '../../review-queue/ClaimBanner';
import { Keys } from '../../review-queue/Keys';
import { ShortcutButton, ShortcutHelp, type Shortcut } from '../../review-queue/ShortcutHelp';
import { useClaim, useQueueNavigation } from '../../review-queue/useQueue';
import { ApproveDialog, RecheckButton, RejectDialog, approveBlocker } from './actions';
import { Applicant } from './ApplicationList';
import { CheckCards } from './checks';
import type { Application } from '../../api';

const SHORTCUTS: Shortcut[] = [
  { keys: ['a'], what: 'approve (asks first)' },
  { keys: ['r'], what: 'reject with a reason and a note' },
  { keys: ['j'], what: 'skip: the next application nobody is working on' },
  { keys: ['k'], what: 'the previous application in the queue' },
  { keys: ['u'], what: 'back to the queue' },
  { keys: ['?'], what: 'this help' },
];

/** The pending applications of the queue's current filter, in queue order (for "previous"). */
function useQueueOrder(): string[] {
  const [listParams] = useStore<{ filter?: Record<string, unknown> }>('applications.listParams');
  const { data } = useGetList<Application>('applications', {
    filter: { ...queueFilterOf(listParams), status: 'pending' },
    sort: { field: 'submittedAt', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  });
  return (data ?? []).map((a) => a.id);
}

const ApplicationReview = () => {
  const record = useRecordContext<Application>();
  const pending = record?.status === 'pending';
  const claim = useClaim('applications', record?.id, pending);
  const nav = useQueueNavigation('applications');
  const order = useQueueOrder();
  const notify = useNotify();
  const { canAccess } = useCanAccess({ resource: 'applications', action: 'approve' });
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'help' | null>(null);
  if (!record) return null;
  const mine = claim.kind === 'mine';
  const blocker = approveBlocker(record);
  const canApprove = canAccess && mine && !blocker;
  const canReject = canAccess && mine;
  const previous = order[order.indexOf(record.id) - 1];
  const keysOn = dialog === null;
  const onDone = () => void nav.next(record.id);
  return (
    <Box>
      <Keys
        enabled={keysOn}
        on={{
          a: () =>
            canApprove
              ? setDialog('approve')
              : notify(!mine && pending ? 'Another reviewer is working on this one' : `Cannot approve: ${blocker}`, { type: 'warning' }),
          r: () => (canReject ? setDialog('reject') : notify('Another reviewer is working on this one', { type: 'warning' })),
          j: () => void nav.next(record.id),
          k: () => (previous ? nav.open(previous) : notify('This is the first application of the queue', { type: 'info' })),
          u: nav.backToQueue,
        }}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', py: 1 }}>
        <Button startIcon={<ArrowBackIcon />} onClick={nav.backToQueue}>
          Queue (U)
        </Button>
        <Button startIcon={<NavigateBeforeIcon />} onClick={() => previous && nav.open(previous)} disabled={!previous}>
          Prev (K)
        </Button>
        <Button endIcon={<NavigateNextIcon />} onClick={() => void nav.next(record.id)}>
          Next (J)
        </Button>
        <IconButton
          aria-label="Copy the link to this page"
          title="Copy the link to this page"
          onClick={() => void navigator.clipboard?.writeText(window.location.href).then(() => notify('Link copied', { type: 'info' }))}
        >
          <LinkIcon />
        </IconButton>
        <Box sx={{ flex: 1 }} />
        <ShortcutButton onOpen={() => setDialog('help')} />
        <RecheckButton />
        {pending ? (
          <>
            <Button color="error" variant="outlined" startIcon={<CloseIcon />} disabled={!canReject} onClick={() => setDialog('reject')}>
              Reject (R)
            </Button>
            <Tooltip title={blocker ?? (mine ? 'All four checks pass' : 'Another reviewer is working on this one')}>
              <span>
                <Button
                  variant="contained"
                  color="success"
                  startIcon={<CheckIcon />}
                  disabled={!canApprove}
                  onClick={() => setDialog('approve')}
                >
                  Approve (A)
                </Button>
              </span>
            </Tooltip>
          </>
        ) : null}
      </Stack>
      <ClaimBanner state={claim} what="application" />
      <ApplicationDetail record={record} />
      <ApproveDialog record={record} open={dialog === 'approve'} onClose={() => setDialog(null)} onDone={onDone} />
      <RejectDialog record={record} open={dialog === 'reject'} onClose={() => setDialog(null)} onDone={onDone} />
      <ShortcutHelp open={dialog === 'help'} onClose={() => setDialog(null)} shortcuts={SHORTCUTS} title="Reviewing an application: keys" />
    </Box>
  );
};

const ApplicationDetail = ({ record }: { record: Application }) => (
  <Card sx={{ mt: 1 }}>
    <CardContent>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 3, mb: 2 }} data-testid="application-facts">
        <Fact label="Application">{record.id}</Fact>
        <Fact label="Applicant">
          <Applicant record={record} />
        </Fact>
        <Fact label="Country">{record.country}</Fact>
        <Fact label="Birth date">{formatDay(record.birthDate)}</Fact>
        <Fact label="Submitted">
          <UtcField source="submittedAt" />
        </Fact>
        <Fact label="Status">
          <StatusChip value={record.status} />
        </Fact>
        {record.status !== 'pending' ? (
          <>
            <Fact label="Decided">
              {formatUtc(record.decidedAt)} by {record.decidedByEmail ?? '—'}
            </Fact>
            {record.rejectReason ? <Fact label="Reject reason">{record.rejectReason.replace(/_/g, ' ')}</Fact> : null}
            {record.note ? <Fact label="Note">{record.note}</Fact> : null}
            {record.enrollmentId && record.memberId ? (
              <Fact label="Partner">
                <Link to={`/partners/${encodeURIComponent(record.memberId)}/show`}>{record.enrollmentId}</Link>
              </Fact>
            ) : null}
          </>
        ) : null}
      </Stack>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="h6" gutterBottom>
        Eligibility checks
      </Typography>
      <CheckCards record={record} />
    </CardContent>
  </Card>
);

export const ApplicationShow = () => (
  <Show actions={false} component="div" title="Application">
    <ApplicationReview />
  </Show>
);
