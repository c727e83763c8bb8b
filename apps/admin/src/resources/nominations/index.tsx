import BoltIcon from '@mui/icons-material/Bolt';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import { Box, Button, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { DataTable, Link, List, NullableBooleanInput, SearchInput, SelectInput, Show, TextInput, TopToolbar, useRecordContext } from 'react-admin';
import { IfCan, ReasonDialog, useAction } from '../../components/actions';
import { csvExporter } from '../../components/exporter';
import { Fact, Facts, StatusChip, formatBps } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';

export const NOMINATION_STATUSES = ['pending', 'refused', 'boosted', 'declined'] as const;
export const DECLINE_REASONS = ['clickbait', 'ai_generated', 'sponsored', 'non_english', 'explicit', 'meta', 'rules_violation', 'other'] as const;
export const REFUSAL_REASONS = [
  'nominator_weekly_limit',
  'nominator_monthly_limit',
  'unknown_story',
  'story_not_published',
  'story_too_old',
  'wrong_publication',
  'ai_disclosed',
  'already_boosted',
  'already_nominated',
] as const;

export interface Nomination {
  id: string;
  status: string;
  nominatedAt: string;
  evaluatedAt: string | null;
  refusalReason: string | null;
  declineReason: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedByEmail: string | null;
  decidedAt: string | null;
  boostId: string | null;
  storyId: string;
  storyTitle: string;
  storyStatus: string;
  storyPublishedAt: string | null;
  storyAgeDays: number | null;
  authorId: string;
  authorName: string;
  authorIsPartner: boolean;
  nominatorId: string;
  nominatorName: string;
  publicationId: string;
  publicationName: string;
  views?: number;
  reads?: number;
  readRatioBps?: number;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Title, nominator, publication" />,
  <SelectInput key="status" source="status" choices={choices(NOMINATION_STATUSES)} alwaysOn />,
  <NullableBooleanInput key="authorIsPartner" source="authorIsPartner" label="Author is a partner" />,
  <TextInput key="publicationId" source="publicationId" label="Publication id" />,
  <TextInput key="nominatorId" source="nominatorId" label="Nominator (member id)" />,
  <TextInput key="storyId" source="storyId" label="Story id" />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <SelectInput key="declineReason" source="declineReason" label="Decline reason" choices={choices(DECLINE_REASONS)} />,
  <SelectInput key="refusalReason" source="refusalReason" label="Refusal reason" choices={choices(REFUSAL_REASONS)} />,
  ...dateRangeFilters('nominatedAt', 'Nominated'),
];

const stop = (e: MouseEvent) => e.stopPropagation();

/** Boost: a window from now, `boostDays` long (final). */
export const BoostNominationButton = ({ compact }: { compact?: boolean }) => {
  const record = useRecordContext<Nomination>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'pending') return null;
  return (
    <IfCan resource="nominations" action="boost">
      <span onClick={stop}>
        <Button size={compact ? 'small' : 'medium'} variant="contained" color="success" startIcon={<BoltIcon />} onClick={() => setOpen(true)}>
          Boost
        </Button>
        <ReasonDialog
          open={open}
          title={`Boost “${record.storyTitle}”`}
          confirmLabel="Boost"
          pending={pending}
          fields={[{ name: 'note', label: 'Note (optional)', multiline: true }]}
          onClose={() => setOpen(false)}
          onConfirm={async (v) => {
            const done = await run((dp) => dp.act('nominations', record.id, 'boost', v.note?.trim() ? { note: v.note.trim() } : {}), `Boosted “${record.storyTitle}”`);
            if (done) setOpen(false);
          }}
        >
          <Typography variant="body2">The boost starts now and lasts the configured number of days. Decisions are final.</Typography>
        </ReasonDialog>
      </span>
    </IfCan>
  );
};

