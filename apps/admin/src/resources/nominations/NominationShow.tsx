import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BoltIcon from '@mui/icons-material/Bolt';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import LinkIcon from '@mui/icons-material/Link';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Box, Button, Card, CardContent, IconButton, Chip, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { BoostImpact, NominationEstimate } from '../simulations/BoostImpact';
import { Link, Show, useCanAccess, useGetList, useNotify, useRecordContext, useStore } from 'react-admin';
import { Fact, Facts, StatusChip } from '../../components/fields';
import { formatUtc } from '../../dates';
import { queueFilterOf } from '../../review-queue/api';
import { ClaimBanner } from '../../review-queue/ClaimBanner';
import { formatCount, formatPercent } from '../../numbers';
import { Keys } from '../../review-queue/Keys';
import { ShortcutButton, ShortcutHelp, type Shortcut } from '../../review-queue/ShortcutHelp';
import { useClaim, useQueueNavigation } from '../../review-queue/useQueue';
import { BoostDialog, DeclineDialog } from './actions';
import type { Nomination } from '../../api';

const SHORTCUTS: Shortcut[] = [
  { keys: ['a', 'b'], what: 'boost (asks first)' },
  { keys: ['r', 'd'], what: 'decline under a guideline' },
  { keys: ['j'], what: 'skip: the next nomination nobody is working on' },
  { keys: ['k'], what: 'the previous nomination in the queue' },
  { keys: ['u'], what: 'back to the queue' },
  { keys: ['?'], what: 'this help' },
];

function useQueueOrder(): string[] {
  const [listParams] = useStore<{ filter?: Record<string, unknown> }>('nominations.listParams');
  const { data } = useGetList<Nomination>('nominations', {
    filter: { ...queueFilterOf(listParams), status: 'pending' },
    sort: { field: 'nominatedAt', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  });
  return (data ?? []).map((n) => n.id);
}

const NominationReview = () => {
  const r = useRecordContext<Nomination>();
  const pending = r?.status === 'pending';
  const claim = useClaim('nominations', r?.id, pending);
  const nav = useQueueNavigation('nominations');
  const order = useQueueOrder();
  const notify = useNotify();
  const { canAccess } = useCanAccess({ resource: 'nominations', action: 'boost' });
  const [dialog, setDialog] = useState<'boost' | 'decline' | 'help' | null>(null);
  if (!r) return null;
  const can = canAccess && pending && claim.kind === 'mine';
  const previous = order[order.indexOf(r.id) - 1];
  const refuse = () =>
    notify(pending ? 'Another curator is working on this one' : `Already ${r.status}: decisions are final`, { type: 'warning' });
  const boost = () => (can ? setDialog('boost') : refuse());
  const decline = () => (can ? setDialog('decline') : refuse());
  const onDone = () => void nav.next(r.id);
  return (
    <Box>
      <Keys
        enabled={dialog === null}
        on={{
          a: boost,
          b: boost,
          r: decline,
          d: decline,
          j: () => void nav.next(r.id),
          k: () => (previous ? nav.open(previous) : notify('This is the first nomination of the queue', { type: 'info' })),
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
        <Button endIcon={<NavigateNextIcon />} onClick={() => void nav.next(r.id)}>
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
        {pending ? (
          <>
            <Button color="error" startIcon={<DoNotDisturbIcon />} disabled={!can} onClick={decline}>
              Decline (R)
            </Button>
            <Button variant="contained" color="success" startIcon={<BoltIcon />} disabled={!can} onClick={boost}>
              Boost (A)
            </Button>
          </>
        ) : null}
      </Stack>
      <ClaimBanner state={claim} what="nomination" />
      <NominationDetail r={r} />
      <BoostDialog record={r} open={dialog === 'boost'} onClose={() => setDialog(null)} onDone={onDone} />
      <DeclineDialog record={r} open={dialog === 'decline'} onClose={() => setDialog(null)} onDone={onDone} />
      <ShortcutHelp open={dialog === 'help'} onClose={() => setDialog(null)} shortcuts={SHORTCUTS} title="Curating a nomination: keys" />
    </Box>
  );
};

const NominationDetail = ({ r }: { r: Nomination }) => (
  <Card sx={{ mt: 1 }}>
    <CardContent>
      <Typography variant="h5" gutterBottom data-testid="story-title">
        {r.storyTitle}
      </Typography>
      <Facts>
        <Fact label="Story">
          <Link to={`/stories/${encodeURIComponent(r.storyId)}/show`}>{r.storyId}</Link> ({r.storyStatus})
        </Fact>
        <Fact label="Author">
          {r.authorName} ({r.authorId}){' '}
          {r.authorIsPartner ? <Chip size="small" label="partner" color="success" /> : <Chip size="small" label="not a partner" />}
        </Fact>
        <Fact label="Published">{`${formatUtc(r.storyPublishedAt)}${r.storyAgeDays !== null ? `, ${formatCount(r.storyAgeDays)} days ago` : ''}`}</Fact>
        <Fact label="Publication">
          {r.publicationName} ({r.publicationId})
        </Fact>
      </Facts>
      <Facts>
        <Fact label="Views (non-author)">{formatCount(r.views)}</Fact>
        <Fact label="Reads (≥ 30 s)">{formatCount(r.reads)}</Fact>
        <Fact label="Read ratio">{formatPercent(r.reads, r.views)}</Fact>
      </Facts>
      <Divider sx={{ my: 2 }} />
      <Facts>
        <Fact label="Nomination">{r.id}</Fact>
        <Fact label="Nominated">{formatUtc(r.nominatedAt)}</Fact>
        <Fact label="Nominator">
          <Link to={`/nominators/${encodeURIComponent(r.nominatorId)}/show`}>
            {r.nominatorName} ({r.nominatorId})
          </Link>
        </Fact>
        <Fact label="Status">
          <StatusChip value={r.status} />
        </Fact>
        {r.refusalReason ? <Fact label="Refused by the rules">{r.refusalReason.replace(/_/g, ' ')}</Fact> : null}
        {r.declineReason ? <Fact label="Declined under">{r.declineReason.replace(/_/g, ' ')}</Fact> : null}
        {r.note ? <Fact label="Note">{r.note}</Fact> : null}
        {r.decidedAt ? (
          <Fact label="Decided">
            {formatUtc(r.decidedAt)}
            {r.decidedBy ? ` by ${r.decidedByEmail ?? r.decidedBy}` : ''}
          </Fact>
        ) : null}
        {r.boostId ? (
          <Fact label="Boost">
            <Link to={`/boosts/${encodeURIComponent(r.boostId)}/show`}>{r.boostId}</Link>
          </Fact>
        ) : null}
      </Facts>
      {r.status === 'pending' ? <NominationEstimate nominationId={r.id} /> : null}
      {r.boostId ? <BoostImpact boostId={r.boostId} /> : null}
    </CardContent>
  </Card>
);

export const NominationShow = () => (
  <Show component="div" title="Nomination" actions={false}>
    <NominationReview />
  </Show>
);
