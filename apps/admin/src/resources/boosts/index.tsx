import BoltIcon from '@mui/icons-material/Bolt';
import StopCircleIcon from '@mui/icons-material/StopCircle';
import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { DataTable, Link, List, SearchInput, SelectInput, Show, TextInput, TopToolbar, useRecordContext } from 'react-admin';
import { IfCan, ReasonDialog, useAction } from '../../components/actions';
import { exporterOf } from '../../components/exporter';
import { BoostImpact } from '../simulations/BoostImpact';
import { boostCsv } from './csv';
import { Fact, Facts, StatusChip } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';
import { MAX_REASON_LENGTH } from '@libs/core/src/text-limits';
import type { Boost } from '../../api';

const boostExporter = exporterOf(boostCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Story title" />,
  <SelectInput key="state" source="state" choices={choices(['active', 'upcoming', 'ended'])} alwaysOn />,
  <SelectInput key="source" source="source" choices={choices(['nomination', 'curator'])} />,
  <TextInput key="storyId" source="storyId" label="Story id" />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <TextInput key="publicationId" source="publicationId" label="Publication id" />,
  ...dateRangeFilters('startsAt', 'Starts'),
  ...dateRangeFilters('endsAt', 'Ends'),
];

export const EndBoostButton = () => {
  const record = useRecordContext<Boost>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  if (!record || record.state !== 'active') return null;
  return (
    <IfCan resource="boosts" action="end">
      <Button color="warning" startIcon={<StopCircleIcon />} onClick={() => setOpen(true)}>
        End boost now
      </Button>
      <ReasonDialog
        open={open}
        title={`End the boost of “${record.storyTitle}”`}
        confirmLabel="End boost"
        pending={pending}
        fields={[{ name: 'reason', label: 'Reason', required: true, multiline: true, maxLength: MAX_REASON_LENGTH }]}
        onClose={() => setOpen(false)}
        onConfirm={async (v) => {
          if (await run((dp) => dp.act('boosts', record.id, 'end', { reason: v.reason }), 'Boost ended')) setOpen(false);
        }}
      >
        <Typography variant="body2">The payout run then counts the shortened window.</Typography>
      </ReasonDialog>
    </IfCan>
  );
};

const BoostList = () => (
  <List filters={filters} sort={{ field: 'startsAt', order: 'DESC' }} actions={<ListActions />} exporter={boostExporter} title="Boosts">
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col
        source="storyId"
        label="Story"
        sx={{ minWidth: 240 }}
        render={(r: Boost) => (
          <Box>
            <Typography variant="body2">{r.storyTitle}</Typography>
            <Typography variant="caption" color="text.secondary">
              {r.storyId} · author {r.authorId}
            </Typography>
          </Box>
        )}
      />
      <DataTable.Col source="publicationName" label="Publication" disableSort />
      <DataTable.Col source="source" />
      <DataTable.Col source="startsAt" label="Starts" render={(r: Boost) => formatUtc(r.startsAt)} />
      <DataTable.Col source="endsAt" label="Ends" render={(r: Boost) => formatUtc(r.endsAt)} />
      <DataTable.Col source="state" disableSort render={(r: Boost) => <StatusChip value={r.state} />} />
      <DataTable.Col source="endedEarly" label="Ended early" disableSort render={(r: Boost) => (r.endedEarly ? 'yes' : '')} />
    </DataTable>
  </List>
);

const BoostDetail = () => {
  const r = useRecordContext<Boost>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {r.storyTitle}
        </Typography>
        <Facts>
          <Fact label="Boost">{r.id}</Fact>
          <Fact label="State">
            <StatusChip value={r.state} />
          </Fact>
          <Fact label="Story">
            <Link to={`/stories/${encodeURIComponent(r.storyId)}/show`}>{r.storyId}</Link>
          </Fact>
          <Fact label="Author">{r.authorId}</Fact>
          <Fact label="Publication">{r.publicationName ?? '—'}</Fact>
          <Fact label="Source">{r.source}</Fact>
          {r.nominationId ? (
            <Fact label="Nomination">
              <Link to={`/nominations/${encodeURIComponent(r.nominationId)}/show`}>{r.nominationId}</Link>
            </Fact>
          ) : null}
        </Facts>
        <Facts>
          <Fact label="Starts">{formatUtc(r.startsAt)}</Fact>
          <Fact label="Ends (exclusive)">{formatUtc(r.endsAt)}</Fact>
          <Fact label="Scheduled end">{formatUtc(r.scheduledEndsAt)}</Fact>
          {r.boostedBy ? <Fact label="Boosted by">{r.boostedByEmail ?? r.boostedBy}</Fact> : null}
          {r.boostReason ? <Fact label="Boost reason">{r.boostReason}</Fact> : null}
          {r.endedEarly ? <Fact label="Ended early">{formatUtc(r.endedAt)}</Fact> : null}
          {r.endedBy ? <Fact label="Ended by">{r.endedByEmail ?? r.endedBy}</Fact> : null}
          {r.endReason ? <Fact label="End reason">{r.endReason}</Fact> : null}
        </Facts>
        <BoostImpact boostId={r.id} />
      </CardContent>
    </Card>
  );
};

const BoostShow = () => (
  <Show
    component="div"
    title="Boost"
    actions={
      <TopToolbar>
        <EndBoostButton />
      </TopToolbar>
    }
  >
    <BoostDetail />
  </Show>
);

export default { list: BoostList, show: BoostShow, icon: BoltIcon, recordRepresentation: 'storyTitle' };