export const DeclineNominationButton = ({ compact }: { compact?: boolean }) => {
  const record = useRecordContext<Nomination>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'pending') return null;
  return (
    <IfCan resource="nominations" action="decline">
      <span onClick={stop}>
        <Button size={compact ? 'small' : 'medium'} color="error" startIcon={<DoNotDisturbIcon />} onClick={() => setOpen(true)}>
          Decline
        </Button>
        <ReasonDialog
          open={open}
          title={`Decline “${record.storyTitle}”`}
          confirmLabel="Decline"
          pending={pending}
          fields={[
            { name: 'reason', label: 'Guideline', choices: DECLINE_REASONS, required: true },
            { name: 'note', label: 'Note (required for “other”)', multiline: true },
          ]}
          onClose={() => setOpen(false)}
          onConfirm={async (v) => {
            const body = v.note?.trim() ? { reason: v.reason, note: v.note.trim() } : { reason: v.reason };
            if (await run((dp) => dp.act('nominations', record.id, 'decline', body), `Declined “${record.storyTitle}”`)) setOpen(false);
          }}
        />
      </span>
    </IfCan>
  );
};

const StoryCell = ({ r }: { r: Nomination }) => (
  <Box>
    <Typography variant="body2">{r.storyTitle}</Typography>
    <Typography variant="caption" color="text.secondary">
      {r.storyId} · by {r.authorName} ({r.authorId}){r.authorIsPartner ? ' · partner' : ''}
    </Typography>
  </Box>
);

const NominationList = () => (
  <List
    filters={filters}
    filterDefaultValues={{ status: 'pending' }}
    sort={{ field: 'nominatedAt', order: 'ASC' }}
    actions={<ListActions />}
    exporter={csvExporter}
    title="Nomination queue"
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="nominatedAt" label="Nominated" render={(r: Nomination) => formatUtc(r.nominatedAt)} />
      <DataTable.Col source="storyId" label="Story" disableSort sx={{ minWidth: 280 }} render={(r: Nomination) => <StoryCell r={r} />} />
      <DataTable.Col source="publicationName" label="Publication" disableSort />
      <DataTable.Col source="nominatorName" label="Nominator" disableSort />
      <DataTable.Col source="storyPublishedAt" label="Published" render={(r: Nomination) => `${formatUtc(r.storyPublishedAt)}${r.storyAgeDays !== null ? ` (${r.storyAgeDays} d)` : ''}`} />
      <DataTable.Col source="views" disableSort align="right" />
      <DataTable.Col source="reads" disableSort align="right" />
      <DataTable.Col source="readRatioBps" label="Read ratio" disableSort align="right" render={(r: Nomination) => formatBps(r.readRatioBps)} />
      <DataTable.Col source="status" render={(r: Nomination) => <StatusChip value={r.status} />} />
      <DataTable.Col label="Decide" disableSort render={() => (
        <Stack direction="row" spacing={1}>
          <BoostNominationButton compact />
          <DeclineNominationButton compact />
        </Stack>
      )} />
    </DataTable>
  </List>
);

const NominationDetail = () => {
  const r = useRecordContext<Nomination>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom data-testid="story-title">
          {r.storyTitle}
        </Typography>
        <Facts>
          <Fact label="Story">
            <Link to={`/stories/${encodeURIComponent(r.storyId)}/show`}>{r.storyId}</Link> ({r.storyStatus})
          </Fact>
          <Fact label="Author">
            {r.authorName} ({r.authorId}) {r.authorIsPartner ? <Chip size="small" label="partner" color="success" /> : <Chip size="small" label="not a partner" />}
          </Fact>
          <Fact label="Published">{`${formatUtc(r.storyPublishedAt)}${r.storyAgeDays !== null ? `, ${r.storyAgeDays} days ago` : ''}`}</Fact>
          <Fact label="Publication">
            {r.publicationName} ({r.publicationId})
          </Fact>
        </Facts>
        <Facts>
          <Fact label="Views (non-author)">{r.views ?? '—'}</Fact>
          <Fact label="Reads (≥ 30 s)">{r.reads ?? '—'}</Fact>
          <Fact label="Read ratio">{formatBps(r.readRatioBps)}</Fact>
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
      </CardContent>
    </Card>
  );
};

const NominationShow = () => (
  <Show
    component="div"
    title="Nomination"
    actions={
      <TopToolbar sx={{ gap: 1 }}>
        <DeclineNominationButton />
        <BoostNominationButton />
      </TopToolbar>
    }
  >
    <NominationDetail />
  </Show>
);

export default { list: NominationList, show: NominationShow, icon: PlaylistAddCheckIcon, recordRepresentation: 'storyTitle' };
